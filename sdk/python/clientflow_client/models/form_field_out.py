from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.form_field_out_labels import FormFieldOutLabels





T = TypeVar("T", bound="FormFieldOut")



@_attrs_define
class FormFieldOut:
    """ 
        Attributes:
            labels (FormFieldOutLabels): zh-CN and en
            name (str):
            options (list[str]):
            required (bool):
            type_ (str): text | number | date | choice | file (a document's id)
     """

    labels: FormFieldOutLabels
    name: str
    options: list[str]
    required: bool
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.form_field_out_labels import FormFieldOutLabels # noqa: PLC0415
        labels = self.labels.to_dict()

        name = self.name

        options = self.options



        required = self.required

        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "labels": labels,
            "name": name,
            "options": options,
            "required": required,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.form_field_out_labels import FormFieldOutLabels # noqa: PLC0415
        d = dict(src_dict)
        labels = FormFieldOutLabels.from_dict(d.pop("labels"))




        name = d.pop("name")

        options = cast(list[str], d.pop("options"))


        required = d.pop("required")

        type_ = d.pop("type")

        form_field_out = cls(
            labels=labels,
            name=name,
            options=options,
            required=required,
            type_=type_,
        )


        form_field_out.additional_properties = d
        return form_field_out

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
