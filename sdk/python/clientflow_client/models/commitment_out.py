from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="CommitmentOut")



@_attrs_define
class CommitmentOut:
    """ 
        Attributes:
            amount (str):
            client_id (UUID):
            committed_on (datetime.date):
            fund_code (str):
     """

    amount: str
    client_id: UUID
    committed_on: datetime.date
    fund_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        client_id = str(self.client_id)

        committed_on = self.committed_on.isoformat()

        fund_code = self.fund_code


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount": amount,
            "client_id": client_id,
            "committed_on": committed_on,
            "fund_code": fund_code,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        client_id = UUID(d.pop("client_id"))




        committed_on = datetime.date.fromisoformat(d.pop("committed_on"))




        fund_code = d.pop("fund_code")

        commitment_out = cls(
            amount=amount,
            client_id=client_id,
            committed_on=committed_on,
            fund_code=fund_code,
        )


        commitment_out.additional_properties = d
        return commitment_out

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
