from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.custom_field_in_type import CustomFieldInType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CustomFieldIn")



@_attrs_define
class CustomFieldIn:
    """ 
        Attributes:
            label (str):
            type_ (CustomFieldInType):
            expected_version (int | Unset): 0 to create; the current version to change Default: 0.
            max_ (None | str | Unset):
            min_ (None | str | Unset):
            options (list[str] | Unset):
            pattern (None | str | Unset):
            required (bool | Unset):  Default: False.
     """

    label: str
    type_: CustomFieldInType
    expected_version: int | Unset = 0
    max_: None | str | Unset = UNSET
    min_: None | str | Unset = UNSET
    options: list[str] | Unset = UNSET
    pattern: None | str | Unset = UNSET
    required: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        label = self.label

        type_ = self.type_.value

        expected_version = self.expected_version

        max_: None | str | Unset
        if isinstance(self.max_, Unset):
            max_ = UNSET
        else:
            max_ = self.max_

        min_: None | str | Unset
        if isinstance(self.min_, Unset):
            min_ = UNSET
        else:
            min_ = self.min_

        options: list[str] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options



        pattern: None | str | Unset
        if isinstance(self.pattern, Unset):
            pattern = UNSET
        else:
            pattern = self.pattern

        required = self.required


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "label": label,
            "type": type_,
        })
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if max_ is not UNSET:
            field_dict["max"] = max_
        if min_ is not UNSET:
            field_dict["min"] = min_
        if options is not UNSET:
            field_dict["options"] = options
        if pattern is not UNSET:
            field_dict["pattern"] = pattern
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label")

        type_ = CustomFieldInType(d.pop("type"))




        expected_version = d.pop("expected_version", UNSET)

        def _parse_max_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        max_ = _parse_max_(d.pop("max", UNSET))


        def _parse_min_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        min_ = _parse_min_(d.pop("min", UNSET))


        options = cast(list[str], d.pop("options", UNSET))


        def _parse_pattern(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pattern = _parse_pattern(d.pop("pattern", UNSET))


        required = d.pop("required", UNSET)

        custom_field_in = cls(
            label=label,
            type_=type_,
            expected_version=expected_version,
            max_=max_,
            min_=min_,
            options=options,
            pattern=pattern,
            required=required,
        )

        return custom_field_in

