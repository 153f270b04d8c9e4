from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="CampaignOut")



@_attrs_define
class CampaignOut:
    """ 
        Attributes:
            every_days (int):
            key (str):
            min_days_between (int):
            next_run_at (datetime.datetime | None):
            paused (bool):
            segment_id (str):
     """

    every_days: int
    key: str
    min_days_between: int
    next_run_at: datetime.datetime | None
    paused: bool
    segment_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        every_days = self.every_days

        key = self.key

        min_days_between = self.min_days_between

        next_run_at: None | str
        if isinstance(self.next_run_at, datetime.datetime):
            next_run_at = self.next_run_at.isoformat()
        else:
            next_run_at = self.next_run_at

        paused = self.paused

        segment_id = self.segment_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "every_days": every_days,
            "key": key,
            "min_days_between": min_days_between,
            "next_run_at": next_run_at,
            "paused": paused,
            "segment_id": segment_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        every_days = d.pop("every_days")

        key = d.pop("key")

        min_days_between = d.pop("min_days_between")

        def _parse_next_run_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_run_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_run_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_run_at = _parse_next_run_at(d.pop("next_run_at"))


        paused = d.pop("paused")

        segment_id = d.pop("segment_id")

        campaign_out = cls(
            every_days=every_days,
            key=key,
            min_days_between=min_days_between,
            next_run_at=next_run_at,
            paused=paused,
            segment_id=segment_id,
        )


        campaign_out.additional_properties = d
        return campaign_out

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
