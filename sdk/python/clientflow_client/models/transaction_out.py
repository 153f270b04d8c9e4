from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="TransactionOut")



@_attrs_define
class TransactionOut:
    """ 
        Attributes:
            amount (str):
            client_id (UUID):
            currency (str):
            external_id (str):
            id (UUID):
            kind (str):
            occurred_at (datetime.datetime):
            product_code (None | str | Unset):
     """

    amount: str
    client_id: UUID
    currency: str
    external_id: str
    id: UUID
    kind: str
    occurred_at: datetime.datetime
    product_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        client_id = str(self.client_id)

        currency = self.currency

        external_id = self.external_id

        id = str(self.id)

        kind = self.kind

        occurred_at = self.occurred_at.isoformat()

        product_code: None | str | Unset
        if isinstance(self.product_code, Unset):
            product_code = UNSET
        else:
            product_code = self.product_code


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount": amount,
            "client_id": client_id,
            "currency": currency,
            "external_id": external_id,
            "id": id,
            "kind": kind,
            "occurred_at": occurred_at,
        })
        if product_code is not UNSET:
            field_dict["product_code"] = product_code

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        client_id = UUID(d.pop("client_id"))




        currency = d.pop("currency")

        external_id = d.pop("external_id")

        id = UUID(d.pop("id"))




        kind = d.pop("kind")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        def _parse_product_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product_code = _parse_product_code(d.pop("product_code", UNSET))


        transaction_out = cls(
            amount=amount,
            client_id=client_id,
            currency=currency,
            external_id=external_id,
            id=id,
            kind=kind,
            occurred_at=occurred_at,
            product_code=product_code,
        )


        transaction_out.additional_properties = d
        return transaction_out

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
