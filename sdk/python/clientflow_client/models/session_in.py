from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SessionIn")



@_attrs_define
class SessionIn:
    """ 
        Attributes:
            address (None | str | Unset):
            code (None | str | Unset):
            link_token (None | str | Unset):
     """

    address: None | str | Unset = UNSET
    code: None | str | Unset = UNSET
    link_token: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        link_token: None | str | Unset
        if isinstance(self.link_token, Unset):
            link_token = UNSET
        else:
            link_token = self.link_token


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if address is not UNSET:
            field_dict["address"] = address
        if code is not UNSET:
            field_dict["code"] = code
        if link_token is not UNSET:
            field_dict["link_token"] = link_token

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))


        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))


        def _parse_link_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        link_token = _parse_link_token(d.pop("link_token", UNSET))


        session_in = cls(
            address=address,
            code=code,
            link_token=link_token,
        )

        return session_in

