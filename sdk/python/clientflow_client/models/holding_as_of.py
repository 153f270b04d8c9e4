from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="HoldingAsOf")



@_attrs_define
class HoldingAsOf:
    """ 
        Attributes:
            cost (str):
            currency (str):
            market_value (str):
            product_code (str):
            product_name (str):
            units (str):
            valued_on (datetime.date): the valuation this position carries forward
     """

    cost: str
    currency: str
    market_value: str
    product_code: str
    product_name: str
    units: str
    valued_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        currency = self.currency

        market_value = self.market_value

        product_code = self.product_code

        product_name = self.product_name

        units = self.units

        valued_on = self.valued_on.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cost": cost,
            "currency": currency,
            "market_value": market_value,
            "product_code": product_code,
            "product_name": product_name,
            "units": units,
            "valued_on": valued_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cost = d.pop("cost")

        currency = d.pop("currency")

        market_value = d.pop("market_value")

        product_code = d.pop("product_code")

        product_name = d.pop("product_name")

        units = d.pop("units")

        valued_on = datetime.date.fromisoformat(d.pop("valued_on"))




        holding_as_of = cls(
            cost=cost,
            currency=currency,
            market_value=market_value,
            product_code=product_code,
            product_name=product_name,
            units=units,
            valued_on=valued_on,
        )


        holding_as_of.additional_properties = d
        return holding_as_of

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
