from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.holding_out import HoldingOut





T = TypeVar("T", bound="HoldingsSummaryOut")



@_attrs_define
class HoldingsSummaryOut:
    """ 
        Attributes:
            aum (str):
            count (int):
            top (list[HoldingOut]):
     """

    aum: str
    count: int
    top: list[HoldingOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.holding_out import HoldingOut # noqa: PLC0415
        aum = self.aum

        count = self.count

        top = []
        for top_item_data in self.top:
            top_item = top_item_data.to_dict()
            top.append(top_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "aum": aum,
            "count": count,
            "top": top,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.holding_out import HoldingOut # noqa: PLC0415
        d = dict(src_dict)
        aum = d.pop("aum")

        count = d.pop("count")

        top = []
        _top = d.pop("top")
        for top_item_data in (_top):
            top_item = HoldingOut.from_dict(top_item_data)



            top.append(top_item)


        holdings_summary_out = cls(
            aum=aum,
            count=count,
            top=top,
        )


        holdings_summary_out.additional_properties = d
        return holdings_summary_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
