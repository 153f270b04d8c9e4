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

if TYPE_CHECKING:
  from ..models.form_field_out import FormFieldOut
  from ..models.task_out_form import TaskOutForm
  from ..models.task_out_title_params import TaskOutTitleParams
  from ..models.task_reply_out import TaskReplyOut





T = TypeVar("T", bound="TaskOut")



@_attrs_define
class TaskOut:
    """ 
        Attributes:
            assignee_role (None | str):
            assignee_user (None | str):
            breached_at (datetime.datetime | None):
            claimed_by (None | str):
            client_id (None | str):
            comment (None | str):
            completed_by (None | str):
            created_at (datetime.datetime | None):
            due_at (datetime.datetime | None):
            escalation_level (int):
            form (TaskOutForm):
            form_fields (list[FormFieldOut]): What `complete` accepts as `form`
            id (UUID):
            outcome (None | str):
            outcomes (list[str]): What `complete` accepts as `outcome`
            overdue (bool):
            paused (bool):
            process_kind (str):
            reminders_sent (int):
            sla (str):
            status (str):
            task_id (str):
            team_id (None | str):
            title (str):
            title_key (str): The title's English pattern, e.g. 'Book the {year} strategy review meeting' (a catalogue key);
                '' for older tasks: show `title`
            title_params (TaskOutTitleParams): The pattern's parameters; one may come per locale as 'name.zh-CN' / 'name.en'
            updated_at (datetime.datetime | None):
            workflow_id (str):
            replies (list[TaskReplyOut] | Unset): The client's e-mail replies to this task's messages (one task's read only)
     """

    assignee_role: None | str
    assignee_user: None | str
    breached_at: datetime.datetime | None
    claimed_by: None | str
    client_id: None | str
    comment: None | str
    completed_by: None | str
    created_at: datetime.datetime | None
    due_at: datetime.datetime | None
    escalation_level: int
    form: TaskOutForm
    form_fields: list[FormFieldOut]
    id: UUID
    outcome: None | str
    outcomes: list[str]
    overdue: bool
    paused: bool
    process_kind: str
    reminders_sent: int
    sla: str
    status: str
    task_id: str
    team_id: None | str
    title: str
    title_key: str
    title_params: TaskOutTitleParams
    updated_at: datetime.datetime | None
    workflow_id: str
    replies: list[TaskReplyOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.form_field_out import FormFieldOut # noqa: PLC0415
        from ..models.task_out_form import TaskOutForm # noqa: PLC0415
        from ..models.task_out_title_params import TaskOutTitleParams # noqa: PLC0415
        from ..models.task_reply_out import TaskReplyOut # noqa: PLC0415
        assignee_role: None | str
        assignee_role = self.assignee_role

        assignee_user: None | str
        assignee_user = self.assignee_user

        breached_at: None | str
        if isinstance(self.breached_at, datetime.datetime):
            breached_at = self.breached_at.isoformat()
        else:
            breached_at = self.breached_at

        claimed_by: None | str
        claimed_by = self.claimed_by

        client_id: None | str
        client_id = self.client_id

        comment: None | str
        comment = self.comment

        completed_by: None | str
        completed_by = self.completed_by

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        escalation_level = self.escalation_level

        form = self.form.to_dict()

        form_fields = []
        for form_fields_item_data in self.form_fields:
            form_fields_item = form_fields_item_data.to_dict()
            form_fields.append(form_fields_item)



        id = str(self.id)

        outcome: None | str
        outcome = self.outcome

        outcomes = self.outcomes



        overdue = self.overdue

        paused = self.paused

        process_kind = self.process_kind

        reminders_sent = self.reminders_sent

        sla = self.sla

        status = self.status

        task_id = self.task_id

        team_id: None | str
        team_id = self.team_id

        title = self.title

        title_key = self.title_key

        title_params = self.title_params.to_dict()

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        workflow_id = self.workflow_id

        replies: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.replies, Unset):
            replies = []
            for replies_item_data in self.replies:
                replies_item = replies_item_data.to_dict()
                replies.append(replies_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "assignee_role": assignee_role,
            "assignee_user": assignee_user,
            "breached_at": breached_at,
            "claimed_by": claimed_by,
            "client_id": client_id,
            "comment": comment,
            "completed_by": completed_by,
            "created_at": created_at,
            "due_at": due_at,
            "escalation_level": escalation_level,
            "form": form,
            "form_fields": form_fields,
            "id": id,
            "outcome": outcome,
            "outcomes": outcomes,
            "overdue": overdue,
            "paused": paused,
            "process_kind": process_kind,
            "reminders_sent": reminders_sent,
            "sla": sla,
            "status": status,
            "task_id": task_id,
            "team_id": team_id,
            "title": title,
            "title_key": title_key,
            "title_params": title_params,
            "updated_at": updated_at,
            "workflow_id": workflow_id,
        })
        if replies is not UNSET:
            field_dict["replies"] = replies

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.form_field_out import FormFieldOut # noqa: PLC0415
        from ..models.task_out_form import TaskOutForm # noqa: PLC0415
        from ..models.task_out_title_params import TaskOutTitleParams # noqa: PLC0415
        from ..models.task_reply_out import TaskReplyOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_assignee_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee_role = _parse_assignee_role(d.pop("assignee_role"))


        def _parse_assignee_user(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee_user = _parse_assignee_user(d.pop("assignee_user"))


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


        def _parse_claimed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        claimed_by = _parse_claimed_by(d.pop("claimed_by"))


        def _parse_client_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_id = _parse_client_id(d.pop("client_id"))


        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))


        def _parse_completed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        completed_by = _parse_completed_by(d.pop("completed_by"))


        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)



                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))


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

        form = TaskOutForm.from_dict(d.pop("form"))




        form_fields = []
        _form_fields = d.pop("form_fields")
        for form_fields_item_data in (_form_fields):
            form_fields_item = FormFieldOut.from_dict(form_fields_item_data)



            form_fields.append(form_fields_item)


        id = UUID(d.pop("id"))




        def _parse_outcome(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome = _parse_outcome(d.pop("outcome"))


        outcomes = cast(list[str], d.pop("outcomes"))


        overdue = d.pop("overdue")

        paused = d.pop("paused")

        process_kind = d.pop("process_kind")

        reminders_sent = d.pop("reminders_sent")

        sla = d.pop("sla")

        status = d.pop("status")

        task_id = d.pop("task_id")

        def _parse_team_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        team_id = _parse_team_id(d.pop("team_id"))


        title = d.pop("title")

        title_key = d.pop("title_key")

        title_params = TaskOutTitleParams.from_dict(d.pop("title_params"))




        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        workflow_id = d.pop("workflow_id")

        _replies = d.pop("replies", UNSET)
        replies: list[TaskReplyOut] | Unset = UNSET
        if _replies is not UNSET:
            replies = []
            for replies_item_data in _replies:
                replies_item = TaskReplyOut.from_dict(replies_item_data)



                replies.append(replies_item)


        task_out = cls(
            assignee_role=assignee_role,
            assignee_user=assignee_user,
            breached_at=breached_at,
            claimed_by=claimed_by,
            client_id=client_id,
            comment=comment,
            completed_by=completed_by,
            created_at=created_at,
            due_at=due_at,
            escalation_level=escalation_level,
            form=form,
            form_fields=form_fields,
            id=id,
            outcome=outcome,
            outcomes=outcomes,
            overdue=overdue,
            paused=paused,
            process_kind=process_kind,
            reminders_sent=reminders_sent,
            sla=sla,
            status=status,
            task_id=task_id,
            team_id=team_id,
            title=title,
            title_key=title_key,
            title_params=title_params,
            updated_at=updated_at,
            workflow_id=workflow_id,
            replies=replies,
        )


        task_out.additional_properties = d
        return task_out

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
