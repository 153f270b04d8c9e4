from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="CampaignIn")



@_attrs_define
class CampaignIn:
    """ 
        Attributes:
            segment_id (str):
            every_days (int | Unset):  Default: 90.
            min_days_between (int | Unset):  Default: 180.
     """

    segment_id: str
    every_days: int | Unset = 90
    min_days_between: int | Unset = 180





    def to_dict(self) -> dict[str, Any]:
        segment_id = self.segment_id

        every_days = self.every_days

        min_days_between = self.min_days_between


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "segment_id": segment_id,
        })
        if every_days is not UNSET:
            field_dict["every_days"] = every_days
        if min_days_between is not UNSET:
            field_dict["min_days_between"] = min_days_between

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        segment_id = d.pop("segment_id")

        every_days = d.pop("every_days", UNSET)

        min_days_between = d.pop("min_days_between", UNSET)

        campaign_in = cls(
            segment_id=segment_id,
            every_days=every_days,
            min_days_between=min_days_between,
        )

        return campaign_in

