from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.timeline_item_kind import TimelineItemKind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TimelineItem")



@_attrs_define
class TimelineItem:
    """ 
        Attributes:
            at (datetime.datetime):
            id (str):
            kind (TimelineItemKind):
            title (str): what it was: a process kind, a request type, a template…
            actor (str | Unset): who did it, when a person did Default: ''.
            channel (str | Unset): interactions and messages: call, email, wechat, … Default: ''.
            detail (str | Unset): an interaction's summary, a request's subject, … Default: ''.
            direction (str | Unset): interactions: inbound | outbound Default: ''.
            link (str | Unset): the API path of the full record Default: ''.
            status (str | Unset):  Default: ''.
     """

    at: datetime.datetime
    id: str
    kind: TimelineItemKind
    title: str
    actor: str | Unset = ''
    channel: str | Unset = ''
    detail: str | Unset = ''
    direction: str | Unset = ''
    link: str | Unset = ''
    status: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        id = self.id

        kind = self.kind.value

        title = self.title

        actor = self.actor

        channel = self.channel

        detail = self.detail

        direction = self.direction

        link = self.link

        status = self.status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "at": at,
            "id": id,
            "kind": kind,
            "title": title,
        })
        if actor is not UNSET:
            field_dict["actor"] = actor
        if channel is not UNSET:
            field_dict["channel"] = channel
        if detail is not UNSET:
            field_dict["detail"] = detail
        if direction is not UNSET:
            field_dict["direction"] = direction
        if link is not UNSET:
            field_dict["link"] = link
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))




        id = d.pop("id")

        kind = TimelineItemKind(d.pop("kind"))




        title = d.pop("title")

        actor = d.pop("actor", UNSET)

        channel = d.pop("channel", UNSET)

        detail = d.pop("detail", UNSET)

        direction = d.pop("direction", UNSET)

        link = d.pop("link", UNSET)

        status = d.pop("status", UNSET)

        timeline_item = cls(
            at=at,
            id=id,
            kind=kind,
            title=title,
            actor=actor,
            channel=channel,
            detail=detail,
            direction=direction,
            link=link,
            status=status,
        )


        timeline_item.additional_properties = d
        return timeline_item

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
