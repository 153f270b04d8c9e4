from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.template_out import TemplateOut





T = TypeVar("T", bound="TemplateSetOut")



@_attrs_define
class TemplateSetOut:
    """ 
        Attributes:
            key (str):
            locales (list[TemplateOut]):
     """

    key: str
    locales: list[TemplateOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.template_out import TemplateOut # noqa: PLC0415
        key = self.key

        locales = []
        for locales_item_data in self.locales:
            locales_item = locales_item_data.to_dict()
            locales.append(locales_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "locales": locales,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_out import TemplateOut # noqa: PLC0415
        d = dict(src_dict)
        key = d.pop("key")

        locales = []
        _locales = d.pop("locales")
        for locales_item_data in (_locales):
            locales_item = TemplateOut.from_dict(locales_item_data)



            locales.append(locales_item)


        template_set_out = cls(
            key=key,
            locales=locales,
        )


        template_set_out.additional_properties = d
        return template_set_out

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
