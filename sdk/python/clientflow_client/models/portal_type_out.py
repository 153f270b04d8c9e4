from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.portal_field_out import PortalFieldOut
  from ..models.portal_type_out_names import PortalTypeOutNames





T = TypeVar("T", bound="PortalTypeOut")



@_attrs_define
class PortalTypeOut:
    """ 
        Attributes:
            complaint (bool):
            fields (list[PortalFieldOut]):
            key (str):
            names (PortalTypeOutNames):
     """

    complaint: bool
    fields: list[PortalFieldOut]
    key: str
    names: PortalTypeOutNames
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.portal_field_out import PortalFieldOut # noqa: PLC0415
        from ..models.portal_type_out_names import PortalTypeOutNames # noqa: PLC0415
        complaint = self.complaint

        fields = []
        for fields_item_data in self.fields:
            fields_item = fields_item_data.to_dict()
            fields.append(fields_item)



        key = self.key

        names = self.names.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "complaint": complaint,
            "fields": fields,
            "key": key,
            "names": names,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.portal_field_out import PortalFieldOut # noqa: PLC0415
        from ..models.portal_type_out_names import PortalTypeOutNames # noqa: PLC0415
        d = dict(src_dict)
        complaint = d.pop("complaint")

        fields = []
        _fields = d.pop("fields")
        for fields_item_data in (_fields):
            fields_item = PortalFieldOut.from_dict(fields_item_data)



            fields.append(fields_item)


        key = d.pop("key")

        names = PortalTypeOutNames.from_dict(d.pop("names"))




        portal_type_out = cls(
            complaint=complaint,
            fields=fields,
            key=key,
            names=names,
        )


        portal_type_out.additional_properties = d
        return portal_type_out

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
