from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ScheduleIn")



@_attrs_define
class ScheduleIn:
    """ 
        Attributes:
            every_days (int): a run every this many days
     """

    every_days: int





    def to_dict(self) -> dict[str, Any]:
        every_days = self.every_days


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "every_days": every_days,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        every_days = d.pop("every_days")

        schedule_in = cls(
            every_days=every_days,
        )

        return schedule_in

