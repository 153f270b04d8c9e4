from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.portal_event_out_kind import PortalEventOutKind
from ..models.portal_event_out_status import PortalEventOutStatus
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="PortalEventOut")



@_attrs_define
class PortalEventOut:
    """ 
        Attributes:
            amount (str):
            currency (str):
            decided_on (datetime.date | None):
            distribution_kind (str):
            due_on (datetime.date | None):
            fund_code (str):
            fund_name (str):
            id (UUID):
            kind (PortalEventOutKind):
            overdue (bool):
            paid (str):
            payment_reference (str):
            status (PortalEventOutStatus):
     """

    amount: str
    currency: str
    decided_on: datetime.date | None
    distribution_kind: str
    due_on: datetime.date | None
    fund_code: str
    fund_name: str
    id: UUID
    kind: PortalEventOutKind
    overdue: bool
    paid: str
    payment_reference: str
    status: PortalEventOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency

        decided_on: None | str
        if isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        distribution_kind = self.distribution_kind

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        fund_code = self.fund_code

        fund_name = self.fund_name

        id = str(self.id)

        kind = self.kind.value

        overdue = self.overdue

        paid = self.paid

        payment_reference = self.payment_reference

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount": amount,
            "currency": currency,
            "decided_on": decided_on,
            "distribution_kind": distribution_kind,
            "due_on": due_on,
            "fund_code": fund_code,
            "fund_name": fund_name,
            "id": id,
            "kind": kind,
            "overdue": overdue,
            "paid": paid,
            "payment_reference": payment_reference,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        def _parse_decided_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_on_type_0 = datetime.date.fromisoformat(data)



                return decided_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        decided_on = _parse_decided_on(d.pop("decided_on"))


        distribution_kind = d.pop("distribution_kind")

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)



                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))


        fund_code = d.pop("fund_code")

        fund_name = d.pop("fund_name")

        id = UUID(d.pop("id"))




        kind = PortalEventOutKind(d.pop("kind"))




        overdue = d.pop("overdue")

        paid = d.pop("paid")

        payment_reference = d.pop("payment_reference")

        status = PortalEventOutStatus(d.pop("status"))




        portal_event_out = cls(
            amount=amount,
            currency=currency,
            decided_on=decided_on,
            distribution_kind=distribution_kind,
            due_on=due_on,
            fund_code=fund_code,
            fund_name=fund_name,
            id=id,
            kind=kind,
            overdue=overdue,
            paid=paid,
            payment_reference=payment_reference,
            status=status,
        )


        portal_event_out.additional_properties = d
        return portal_event_out

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
