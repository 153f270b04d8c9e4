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
  from ..models.progress_task_out import ProgressTaskOut
  from ..models.step_out import StepOut





T = TypeVar("T", bound="ProgressOut")



@_attrs_define
class ProgressOut:
    """ 
        Attributes:
            current_step (str):
            due_at (datetime.datetime | None):
            kind (str):
            status (str):
            steps (list[StepOut]):
            tasks (list[ProgressTaskOut]):
            waiting_on (str):
            workflow_id (str):
            items_done (int | Unset): ... and finished Default: 0.
            items_total (int | Unset): a run over many items (clients): taken on so far Default: 0.
     """

    current_step: str
    due_at: datetime.datetime | None
    kind: str
    status: str
    steps: list[StepOut]
    tasks: list[ProgressTaskOut]
    waiting_on: str
    workflow_id: str
    items_done: int | Unset = 0
    items_total: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.progress_task_out import ProgressTaskOut # noqa: PLC0415
        from ..models.step_out import StepOut # noqa: PLC0415
        current_step = self.current_step

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        kind = self.kind

        status = self.status

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)



        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)



        waiting_on = self.waiting_on

        workflow_id = self.workflow_id

        items_done = self.items_done

        items_total = self.items_total


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "current_step": current_step,
            "due_at": due_at,
            "kind": kind,
            "status": status,
            "steps": steps,
            "tasks": tasks,
            "waiting_on": waiting_on,
            "workflow_id": workflow_id,
        })
        if items_done is not UNSET:
            field_dict["items_done"] = items_done
        if items_total is not UNSET:
            field_dict["items_total"] = items_total

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.progress_task_out import ProgressTaskOut # noqa: PLC0415
        from ..models.step_out import StepOut # noqa: PLC0415
        d = dict(src_dict)
        current_step = d.pop("current_step")

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)



                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))


        kind = d.pop("kind")

        status = d.pop("status")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in (_steps):
            steps_item = StepOut.from_dict(steps_item_data)



            steps.append(steps_item)


        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in (_tasks):
            tasks_item = ProgressTaskOut.from_dict(tasks_item_data)



            tasks.append(tasks_item)


        waiting_on = d.pop("waiting_on")

        workflow_id = d.pop("workflow_id")

        items_done = d.pop("items_done", UNSET)

        items_total = d.pop("items_total", UNSET)

        progress_out = cls(
            current_step=current_step,
            due_at=due_at,
            kind=kind,
            status=status,
            steps=steps,
            tasks=tasks,
            waiting_on=waiting_on,
            workflow_id=workflow_id,
            items_done=items_done,
            items_total=items_total,
        )


        progress_out.additional_properties = d
        return progress_out

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
