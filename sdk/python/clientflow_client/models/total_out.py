from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="TotalOut")



@_attrs_define
class TotalOut:
    """ 
        Attributes:
            advisor_id (str):
            count (int):
            currency (str): a money measure's currency
            period (str): 2026-11 or 2026-Q4 when grouped by a period
            sum_ (float):
            team_id (str):
     """

    advisor_id: str
    count: int
    currency: str
    period: str
    sum_: float
    team_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        advisor_id = self.advisor_id

        count = self.count

        currency = self.currency

        period = self.period

        sum_ = self.sum_

        team_id = self.team_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "advisor_id": advisor_id,
            "count": count,
            "currency": currency,
            "period": period,
            "sum": sum_,
            "team_id": team_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        advisor_id = d.pop("advisor_id")

        count = d.pop("count")

        currency = d.pop("currency")

        period = d.pop("period")

        sum_ = d.pop("sum")

        team_id = d.pop("team_id")

        total_out = cls(
            advisor_id=advisor_id,
            count=count,
            currency=currency,
            period=period,
            sum_=sum_,
            team_id=team_id,
        )


        total_out.additional_properties = d
        return total_out

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
