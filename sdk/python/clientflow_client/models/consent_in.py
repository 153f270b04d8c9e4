from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.channel_consent_in import ChannelConsentIn





T = TypeVar("T", bound="ConsentIn")



@_attrs_define
class ConsentIn:
    """ 
        Attributes:
            channels (list[ChannelConsentIn]):
     """

    channels: list[ChannelConsentIn]





    def to_dict(self) -> dict[str, Any]:
        from ..models.channel_consent_in import ChannelConsentIn # noqa: PLC0415
        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.to_dict()
            channels.append(channels_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "channels": channels,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_consent_in import ChannelConsentIn # noqa: PLC0415
        d = dict(src_dict)
        channels = []
        _channels = d.pop("channels")
        for channels_item_data in (_channels):
            channels_item = ChannelConsentIn.from_dict(channels_item_data)



            channels.append(channels_item)


        consent_in = cls(
            channels=channels,
        )

        return consent_in

