from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="RunIn")



@_attrs_define
class RunIn:
    """ 
        Attributes:
            segment_id (UUID):
     """

    segment_id: UUID





    def to_dict(self) -> dict[str, Any]:
        segment_id = str(self.segment_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "segment_id": segment_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        segment_id = UUID(d.pop("segment_id"))




        run_in = cls(
            segment_id=segment_id,
        )

        return run_in

