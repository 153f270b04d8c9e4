from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="DelegationIn")



@_attrs_define
class DelegationIn:
    """ 
        Attributes:
            delegate_id (str):
            ends_on (datetime.date):
            starts_on (datetime.date):
            reason (str | Unset):  Default: ''.
     """

    delegate_id: str
    ends_on: datetime.date
    starts_on: datetime.date
    reason: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        delegate_id = self.delegate_id

        ends_on = self.ends_on.isoformat()

        starts_on = self.starts_on.isoformat()

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "delegate_id": delegate_id,
            "ends_on": ends_on,
            "starts_on": starts_on,
        })
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delegate_id = d.pop("delegate_id")

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))




        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))




        reason = d.pop("reason", UNSET)

        delegation_in = cls(
            delegate_id=delegate_id,
            ends_on=ends_on,
            starts_on=starts_on,
            reason=reason,
        )

        return delegation_in

