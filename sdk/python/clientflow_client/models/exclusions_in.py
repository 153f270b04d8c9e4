from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="ExclusionsIn")



@_attrs_define
class ExclusionsIn:
    """ 
        Attributes:
            addresses (list[str]):
     """

    addresses: list[str]





    def to_dict(self) -> dict[str, Any]:
        addresses = self.addresses




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "addresses": addresses,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        addresses = cast(list[str], d.pop("addresses"))


        exclusions_in = cls(
            addresses=addresses,
        )

        return exclusions_in

