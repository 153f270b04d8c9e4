from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="FiringOut")



@_attrs_define
class FiringOut:
    """ 
        Attributes:
            detail (str):
            outcome (str):
            rule_id (str):
            rule_name (str):
            workflow_id (str):
     """

    detail: str
    outcome: str
    rule_id: str
    rule_name: str
    workflow_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        outcome = self.outcome

        rule_id = self.rule_id

        rule_name = self.rule_name

        workflow_id = self.workflow_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "detail": detail,
            "outcome": outcome,
            "rule_id": rule_id,
            "rule_name": rule_name,
            "workflow_id": workflow_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detail = d.pop("detail")

        outcome = d.pop("outcome")

        rule_id = d.pop("rule_id")

        rule_name = d.pop("rule_name")

        workflow_id = d.pop("workflow_id")

        firing_out = cls(
            detail=detail,
            outcome=outcome,
            rule_id=rule_id,
            rule_name=rule_name,
            workflow_id=workflow_id,
        )


        firing_out.additional_properties = d
        return firing_out

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
