"""/v1/processes: start and inspect processes for clients."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Literal
from urllib.parse import quote

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Path, Response, status
from google.protobuf.struct_pb2 import Struct
from pydantic import BaseModel, Field

from services.common.protos import when
from services.gateway.deps import Services
from services.gateway.schemas import ProcessOut, ProcessStart, process_out, process_status

router = APIRouter(tags=["processes"])


class CancelBody(BaseModel):
    reason: str = Field("", max_length=500)


class QuestionnaireBody(BaseModel):
    answers: dict[str, str] = Field(
        ..., examples=[{"age_band": "30_50", "horizon": "3_5y", "loss_tolerance": "up_to_10pct"}]
    )


@router.post(
    "/v1/clients/{client_id}/processes",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ProcessOut,
    responses={
        404: {"description": "No such client, or not yours"},
        409: {"description": "Already running"},
    },
)
async def start_process(
    client_id: uuid.UUID,
    body: ProcessStart,
    services: Services,
    response: Response,
) -> ProcessOut:
    """Start a process for a client."""
    message = await services.processes.StartProcess(
        workflows_pb2.StartProcessRequest(
            kind=body.kind, client_id=str(client_id), parameters=body.parameters
        ),
    )
    # A workflow id may hold any text (a call's reason): the header carries it URL-encoded.
    response.headers["Location"] = f"/v1/processes/{quote(message.workflow_id, safe='/')}"
    return process_out(message)


class StepOut(BaseModel):
    at: datetime | None
    event: str
    detail: str
    by: str


class ProgressTaskOut(BaseModel):
    task_id: str
    title: str
    title_key: str = Field("", description="The title's English pattern (see /v1/tasks)")
    title_params: dict[str, str] = Field(default_factory=dict)
    status: str
    assignee_user: str
    assignee_role: str
    claimed_by: str
    due_at: datetime | None
    paused: bool
    outcome: str
    reminders_sent: int
    escalation_level: int
    breached_at: datetime | None


class ProgressOut(BaseModel):
    workflow_id: str
    kind: str
    status: str
    current_step: str
    waiting_on: str
    due_at: datetime | None
    tasks: list[ProgressTaskOut]
    steps: list[StepOut]
    items_total: int = Field(0, description="a run over many items (clients): taken on so far")
    items_done: int = Field(0, description="... and finished")


class ProcessList(BaseModel):
    items: list[ProcessOut]


@router.get(
    "/v1/clients/{client_id}/processes",
    response_model=ProcessList,
    responses={404: {"description": "No such client, or not yours"}},
)
async def list_client_processes(client_id: uuid.UUID, services: Services) -> ProcessList:
    """The client's processes, running and finished, newest first."""
    reply = await services.processes.ListClientProcesses(
        workflows_pb2.ListClientProcessesRequest(client_id=str(client_id)),
    )
    return ProcessList(items=[process_out(p) for p in reply.processes])


@router.post(
    "/v1/processes/{workflow_id:path}/cancel",
    response_model=ProcessOut,
    responses={
        403: {"description": "Managers and admins only"},
        404: {"description": "No such process, or not yours"},
        409: {"description": "Not running"},
    },
)
async def cancel_process(
    services: Services,
    workflow_id: str = Path(min_length=1, max_length=300),
    body: CancelBody | None = None,
) -> ProcessOut:
    """Cancel a running process; its open tasks are cancelled with it and the process
    records the reason (e.g. "the client withdrew")."""
    reply = await services.processes.CancelProcess(
        workflows_pb2.CancelProcessRequest(
            workflow_id=workflow_id, reason=body.reason if body else ""
        ),
    )
    return process_out(reply)


@router.get(
    "/v1/processes/{workflow_id:path}/progress",
    response_model=ProgressOut,
    responses={404: {"description": "No such process, or not yours"}},
)
async def get_progress(
    services: Services,
    workflow_id: str = Path(min_length=1, max_length=300),
    view: Literal["staff", "client"] = "staff",
) -> ProgressOut:
    """What the process is doing: current step, who it waits on, the due date and the step
    history, read from the workflow itself. `view=client` leaves out internal detail (who,
    notes, escalations) for a client portal."""
    message = await services.processes.GetProgress(
        workflows_pb2.GetProgressRequest(workflow_id=workflow_id, client_safe=view == "client"),
    )
    return progress_out(message)


@router.post(
    "/v1/processes/{workflow_id:path}/questionnaire",
    response_model=ProgressOut,
    responses={
        400: {"description": "An answer is missing or not one of the options"},
        403: {"description": "Not the client's advisor, manager or the portal"},
        404: {"description": "No such process, or not yours"},
        409: {"description": "Not sent yet, already answered, or not running"},
    },
)
async def submit_questionnaire(
    body: QuestionnaireBody,
    services: Services,
    workflow_id: str = Path(min_length=1, max_length=300),
) -> ProgressOut:
    """Answer the risk questionnaire of a running onboarding (question -> option); the
    onboarding goes on to the risk level, the tier and the welcome message."""
    answers = Struct()
    answers.update(body.answers)
    message = await services.processes.SubmitQuestionnaire(
        workflows_pb2.SubmitQuestionnaireRequest(workflow_id=workflow_id, answers=answers),
    )
    return progress_out(message)


def progress_out(message: workflows_pb2.ProcessProgress) -> ProgressOut:
    return ProgressOut(
        workflow_id=message.workflow_id,
        kind=message.kind,
        status=process_status(message.status),
        current_step=message.current_step,
        waiting_on=message.waiting_on,
        due_at=when(message, "due_at"),
        tasks=[
            ProgressTaskOut(
                task_id=t.task_id,
                title=t.title,
                title_key=t.title_key,
                title_params=json.loads(t.title_params_json or "{}"),
                status=t.status,
                assignee_user=t.assignee_user,
                assignee_role=t.assignee_role,
                claimed_by=t.claimed_by,
                due_at=when(t, "due_at"),
                paused=t.paused,
                outcome=t.outcome,
                reminders_sent=t.reminders_sent,
                escalation_level=t.escalation_level,
                breached_at=when(t, "breached_at"),
            )
            for t in message.tasks
        ],
        steps=[
            StepOut(at=when(step, "at"), event=step.event, detail=step.detail, by=step.by)
            for step in message.steps
        ],
        items_total=message.items_total,
        items_done=message.items_done,
    )


@router.get(
    "/v1/processes/{workflow_id:path}",
    response_model=ProcessOut,
    responses={404: {"description": "No such process"}},
)
async def get_process(
    services: Services,
    workflow_id: str = Path(min_length=1, max_length=300),
) -> ProcessOut:
    """A process and its status (the result once completed)."""
    message = await services.processes.GetProcess(
        workflows_pb2.GetProcessRequest(workflow_id=workflow_id),
    )
    return process_out(message)
