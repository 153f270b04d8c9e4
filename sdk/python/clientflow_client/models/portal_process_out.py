from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.portal_task_out import PortalTaskOut





T = TypeVar("T", bound="PortalProcessOut")



@_attrs_define
class PortalProcessOut:
    """ A process the firm runs for the client, as the client may see it: the steps its
    definition makes client-visible, in the client's words.

        Attributes:
            closed_at (datetime.datetime | None):
            key (str):
            started_at (datetime.datetime | None):
            status (str):
            tasks (list[PortalTaskOut]):
            workflow_id (str):
     """

    closed_at: datetime.datetime | None
    key: str
    started_at: datetime.datetime | None
    status: str
    tasks: list[PortalTaskOut]
    workflow_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.portal_task_out import PortalTaskOut # noqa: PLC0415
        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        key = self.key

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status

        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)



        workflow_id = self.workflow_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "closed_at": closed_at,
            "key": key,
            "started_at": started_at,
            "status": status,
            "tasks": tasks,
            "workflow_id": workflow_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.portal_task_out import PortalTaskOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)



                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))


        key = d.pop("key")

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)



                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))


        status = d.pop("status")

        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in (_tasks):
            tasks_item = PortalTaskOut.from_dict(tasks_item_data)



            tasks.append(tasks_item)


        workflow_id = d.pop("workflow_id")

        portal_process_out = cls(
            closed_at=closed_at,
            key=key,
            started_at=started_at,
            status=status,
            tasks=tasks,
            workflow_id=workflow_id,
        )


        portal_process_out.additional_properties = d
        return portal_process_out

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
