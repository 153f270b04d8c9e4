from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="SessionOut")



@_attrs_define
class SessionOut:
    """ 
        Attributes:
            client_id (str):
            expires_at (datetime.datetime):
            locale (str):
            name (str):
            timezone (str): The client's time zone (IANA): show times in it
            token (str):
     """

    client_id: str
    expires_at: datetime.datetime
    locale: str
    name: str
    timezone: str
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        expires_at = self.expires_at.isoformat()

        locale = self.locale

        name = self.name

        timezone = self.timezone

        token = self.token


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "client_id": client_id,
            "expires_at": expires_at,
            "locale": locale,
            "name": name,
            "timezone": timezone,
            "token": token,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        locale = d.pop("locale")

        name = d.pop("name")

        timezone = d.pop("timezone")

        token = d.pop("token")

        session_out = cls(
            client_id=client_id,
            expires_at=expires_at,
            locale=locale,
            name=name,
            timezone=timezone,
            token=token,
        )


        session_out.additional_properties = d
        return session_out

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
