from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.interaction_in_channel import InteractionInChannel
from ..models.interaction_in_direction import InteractionInDirection
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="InteractionIn")



@_attrs_define
class InteractionIn:
    """ 
        Attributes:
            channel (InteractionInChannel):
            direction (InteractionInDirection | Unset):  Default: InteractionInDirection.OUTBOUND.
            occurred_at (datetime.datetime | None | Unset):
            summary (str | Unset):  Default: ''.
     """

    channel: InteractionInChannel
    direction: InteractionInDirection | Unset = InteractionInDirection.OUTBOUND
    occurred_at: datetime.datetime | None | Unset = UNSET
    summary: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        direction: str | Unset = UNSET
        if not isinstance(self.direction, Unset):
            direction = self.direction.value


        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        summary = self.summary


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "channel": channel,
        })
        if direction is not UNSET:
            field_dict["direction"] = direction
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = InteractionInChannel(d.pop("channel"))




        _direction = d.pop("direction", UNSET)
        direction: InteractionInDirection | Unset
        if isinstance(_direction,  Unset):
            direction = UNSET
        else:
            direction = InteractionInDirection(_direction)




        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)



                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))


        summary = d.pop("summary", UNSET)

        interaction_in = cls(
            channel=channel,
            direction=direction,
            occurred_at=occurred_at,
            summary=summary,
        )

        return interaction_in

