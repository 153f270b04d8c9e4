from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.channel_consent_in_category import ChannelConsentInCategory
from ..models.channel_consent_in_channel import ChannelConsentInChannel
from ..types import UNSET, Unset






T = TypeVar("T", bound="ChannelConsentIn")



@_attrs_define
class ChannelConsentIn:
    """ 
        Attributes:
            category (ChannelConsentInCategory):
            channel (ChannelConsentInChannel):
            opted_out (bool):
            source (str | Unset): e.g. unsubscribe link, phone call Default: ''.
     """

    category: ChannelConsentInCategory
    channel: ChannelConsentInChannel
    opted_out: bool
    source: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        channel = self.channel.value

        opted_out = self.opted_out

        source = self.source


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "category": category,
            "channel": channel,
            "opted_out": opted_out,
        })
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category = ChannelConsentInCategory(d.pop("category"))




        channel = ChannelConsentInChannel(d.pop("channel"))




        opted_out = d.pop("opted_out")

        source = d.pop("source", UNSET)

        channel_consent_in = cls(
            category=category,
            channel=channel,
            opted_out=opted_out,
            source=source,
        )

        return channel_consent_in

