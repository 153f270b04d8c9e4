from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="MailboxOut")



@_attrs_define
class MailboxOut:
    """ 
        Attributes:
            enabled (bool):
            excluded_addresses (list[str]):
            folder (str):
            host (str):
            last_error (str):
            last_synced_at (datetime.datetime | None):
            last_uid (int):
            port (int):
            security (str):
            username (str):
     """

    enabled: bool
    excluded_addresses: list[str]
    folder: str
    host: str
    last_error: str
    last_synced_at: datetime.datetime | None
    last_uid: int
    port: int
    security: str
    username: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        excluded_addresses = self.excluded_addresses



        folder = self.folder

        host = self.host

        last_error = self.last_error

        last_synced_at: None | str
        if isinstance(self.last_synced_at, datetime.datetime):
            last_synced_at = self.last_synced_at.isoformat()
        else:
            last_synced_at = self.last_synced_at

        last_uid = self.last_uid

        port = self.port

        security = self.security

        username = self.username


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "enabled": enabled,
            "excluded_addresses": excluded_addresses,
            "folder": folder,
            "host": host,
            "last_error": last_error,
            "last_synced_at": last_synced_at,
            "last_uid": last_uid,
            "port": port,
            "security": security,
            "username": username,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled")

        excluded_addresses = cast(list[str], d.pop("excluded_addresses"))


        folder = d.pop("folder")

        host = d.pop("host")

        last_error = d.pop("last_error")

        def _parse_last_synced_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_synced_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_synced_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_synced_at = _parse_last_synced_at(d.pop("last_synced_at"))


        last_uid = d.pop("last_uid")

        port = d.pop("port")

        security = d.pop("security")

        username = d.pop("username")

        mailbox_out = cls(
            enabled=enabled,
            excluded_addresses=excluded_addresses,
            folder=folder,
            host=host,
            last_error=last_error,
            last_synced_at=last_synced_at,
            last_uid=last_uid,
            port=port,
            security=security,
            username=username,
        )


        mailbox_out.additional_properties = d
        return mailbox_out

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
