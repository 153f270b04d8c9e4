from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="InteractionOut")



@_attrs_define
class InteractionOut:
    """ 
        Attributes:
            by_user (str):
            channel (str):
            client_id (UUID):
            direction (str):
            id (UUID):
            occurred_at (datetime.datetime):
            summary (str):
     """

    by_user: str
    channel: str
    client_id: UUID
    direction: str
    id: UUID
    occurred_at: datetime.datetime
    summary: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        by_user = self.by_user

        channel = self.channel

        client_id = str(self.client_id)

        direction = self.direction

        id = str(self.id)

        occurred_at = self.occurred_at.isoformat()

        summary = self.summary


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by_user": by_user,
            "channel": channel,
            "client_id": client_id,
            "direction": direction,
            "id": id,
            "occurred_at": occurred_at,
            "summary": summary,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        by_user = d.pop("by_user")

        channel = d.pop("channel")

        client_id = UUID(d.pop("client_id"))




        direction = d.pop("direction")

        id = UUID(d.pop("id"))




        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        summary = d.pop("summary")

        interaction_out = cls(
            by_user=by_user,
            channel=channel,
            client_id=client_id,
            direction=direction,
            id=id,
            occurred_at=occurred_at,
            summary=summary,
        )


        interaction_out.additional_properties = d
        return interaction_out

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
