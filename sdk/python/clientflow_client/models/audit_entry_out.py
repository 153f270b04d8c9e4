from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.audit_entry_out_changes import AuditEntryOutChanges





T = TypeVar("T", bound="AuditEntryOut")



@_attrs_define
class AuditEntryOut:
    """ 
        Attributes:
            action (str):
            actor_id (str):
            at (datetime.datetime):
            changes (AuditEntryOutChanges):
            entity (str):
            entity_id (str):
            id (int):
            cause (str | Unset): an automated change (rule:<id>): the event it answered Default: ''.
     """

    action: str
    actor_id: str
    at: datetime.datetime
    changes: AuditEntryOutChanges
    entity: str
    entity_id: str
    id: int
    cause: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_entry_out_changes import AuditEntryOutChanges # noqa: PLC0415
        action = self.action

        actor_id = self.actor_id

        at = self.at.isoformat()

        changes = self.changes.to_dict()

        entity = self.entity

        entity_id = self.entity_id

        id = self.id

        cause = self.cause


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "actor_id": actor_id,
            "at": at,
            "changes": changes,
            "entity": entity,
            "entity_id": entity_id,
            "id": id,
        })
        if cause is not UNSET:
            field_dict["cause"] = cause

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry_out_changes import AuditEntryOutChanges # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        actor_id = d.pop("actor_id")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        changes = AuditEntryOutChanges.from_dict(d.pop("changes"))




        entity = d.pop("entity")

        entity_id = d.pop("entity_id")

        id = d.pop("id")

        cause = d.pop("cause", UNSET)

        audit_entry_out = cls(
            action=action,
            actor_id=actor_id,
            at=at,
            changes=changes,
            entity=entity,
            entity_id=entity_id,
            id=id,
            cause=cause,
        )


        audit_entry_out.additional_properties = d
        return audit_entry_out

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
