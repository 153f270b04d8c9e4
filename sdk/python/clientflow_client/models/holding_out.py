from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="HoldingOut")



@_attrs_define
class HoldingOut:
    """ 
        Attributes:
            as_of (datetime.date):
            client_id (UUID):
            cost (str):
            currency (str):
            id (UUID):
            market_value (str):
            product_code (str):
            product_name (str):
            units (str):
     """

    as_of: datetime.date
    client_id: UUID
    cost: str
    currency: str
    id: UUID
    market_value: str
    product_code: str
    product_name: str
    units: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        client_id = str(self.client_id)

        cost = self.cost

        currency = self.currency

        id = str(self.id)

        market_value = self.market_value

        product_code = self.product_code

        product_name = self.product_name

        units = self.units


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "as_of": as_of,
            "client_id": client_id,
            "cost": cost,
            "currency": currency,
            "id": id,
            "market_value": market_value,
            "product_code": product_code,
            "product_name": product_name,
            "units": units,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))




        client_id = UUID(d.pop("client_id"))




        cost = d.pop("cost")

        currency = d.pop("currency")

        id = UUID(d.pop("id"))




        market_value = d.pop("market_value")

        product_code = d.pop("product_code")

        product_name = d.pop("product_name")

        units = d.pop("units")

        holding_out = cls(
            as_of=as_of,
            client_id=client_id,
            cost=cost,
            currency=currency,
            id=id,
            market_value=market_value,
            product_code=product_code,
            product_name=product_name,
            units=units,
        )


        holding_out.additional_properties = d
        return holding_out

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
