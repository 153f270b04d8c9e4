from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ConfirmIn")



@_attrs_define
class ConfirmIn:
    """ 
        Attributes:
            accepted (bool):
            comment (str | Unset):  Default: ''.
     """

    accepted: bool
    comment: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        comment = self.comment


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "accepted": accepted,
        })
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accepted = d.pop("accepted")

        comment = d.pop("comment", UNSET)

        confirm_in = cls(
            accepted=accepted,
            comment=comment,
        )

        return confirm_in

