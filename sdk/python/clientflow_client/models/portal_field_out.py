from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.portal_field_out_labels import PortalFieldOutLabels





T = TypeVar("T", bound="PortalFieldOut")



@_attrs_define
class PortalFieldOut:
    """ 
        Attributes:
            kind (str):
            labels (PortalFieldOutLabels):
            name (str):
            options (list[str]):
            required (bool):
     """

    kind: str
    labels: PortalFieldOutLabels
    name: str
    options: list[str]
    required: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.portal_field_out_labels import PortalFieldOutLabels # noqa: PLC0415
        kind = self.kind

        labels = self.labels.to_dict()

        name = self.name

        options = self.options



        required = self.required


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "kind": kind,
            "labels": labels,
            "name": name,
            "options": options,
            "required": required,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.portal_field_out_labels import PortalFieldOutLabels # noqa: PLC0415
        d = dict(src_dict)
        kind = d.pop("kind")

        labels = PortalFieldOutLabels.from_dict(d.pop("labels"))




        name = d.pop("name")

        options = cast(list[str], d.pop("options"))


        required = d.pop("required")

        portal_field_out = cls(
            kind=kind,
            labels=labels,
            name=name,
            options=options,
            required=required,
        )


        portal_field_out.additional_properties = d
        return portal_field_out

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
