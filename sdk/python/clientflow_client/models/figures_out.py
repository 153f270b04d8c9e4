from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="FiguresOut")



@_attrs_define
class FiguresOut:
    """ 
        Attributes:
            currency (str):
            end (datetime.date):
            end_value (str):
            mwr (float | None): money-weighted return (XIRR), a fraction
            net_flows (str):
            product_code (None | str): null: the whole client (per currency)
            start (datetime.date):
            start_value (str):
            twr (float | None): time-weighted return, a fraction
     """

    currency: str
    end: datetime.date
    end_value: str
    mwr: float | None
    net_flows: str
    product_code: None | str
    start: datetime.date
    start_value: str
    twr: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        end = self.end.isoformat()

        end_value = self.end_value

        mwr: float | None
        mwr = self.mwr

        net_flows = self.net_flows

        product_code: None | str
        product_code = self.product_code

        start = self.start.isoformat()

        start_value = self.start_value

        twr: float | None
        twr = self.twr


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "currency": currency,
            "end": end,
            "end_value": end_value,
            "mwr": mwr,
            "net_flows": net_flows,
            "product_code": product_code,
            "start": start,
            "start_value": start_value,
            "twr": twr,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency")

        end = datetime.date.fromisoformat(d.pop("end"))




        end_value = d.pop("end_value")

        def _parse_mwr(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mwr = _parse_mwr(d.pop("mwr"))


        net_flows = d.pop("net_flows")

        def _parse_product_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product_code = _parse_product_code(d.pop("product_code"))


        start = datetime.date.fromisoformat(d.pop("start"))




        start_value = d.pop("start_value")

        def _parse_twr(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        twr = _parse_twr(d.pop("twr"))


        figures_out = cls(
            currency=currency,
            end=end,
            end_value=end_value,
            mwr=mwr,
            net_flows=net_flows,
            product_code=product_code,
            start=start,
            start_value=start_value,
            twr=twr,
        )


        figures_out.additional_properties = d
        return figures_out

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
