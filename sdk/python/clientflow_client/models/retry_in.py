from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RetryIn")



@_attrs_define
class RetryIn:
    """ 
        Attributes:
            accept_duplicate_risk (bool | Unset):  Default: False.
     """

    accept_duplicate_risk: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        accept_duplicate_risk = self.accept_duplicate_risk


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if accept_duplicate_risk is not UNSET:
            field_dict["accept_duplicate_risk"] = accept_duplicate_risk

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accept_duplicate_risk = d.pop("accept_duplicate_risk", UNSET)

        retry_in = cls(
            accept_duplicate_risk=accept_duplicate_risk,
        )

        return retry_in

