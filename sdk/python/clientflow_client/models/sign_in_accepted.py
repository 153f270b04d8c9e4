from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="SignInAccepted")



@_attrs_define
class SignInAccepted:
    """ 
        Attributes:
            detail (str):
            expires_in_minutes (int):
            accepted (bool | Unset):  Default: True.
     """

    detail: str
    expires_in_minutes: int
    accepted: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        expires_in_minutes = self.expires_in_minutes

        accepted = self.accepted


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "detail": detail,
            "expires_in_minutes": expires_in_minutes,
        })
        if accepted is not UNSET:
            field_dict["accepted"] = accepted

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detail = d.pop("detail")

        expires_in_minutes = d.pop("expires_in_minutes")

        accepted = d.pop("accepted", UNSET)

        sign_in_accepted = cls(
            detail=detail,
            expires_in_minutes=expires_in_minutes,
            accepted=accepted,
        )


        sign_in_accepted.additional_properties = d
        return sign_in_accepted

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
