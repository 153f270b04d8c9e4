from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SubscriptionIn")



@_attrs_define
class SubscriptionIn:
    """ 
        Attributes:
            event_types (list[str]):
            url (str):
            description (str | Unset):  Default: ''.
     """

    event_types: list[str]
    url: str
    description: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        event_types = self.event_types



        url = self.url

        description = self.description


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "event_types": event_types,
            "url": url,
        })
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_types = cast(list[str], d.pop("event_types"))


        url = d.pop("url")

        description = d.pop("description", UNSET)

        subscription_in = cls(
            event_types=event_types,
            url=url,
            description=description,
        )

        return subscription_in

