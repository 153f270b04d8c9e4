from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.capital_event_out_status import CapitalEventOutStatus
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.allocation_out import AllocationOut





T = TypeVar("T", bound="CapitalEventOut")



@_attrs_define
class CapitalEventOut:
    """ 
        Attributes:
            allocations (list[AllocationOut]):
            amount (str):
            created_by (str):
            currency (str):
            decided_by (str):
            decided_on (datetime.date | None):
            distribution_kind (str):
            due_on (datetime.date | None):
            fund_code (str):
            fund_name (str):
            id (UUID):
            kind (str):
            paid (str):
            purpose (str):
            reason (str):
            status (CapitalEventOutStatus):
            process_id (str | Unset): approved: the process sending its notices Default: ''.
     """

    allocations: list[AllocationOut]
    amount: str
    created_by: str
    currency: str
    decided_by: str
    decided_on: datetime.date | None
    distribution_kind: str
    due_on: datetime.date | None
    fund_code: str
    fund_name: str
    id: UUID
    kind: str
    paid: str
    purpose: str
    reason: str
    status: CapitalEventOutStatus
    process_id: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.allocation_out import AllocationOut # noqa: PLC0415
        allocations = []
        for allocations_item_data in self.allocations:
            allocations_item = allocations_item_data.to_dict()
            allocations.append(allocations_item)



        amount = self.amount

        created_by = self.created_by

        currency = self.currency

        decided_by = self.decided_by

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

        kind = self.kind

        paid = self.paid

        purpose = self.purpose

        reason = self.reason

        status = self.status.value

        process_id = self.process_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "allocations": allocations,
            "amount": amount,
            "created_by": created_by,
            "currency": currency,
            "decided_by": decided_by,
            "decided_on": decided_on,
            "distribution_kind": distribution_kind,
            "due_on": due_on,
            "fund_code": fund_code,
            "fund_name": fund_name,
            "id": id,
            "kind": kind,
            "paid": paid,
            "purpose": purpose,
            "reason": reason,
            "status": status,
        })
        if process_id is not UNSET:
            field_dict["process_id"] = process_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.allocation_out import AllocationOut # noqa: PLC0415
        d = dict(src_dict)
        allocations = []
        _allocations = d.pop("allocations")
        for allocations_item_data in (_allocations):
            allocations_item = AllocationOut.from_dict(allocations_item_data)



            allocations.append(allocations_item)


        amount = d.pop("amount")

        created_by = d.pop("created_by")

        currency = d.pop("currency")

        decided_by = d.pop("decided_by")

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




        kind = d.pop("kind")

        paid = d.pop("paid")

        purpose = d.pop("purpose")

        reason = d.pop("reason")

        status = CapitalEventOutStatus(d.pop("status"))




        process_id = d.pop("process_id", UNSET)

        capital_event_out = cls(
            allocations=allocations,
            amount=amount,
            created_by=created_by,
            currency=currency,
            decided_by=decided_by,
            decided_on=decided_on,
            distribution_kind=distribution_kind,
            due_on=due_on,
            fund_code=fund_code,
            fund_name=fund_name,
            id=id,
            kind=kind,
            paid=paid,
            purpose=purpose,
            reason=reason,
            status=status,
            process_id=process_id,
        )


        capital_event_out.additional_properties = d
        return capital_event_out

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
