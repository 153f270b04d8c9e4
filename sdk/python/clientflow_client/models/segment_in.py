from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.filter_in import FilterIn





T = TypeVar("T", bound="SegmentIn")



@_attrs_define
class SegmentIn:
    """ 
        Attributes:
            filter_ (FilterIn):
            name (str):
     """

    filter_: FilterIn
    name: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.filter_in import FilterIn # noqa: PLC0415
        filter_ = self.filter_.to_dict()

        name = self.name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "filter": filter_,
            "name": name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.filter_in import FilterIn # noqa: PLC0415
        d = dict(src_dict)
        filter_ = FilterIn.from_dict(d.pop("filter"))




        name = d.pop("name")

        segment_in = cls(
            filter_=filter_,
            name=name,
        )

        return segment_in

