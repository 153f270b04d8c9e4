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
  from ..models.progress_task_out_title_params import ProgressTaskOutTitleParams





T = TypeVar("T", bound="ProgressTaskOut")



@_attrs_define
class ProgressTaskOut:
    """ 
        Attributes:
            assignee_role (str):
            assignee_user (str):
            breached_at (datetime.datetime | None):
            claimed_by (str):
            due_at (datetime.datetime | None):
            escalation_level (int):
            outcome (str):
            paused (bool):
            reminders_sent (int):
            status (str):
            task_id (str):
            title (str):
            title_key (str | Unset): The title's English pattern (see /v1/tasks) Default: ''.
            title_params (ProgressTaskOutTitleParams | Unset):
     """

    assignee_role: str
    assignee_user: str
    breached_at: datetime.datetime | None
    claimed_by: str
    due_at: datetime.datetime | None
    escalation_level: int
    outcome: str
    paused: bool
    reminders_sent: int
    status: str
    task_id: str
    title: str
    title_key: str | Unset = ''
    title_params: ProgressTaskOutTitleParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.progress_task_out_title_params import ProgressTaskOutTitleParams # noqa: PLC0415
        assignee_role = self.assignee_role

        assignee_user = self.assignee_user

        breached_at: None | str
        if isinstance(self.breached_at, datetime.datetime):
            breached_at = self.breached_at.isoformat()
        else:
            breached_at = self.breached_at

        claimed_by = self.claimed_by

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        escalation_level = self.escalation_level

        outcome = self.outcome

        paused = self.paused

        reminders_sent = self.reminders_sent

        status = self.status

        task_id = self.task_id

        title = self.title

        title_key = self.title_key

        title_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.title_params, Unset):
            title_params = self.title_params.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "assignee_role": assignee_role,
            "assignee_user": assignee_user,
            "breached_at": breached_at,
            "claimed_by": claimed_by,
            "due_at": due_at,
            "escalation_level": escalation_level,
            "outcome": outcome,
            "paused": paused,
            "reminders_sent": reminders_sent,
            "status": status,
            "task_id": task_id,
            "title": title,
        })
        if title_key is not UNSET:
            field_dict["title_key"] = title_key
        if title_params is not UNSET:
            field_dict["title_params"] = title_params

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.progress_task_out_title_params import ProgressTaskOutTitleParams # noqa: PLC0415
        d = dict(src_dict)
        assignee_role = d.pop("assignee_role")

        assignee_user = d.pop("assignee_user")

        def _parse_breached_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                breached_at_type_0 = datetime.datetime.fromisoformat(data)



                return breached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        breached_at = _parse_breached_at(d.pop("breached_at"))


        claimed_by = d.pop("claimed_by")

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


        escalation_level = d.pop("escalation_level")

        outcome = d.pop("outcome")

        paused = d.pop("paused")

        reminders_sent = d.pop("reminders_sent")

        status = d.pop("status")

        task_id = d.pop("task_id")

        title = d.pop("title")

        title_key = d.pop("title_key", UNSET)

        _title_params = d.pop("title_params", UNSET)
        title_params: ProgressTaskOutTitleParams | Unset
        if isinstance(_title_params,  Unset):
            title_params = UNSET
        else:
            title_params = ProgressTaskOutTitleParams.from_dict(_title_params)




        progress_task_out = cls(
            assignee_role=assignee_role,
            assignee_user=assignee_user,
            breached_at=breached_at,
            claimed_by=claimed_by,
            due_at=due_at,
            escalation_level=escalation_level,
            outcome=outcome,
            paused=paused,
            reminders_sent=reminders_sent,
            status=status,
            task_id=task_id,
            title=title,
            title_key=title_key,
            title_params=title_params,
        )


        progress_task_out.additional_properties = d
        return progress_task_out

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
