from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.capital_event_in_distribution_kind_type_0 import CapitalEventInDistributionKindType0
from ..models.capital_event_in_kind import CapitalEventInKind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CapitalEventIn")



@_attrs_define
class CapitalEventIn:
    """ 
        Attributes:
            kind (CapitalEventInKind):
            amount (None | str | Unset): the total, or
            distribution_kind (CapitalEventInDistributionKindType0 | None | Unset):
            due_in_business_days (int | None | Unset): or: due this many of the firm's working days from today
            due_on (datetime.date | None | Unset):
            percent (None | str | Unset): calls: a percentage of commitments
            purpose (str | Unset):  Default: ''.
     """

    kind: CapitalEventInKind
    amount: None | str | Unset = UNSET
    distribution_kind: CapitalEventInDistributionKindType0 | None | Unset = UNSET
    due_in_business_days: int | None | Unset = UNSET
    due_on: datetime.date | None | Unset = UNSET
    percent: None | str | Unset = UNSET
    purpose: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        amount: None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        distribution_kind: None | str | Unset
        if isinstance(self.distribution_kind, Unset):
            distribution_kind = UNSET
        elif isinstance(self.distribution_kind, CapitalEventInDistributionKindType0):
            distribution_kind = self.distribution_kind.value
        else:
            distribution_kind = self.distribution_kind

        due_in_business_days: int | None | Unset
        if isinstance(self.due_in_business_days, Unset):
            due_in_business_days = UNSET
        else:
            due_in_business_days = self.due_in_business_days

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        percent: None | str | Unset
        if isinstance(self.percent, Unset):
            percent = UNSET
        else:
            percent = self.percent

        purpose = self.purpose


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
        })
        if amount is not UNSET:
            field_dict["amount"] = amount
        if distribution_kind is not UNSET:
            field_dict["distribution_kind"] = distribution_kind
        if due_in_business_days is not UNSET:
            field_dict["due_in_business_days"] = due_in_business_days
        if due_on is not UNSET:
            field_dict["due_on"] = due_on
        if percent is not UNSET:
            field_dict["percent"] = percent
        if purpose is not UNSET:
            field_dict["purpose"] = purpose

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = CapitalEventInKind(d.pop("kind"))




        def _parse_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))


        def _parse_distribution_kind(data: object) -> CapitalEventInDistributionKindType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                distribution_kind_type_0 = CapitalEventInDistributionKindType0(data)



                return distribution_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CapitalEventInDistributionKindType0 | None | Unset, data)

        distribution_kind = _parse_distribution_kind(d.pop("distribution_kind", UNSET))


        def _parse_due_in_business_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        due_in_business_days = _parse_due_in_business_days(d.pop("due_in_business_days", UNSET))


        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)



                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))


        def _parse_percent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        percent = _parse_percent(d.pop("percent", UNSET))


        purpose = d.pop("purpose", UNSET)

        capital_event_in = cls(
            kind=kind,
            amount=amount,
            distribution_kind=distribution_kind,
            due_in_business_days=due_in_business_days,
            due_on=due_on,
            percent=percent,
            purpose=purpose,
        )

        return capital_event_in

