from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="DecisionIn")



@_attrs_define
class DecisionIn:
    """ 
        Attributes:
            approve (bool):
            reason (str | Unset):  Default: ''.
     """

    approve: bool
    reason: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        approve = self.approve

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "approve": approve,
        })
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approve = d.pop("approve")

        reason = d.pop("reason", UNSET)

        decision_in = cls(
            approve=approve,
            reason=reason,
        )

        return decision_in

