from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.address_in_channel import AddressInChannel
from ..models.address_in_locale_type_0 import AddressInLocaleType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AddressIn")



@_attrs_define
class AddressIn:
    """ 
        Attributes:
            channel (AddressInChannel):
            value (str):
            locale (AddressInLocaleType0 | None | Unset):
            name (str | Unset):  Default: ''.
            timezone (None | str | Unset): IANA zone for quiet hours
     """

    channel: AddressInChannel
    value: str
    locale: AddressInLocaleType0 | None | Unset = UNSET
    name: str | Unset = ''
    timezone: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        value = self.value

        locale: None | str | Unset
        if isinstance(self.locale, Unset):
            locale = UNSET
        elif isinstance(self.locale, AddressInLocaleType0):
            locale = self.locale.value
        else:
            locale = self.locale

        name = self.name

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "channel": channel,
            "value": value,
        })
        if locale is not UNSET:
            field_dict["locale"] = locale
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = AddressInChannel(d.pop("channel"))




        value = d.pop("value")

        def _parse_locale(data: object) -> AddressInLocaleType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                locale_type_0 = AddressInLocaleType0(data)



                return locale_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AddressInLocaleType0 | None | Unset, data)

        locale = _parse_locale(d.pop("locale", UNSET))


        name = d.pop("name", UNSET)

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))


        address_in = cls(
            channel=channel,
            value=value,
            locale=locale,
            name=name,
            timezone=timezone,
        )

        return address_in

