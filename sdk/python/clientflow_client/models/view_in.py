from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ViewIn")



@_attrs_define
class ViewIn:
    """ 
        Attributes:
            name (str):
            filters (list[str] | Unset): field:op:value, as the list takes them
            sort (str | Unset):  Default: ''.
     """

    name: str
    filters: list[str] | Unset = UNSET
    sort: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        filters: list[str] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters



        sort = self.sort


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if filters is not UNSET:
            field_dict["filters"] = filters
        if sort is not UNSET:
            field_dict["sort"] = sort

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        filters = cast(list[str], d.pop("filters", UNSET))


        sort = d.pop("sort", UNSET)

        view_in = cls(
            name=name,
            filters=filters,
            sort=sort,
        )

        return view_in

