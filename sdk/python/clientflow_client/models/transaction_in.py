from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transaction_in_kind import TransactionInKind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TransactionIn")



@_attrs_define
class TransactionIn:
    """ 
        Attributes:
            amount (str):
            external_id (str): Idempotency: the same id twice is one transaction.
            kind (TransactionInKind):
            occurred_at (datetime.datetime):
            currency (str | Unset):  Default: 'CNY'.
            product_code (None | str | Unset):
     """

    amount: str
    external_id: str
    kind: TransactionInKind
    occurred_at: datetime.datetime
    currency: str | Unset = 'CNY'
    product_code: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        external_id = self.external_id

        kind = self.kind.value

        occurred_at = self.occurred_at.isoformat()

        currency = self.currency

        product_code: None | str | Unset
        if isinstance(self.product_code, Unset):
            product_code = UNSET
        else:
            product_code = self.product_code


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount": amount,
            "external_id": external_id,
            "kind": kind,
            "occurred_at": occurred_at,
        })
        if currency is not UNSET:
            field_dict["currency"] = currency
        if product_code is not UNSET:
            field_dict["product_code"] = product_code

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        external_id = d.pop("external_id")

        kind = TransactionInKind(d.pop("kind"))




        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        currency = d.pop("currency", UNSET)

        def _parse_product_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product_code = _parse_product_code(d.pop("product_code", UNSET))


        transaction_in = cls(
            amount=amount,
            external_id=external_id,
            kind=kind,
            occurred_at=occurred_at,
            currency=currency,
            product_code=product_code,
        )

        return transaction_in

