from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="OverdueCallOut")



@_attrs_define
class OverdueCallOut:
    """ 
        Attributes:
            due_on (str):
            event_id (UUID):
            fund_code (str):
            investors (int):
            outstanding (str):
     """

    due_on: str
    event_id: UUID
    fund_code: str
    investors: int
    outstanding: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        due_on = self.due_on

        event_id = str(self.event_id)

        fund_code = self.fund_code

        investors = self.investors

        outstanding = self.outstanding


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "due_on": due_on,
            "event_id": event_id,
            "fund_code": fund_code,
            "investors": investors,
            "outstanding": outstanding,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_on = d.pop("due_on")

        event_id = UUID(d.pop("event_id"))




        fund_code = d.pop("fund_code")

        investors = d.pop("investors")

        outstanding = d.pop("outstanding")

        overdue_call_out = cls(
            due_on=due_on,
            event_id=event_id,
            fund_code=fund_code,
            investors=investors,
            outstanding=outstanding,
        )


        overdue_call_out.additional_properties = d
        return overdue_call_out

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
