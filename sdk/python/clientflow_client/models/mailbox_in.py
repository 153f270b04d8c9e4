from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.mailbox_in_security import MailboxInSecurity
from ..types import UNSET, Unset






T = TypeVar("T", bound="MailboxIn")



@_attrs_define
class MailboxIn:
    """ 
        Attributes:
            host (str):
            password (str):
            username (str):
            folder (str | Unset):  Default: 'INBOX'.
            port (int | Unset):  Default: 993.
            security (MailboxInSecurity | Unset):  Default: MailboxInSecurity.TLS.
     """

    host: str
    password: str
    username: str
    folder: str | Unset = 'INBOX'
    port: int | Unset = 993
    security: MailboxInSecurity | Unset = MailboxInSecurity.TLS





    def to_dict(self) -> dict[str, Any]:
        host = self.host

        password = self.password

        username = self.username

        folder = self.folder

        port = self.port

        security: str | Unset = UNSET
        if not isinstance(self.security, Unset):
            security = self.security.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "host": host,
            "password": password,
            "username": username,
        })
        if folder is not UNSET:
            field_dict["folder"] = folder
        if port is not UNSET:
            field_dict["port"] = port
        if security is not UNSET:
            field_dict["security"] = security

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        host = d.pop("host")

        password = d.pop("password")

        username = d.pop("username")

        folder = d.pop("folder", UNSET)

        port = d.pop("port", UNSET)

        _security = d.pop("security", UNSET)
        security: MailboxInSecurity | Unset
        if isinstance(_security,  Unset):
            security = UNSET
        else:
            security = MailboxInSecurity(_security)




        mailbox_in = cls(
            host=host,
            password=password,
            username=username,
            folder=folder,
            port=port,
            security=security,
        )

        return mailbox_in

