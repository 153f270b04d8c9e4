from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.allocation_out_status import AllocationOutStatus
from uuid import UUID






T = TypeVar("T", bound="AllocationOut")



@_attrs_define
class AllocationOut:
    """ 
        Attributes:
            amount (str):
            client_id (UUID):
            paid (str):
            payment_reference (str): calls: what the investor quotes on the transfer
            status (AllocationOutStatus):
     """

    amount: str
    client_id: UUID
    paid: str
    payment_reference: str
    status: AllocationOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        client_id = str(self.client_id)

        paid = self.paid

        payment_reference = self.payment_reference

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount": amount,
            "client_id": client_id,
            "paid": paid,
            "payment_reference": payment_reference,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        client_id = UUID(d.pop("client_id"))




        paid = d.pop("paid")

        payment_reference = d.pop("payment_reference")

        status = AllocationOutStatus(d.pop("status"))




        allocation_out = cls(
            amount=amount,
            client_id=client_id,
            paid=paid,
            payment_reference=payment_reference,
            status=status,
        )


        allocation_out.additional_properties = d
        return allocation_out

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
