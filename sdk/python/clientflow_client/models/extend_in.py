from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ExtendIn")



@_attrs_define
class ExtendIn:
    """ 
        Attributes:
            business_hours (float):
            reason (str):
     """

    business_hours: float
    reason: str





    def to_dict(self) -> dict[str, Any]:
        business_hours = self.business_hours

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "business_hours": business_hours,
            "reason": reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        business_hours = d.pop("business_hours")

        reason = d.pop("reason")

        extend_in = cls(
            business_hours=business_hours,
            reason=reason,
        )

        return extend_in

