from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="FundIn")



@_attrs_define
class FundIn:
    """ 
        Attributes:
            name (str):
            size (str):
            vintage (int):
            currency (str | Unset):  Default: 'CNY'.
     """

    name: str
    size: str
    vintage: int
    currency: str | Unset = 'CNY'





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        size = self.size

        vintage = self.vintage

        currency = self.currency


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "size": size,
            "vintage": vintage,
        })
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        size = d.pop("size")

        vintage = d.pop("vintage")

        currency = d.pop("currency", UNSET)

        fund_in = cls(
            name=name,
            size=size,
            vintage=vintage,
            currency=currency,
        )

        return fund_in

