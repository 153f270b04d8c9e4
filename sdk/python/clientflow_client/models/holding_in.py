from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="HoldingIn")



@_attrs_define
class HoldingIn:
    """ 
        Attributes:
            market_value (str):
            units (str):
            as_of (datetime.date | None | Unset):
            cost (str | Unset):  Default: '0'.
            currency (str | Unset):  Default: 'CNY'.
            product_name (None | str | Unset):
     """

    market_value: str
    units: str
    as_of: datetime.date | None | Unset = UNSET
    cost: str | Unset = '0'
    currency: str | Unset = 'CNY'
    product_name: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        market_value = self.market_value

        units = self.units

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        elif isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        cost = self.cost

        currency = self.currency

        product_name: None | str | Unset
        if isinstance(self.product_name, Unset):
            product_name = UNSET
        else:
            product_name = self.product_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "market_value": market_value,
            "units": units,
        })
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if cost is not UNSET:
            field_dict["cost"] = cost
        if currency is not UNSET:
            field_dict["currency"] = currency
        if product_name is not UNSET:
            field_dict["product_name"] = product_name

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        market_value = d.pop("market_value")

        units = d.pop("units")

        def _parse_as_of(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.date.fromisoformat(data)



                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        as_of = _parse_as_of(d.pop("as_of", UNSET))


        cost = d.pop("cost", UNSET)

        currency = d.pop("currency", UNSET)

        def _parse_product_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product_name = _parse_product_name(d.pop("product_name", UNSET))


        holding_in = cls(
            market_value=market_value,
            units=units,
            as_of=as_of,
            cost=cost,
            currency=currency,
            product_name=product_name,
        )

        return holding_in

