from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CommitmentIn")



@_attrs_define
class CommitmentIn:
    """ 
        Attributes:
            amount (str):
            committed_on (datetime.date | None | Unset):
     """

    amount: str
    committed_on: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        committed_on: None | str | Unset
        if isinstance(self.committed_on, Unset):
            committed_on = UNSET
        elif isinstance(self.committed_on, datetime.date):
            committed_on = self.committed_on.isoformat()
        else:
            committed_on = self.committed_on


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount": amount,
        })
        if committed_on is not UNSET:
            field_dict["committed_on"] = committed_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        def _parse_committed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                committed_on_type_0 = datetime.date.fromisoformat(data)



                return committed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        committed_on = _parse_committed_on(d.pop("committed_on", UNSET))


        commitment_in = cls(
            amount=amount,
            committed_on=committed_on,
        )

        return commitment_in

