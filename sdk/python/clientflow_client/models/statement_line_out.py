from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.statement_line_out_status import StatementLineOutStatus
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="StatementLineOut")



@_attrs_define
class StatementLineOut:
    """ 
        Attributes:
            amount (str):
            booked_on (str):
            client_id (None | UUID):
            event_id (None | UUID):
            line (int):
            reason (str):
            reference (str):
            status (StatementLineOutStatus):
     """

    amount: str
    booked_on: str
    client_id: None | UUID
    event_id: None | UUID
    line: int
    reason: str
    reference: str
    status: StatementLineOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        booked_on = self.booked_on

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        event_id: None | str
        if isinstance(self.event_id, UUID):
            event_id = str(self.event_id)
        else:
            event_id = self.event_id

        line = self.line

        reason = self.reason

        reference = self.reference

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount": amount,
            "booked_on": booked_on,
            "client_id": client_id,
            "event_id": event_id,
            "line": line,
            "reason": reason,
            "reference": reference,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        booked_on = d.pop("booked_on")

        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)



                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))


        def _parse_event_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_id_type_0 = UUID(data)



                return event_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        event_id = _parse_event_id(d.pop("event_id"))


        line = d.pop("line")

        reason = d.pop("reason")

        reference = d.pop("reference")

        status = StatementLineOutStatus(d.pop("status"))




        statement_line_out = cls(
            amount=amount,
            booked_on=booked_on,
            client_id=client_id,
            event_id=event_id,
            line=line,
            reason=reason,
            reference=reference,
            status=status,
        )


        statement_line_out.additional_properties = d
        return statement_line_out

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
