"""/v1/tasks: what processes ask people to do — mine and my team's, claim, release,
complete, reassign, pause, resume, extend. Every change goes to the task's workflow as a
Temporal Update, whose validator decides."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from services.common.protos import when
from services.gateway.deps import Services
from services.gateway.schemas import read_attachment

router = APIRouter(tags=["tasks"])

Status = Literal["open", "claimed", "escalated", "done", "cancelled"]


class FormFieldOut(BaseModel):
    name: str
    type: str = Field(description="text | number | date | choice | file (a document's id)")
    required: bool
    options: list[str]
    labels: dict[str, str] = Field(description="zh-CN and en")


class TaskReplyFileOut(BaseModel):
    artifact_id: str
    filename: str


class TaskReplyOut(BaseModel):
    subject: str
    excerpt: str
    received_at: datetime | None
    interaction_id: str
    attachments: list[TaskReplyFileOut]


class TaskOut(BaseModel):
    id: uuid.UUID
    workflow_id: str
    task_id: str
    process_kind: str
    title: str
    title_key: str = Field(
        description="The title's English pattern, e.g. 'Book the {year} strategy review "
        "meeting' (a catalogue key); '' for older tasks: show `title`"
    )
    title_params: dict[str, str] = Field(
        description="The pattern's parameters; one may come per locale as 'name.zh-CN' / 'name.en'"
    )
    client_id: str | None
    assignee_user: str | None
    assignee_role: str | None
    team_id: str | None
    status: str
    due_at: datetime | None
    overdue: bool
    sla: str
    outcome: str | None
    comment: str | None
    form: dict[str, Any]
    outcomes: list[str] = Field(description="What `complete` accepts as `outcome`")
    form_fields: list[FormFieldOut] = Field(description="What `complete` accepts as `form`")
    claimed_by: str | None
    completed_by: str | None
    reminders_sent: int
    escalation_level: int
    breached_at: datetime | None
    paused: bool
    created_at: datetime | None
    updated_at: datetime | None
    replies: list[TaskReplyOut] = Field(
        default_factory=list,
        description="The client's e-mail replies to this task's messages (one task's read only)",
    )


class TaskPage(BaseModel):
    items: list[TaskOut]
    next_page_token: str | None


def form_fields_of(raw: str) -> list[FormFieldOut]:
    try:
        fields = json.loads(raw or "[]")
        return [FormFieldOut(**field) for field in fields]
    except (ValueError, TypeError):
        return []


def _title_params(raw: str) -> dict[str, str]:
    try:
        params = json.loads(raw or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in params.items()} if isinstance(params, dict) else {}


def task_out(m: workflows_pb2.Task) -> TaskOut:
    try:
        form = json.loads(m.form_json or "{}")
    except ValueError:
        form = {}
    return TaskOut(
        id=uuid.UUID(m.id),
        workflow_id=m.workflow_id,
        task_id=m.task_id,
        process_kind=m.process_kind,
        title=m.title,
        title_key=m.title_key,
        title_params=_title_params(m.title_params_json),
        client_id=m.client_id or None,
        assignee_user=m.assignee_user or None,
        assignee_role=m.assignee_role or None,
        team_id=m.team_id or None,
        status=m.status,
        due_at=when(m, "due_at"),
        overdue=m.overdue,
        sla=m.sla,
        outcome=m.outcome or None,
        comment=m.comment or None,
        form=form if isinstance(form, dict) else {},
        outcomes=list(m.outcomes),
        form_fields=form_fields_of(m.form_fields_json),
        claimed_by=m.claimed_by or None,
        completed_by=m.completed_by or None,
        reminders_sent=m.reminders_sent,
        escalation_level=m.escalation_level,
        breached_at=when(m, "breached_at"),
        paused=m.paused,
        created_at=when(m, "created_at"),
        updated_at=when(m, "updated_at"),
        replies=[
            TaskReplyOut(
                subject=r.subject,
                excerpt=r.excerpt,
                received_at=when(r, "received_at"),
                interaction_id=r.interaction_id,
                attachments=[
                    TaskReplyFileOut(artifact_id=a.artifact_id, filename=a.filename)
                    for a in r.attachments
                ],
            )
            for r in m.replies
        ],
    )


@router.get("/v1/tasks", response_model=TaskPage)
async def list_tasks(
    services: Services,
    scope: Literal["mine", "team", "all"] = "mine",
    status: Status | None = None,
    due_before: datetime | None = None,
    overdue: bool = False,
    process_kind: str = Query("", max_length=64),
    client_id: uuid.UUID | None = None,
    page_size: int = Query(50, ge=1, le=200),
    page_token: str = Query("", max_length=500),
) -> TaskPage:
    """Your tasks (assigned to you, claimed by you, or offered to your role in your team),
    or your team's (managers), soonest due first."""
    request = workflows_pb2.ListTasksRequest(
        scope=scope,
        status=status or "",
        overdue_only=overdue,
        process_kind=process_kind,
        client_id=str(client_id) if client_id else "",
        page_size=page_size,
        page_token=page_token,
    )
    if due_before is not None:
        request.due_before.FromDatetime(
            due_before if due_before.tzinfo else due_before.replace(tzinfo=UTC)
        )
    reply = await services.tasks.ListTasks(request)
    return TaskPage(
        items=[task_out(t) for t in reply.tasks], next_page_token=reply.next_page_token or None
    )


@router.get("/v1/tasks/{task_id}", response_model=TaskOut)
async def get_task(task_id: uuid.UUID, services: Services) -> TaskOut:
    """One task you may see (anything else is a 404)."""
    reply = await services.tasks.GetTask(workflows_pb2.GetTaskRequest(id=str(task_id)))
    return task_out(reply)


class CompleteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: str = Field(min_length=1, max_length=64)
    comment: str = Field("", max_length=5000)
    form: dict[str, Any] = Field(default_factory=dict)


class TaskDocumentOut(BaseModel):
    artifact_id: uuid.UUID = Field(description="What the form's `file` field takes")
    filename: str
    content_type: str
    size_bytes: int

    @classmethod
    def of(cls, m: workflows_pb2.TaskDocument) -> TaskDocumentOut:
        return cls(
            artifact_id=uuid.UUID(m.artifact_id),
            filename=m.filename,
            content_type=m.content_type,
            size_bytes=m.size_bytes,
        )


class ReassignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    assignee_user: str = Field(min_length=1, max_length=64)


class PauseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field("", max_length=500)


class ExtendIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    business_hours: float = Field(gt=0, le=720)
    reason: str = Field(min_length=1, max_length=500)


async def _act(services: Services, task_id: uuid.UUID, action: str, **fields: Any) -> TaskOut:
    reply = await services.tasks.ActOnTask(
        workflows_pb2.ActOnTaskRequest(id=str(task_id), action=action, **fields),
    )
    return task_out(reply)


CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "The task is already done, or claimed by someone else"}
}


@router.post("/v1/tasks/{task_id}/claim", response_model=TaskOut, responses=CONFLICT)
async def claim(task_id: uuid.UUID, services: Services) -> TaskOut:
    """Take a task offered to your role (or assigned to you) so others see it is yours."""
    return await _act(services, task_id, "claim")


@router.post("/v1/tasks/{task_id}/release", response_model=TaskOut, responses=CONFLICT)
async def release(task_id: uuid.UUID, services: Services) -> TaskOut:
    """Give a claimed task back."""
    return await _act(services, task_id, "release")


@router.post("/v1/tasks/{task_id}/complete", response_model=TaskOut, responses=CONFLICT)
async def complete(task_id: uuid.UUID, body: CompleteIn, services: Services) -> TaskOut:
    """Complete with one of the task's outcomes, a comment and the form it asks for."""
    return await _act(
        services,
        task_id,
        "complete",
        outcome=body.outcome,
        comment=body.comment,
        form_json=json.dumps(body.form, ensure_ascii=False),
    )


@router.post(
    "/v1/tasks/{task_id}/documents",
    response_model=TaskDocumentOut,
    status_code=201,
    responses={
        404: {"description": "No such task you may see"},
        413: {"description": "Over 10 MB"},
    },
)
async def upload_document(
    task_id: uuid.UUID,
    services: Services,
    file: Annotated[UploadFile, File(description="PDF, PNG or JPEG, at most 10 MB")],
) -> TaskDocumentOut:
    """A document for the task's `file` field: put the returned id in the form."""
    reply = await services.tasks.AddTaskDocument(
        workflows_pb2.AddTaskDocumentRequest(
            task_id=str(task_id), filename=file.filename or "", content=await read_attachment(file)
        )
    )
    return TaskDocumentOut.of(reply)


@router.post("/v1/tasks/{task_id}/reassign", response_model=TaskOut, responses=CONFLICT)
async def reassign(task_id: uuid.UUID, body: ReassignIn, services: Services) -> TaskOut:
    """Give the task to someone else (the team's manager)."""
    return await _act(services, task_id, "reassign", assignee_user=body.assignee_user)


@router.post("/v1/tasks/{task_id}/pause", response_model=TaskOut, responses=CONFLICT)
async def pause(task_id: uuid.UUID, body: PauseIn, services: Services) -> TaskOut:
    """Stop the SLA clock while waiting for the client."""
    return await _act(services, task_id, "pause", reason=body.reason)


@router.post("/v1/tasks/{task_id}/resume", response_model=TaskOut, responses=CONFLICT)
async def resume(task_id: uuid.UUID, services: Services) -> TaskOut:
    """Start the SLA clock again; the deadline moves by the business time paused."""
    return await _act(services, task_id, "resume")


@router.post("/v1/tasks/{task_id}/extend", response_model=TaskOut, responses=CONFLICT)
async def extend(task_id: uuid.UUID, body: ExtendIn, services: Services) -> TaskOut:
    """Move the deadline by business hours, with a reason (the team's manager)."""
    return await _act(
        services,
        task_id,
        "extend",
        business_hours=body.business_hours,
        reason=body.reason,
    )
