"""/v1/portal/processes: the processes the firm runs for a signed-in client, as the client
may see them (the steps a definition makes client-visible, in the client's words); and
/v1/portal/tasks: what those processes ask of the client (a form, documents to upload),
done here."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Annotated, Any

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, File, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from services.common.grpc_client import ServiceClients
from services.common.protos import when
from services.gateway.portal_auth import CurrentClient
from services.gateway.routers.portal import PortalServices
from services.gateway.routers.tasks import FormFieldOut, TaskDocumentOut, form_fields_of
from services.gateway.schemas import process_status, read_attachment

router = APIRouter(tags=["portal"])


class PortalTaskOut(BaseModel):
    title: dict[str, str] = Field(description="the client wording, per locale")
    status: str
    due_at: datetime | None


class PortalProcessOut(BaseModel):
    """A process the firm runs for the client, as the client may see it: the steps its
    definition makes client-visible, in the client's words."""

    workflow_id: str
    key: str
    status: str
    started_at: datetime | None
    closed_at: datetime | None
    tasks: list[PortalTaskOut]


@router.get("/v1/portal/processes", response_model=list[PortalProcessOut])
async def my_processes(services: PortalServices, client: CurrentClient) -> list[PortalProcessOut]:
    """The client's processes that show steps to the client (defined processes)."""
    listed = await services.processes.ListClientProcesses(
        workflows_pb2.ListClientProcessesRequest(client_id=client.client_id or "", page_size=50)
    )
    found = []
    for process in listed.processes:
        if process.kind != "definition":
            continue
        progress = await services.processes.GetProgress(
            workflows_pb2.GetProgressRequest(workflow_id=process.workflow_id, client_safe=True)
        )
        tasks = [
            PortalTaskOut(
                title={
                    k.removeprefix("title."): v
                    for k, v in json.loads(t.title_params_json or "{}").items()
                }
                or {"en": t.title},
                status=t.status,
                due_at=when(t, "due_at"),
            )
            for t in progress.tasks
        ]
        if not tasks:
            continue
        found.append(
            PortalProcessOut(
                workflow_id=process.workflow_id,
                key=process.workflow_id.split("/")[2]
                if process.workflow_id.count("/") >= 3
                else "",
                status=process_status(process.status),
                started_at=when(process, "started_at"),
                closed_at=when(process, "closed_at"),
                tasks=tasks,
            )
        )
    return found


class PortalClientTaskOut(BaseModel):
    """A task a process asks of the client: its words, when it is due, what it takes."""

    id: uuid.UUID
    workflow_id: str
    title: dict[str, str] = Field(description="the client wording, per locale")
    status: str
    due_at: datetime | None
    outcomes: list[str] = Field(description="What `complete` accepts as `outcome`")
    form_fields: list[FormFieldOut] = Field(
        description="What `complete` accepts as `form`; a `file` field takes the id of a "
        "document uploaded to POST /v1/portal/tasks/{id}/documents"
    )


async def _words(services: ServiceClients, workflow_id: str) -> dict[str, dict[str, str]]:
    """The client's words of each task of a process (task id → per locale)."""
    progress = await services.processes.GetProgress(
        workflows_pb2.GetProgressRequest(workflow_id=workflow_id, client_safe=True)
    )
    return {
        t.task_id: {
            k.removeprefix("title."): v for k, v in json.loads(t.title_params_json or "{}").items()
        }
        or {"en": t.title}
        for t in progress.tasks
    }


def _client_task(task: workflows_pb2.Task, words: dict[str, dict[str, str]]) -> PortalClientTaskOut:
    return PortalClientTaskOut(
        id=uuid.UUID(task.id),
        workflow_id=task.workflow_id,
        title=words.get(task.task_id) or {},
        status=task.status,
        due_at=when(task, "due_at"),
        outcomes=list(task.outcomes),
        form_fields=form_fields_of(task.form_fields_json),
    )


@router.get("/v1/portal/tasks", response_model=list[PortalClientTaskOut])
async def my_tasks(services: PortalServices) -> list[PortalClientTaskOut]:
    """The client's open tasks, soonest due first."""
    listed = await services.tasks.ListTasks(workflows_pb2.ListTasksRequest(page_size=50))
    found: list[PortalClientTaskOut] = []
    words: dict[str, dict[str, dict[str, str]]] = {}
    for task in listed.tasks:
        if task.status in ("done", "cancelled"):
            continue
        if task.workflow_id not in words:
            words[task.workflow_id] = await _words(services, task.workflow_id)
        found.append(_client_task(task, words[task.workflow_id]))
    return found


MISSING: dict[int | str, dict[str, Any]] = {404: {"description": "No such task of yours"}}


@router.post(
    "/v1/portal/tasks/{task_id}/documents",
    response_model=TaskDocumentOut,
    status_code=201,
    responses={**MISSING, 413: {"description": "Over 10 MB"}},
)
async def upload_portal_document(
    task_id: uuid.UUID,
    services: PortalServices,
    file: Annotated[UploadFile, File(description="PDF, PNG or JPEG, at most 10 MB")],
) -> TaskDocumentOut:
    """A document for one of your task's `file` fields: put the returned id in the form."""
    reply = await services.tasks.AddTaskDocument(
        workflows_pb2.AddTaskDocumentRequest(
            task_id=str(task_id), filename=file.filename or "", content=await read_attachment(file)
        )
    )
    return TaskDocumentOut.of(reply)


class PortalCompleteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: str = Field("", max_length=64, description="one of the task's; the first if empty")
    form: dict[str, Any] = Field(default_factory=dict)


@router.post(
    "/v1/portal/tasks/{task_id}/complete",
    response_model=PortalClientTaskOut,
    responses={**MISSING, 409: {"description": "The task is already done"}},
)
async def complete_task(
    task_id: uuid.UUID, body: PortalCompleteIn, services: PortalServices
) -> PortalClientTaskOut:
    """Complete your task with its form (the process goes on)."""
    task = await services.tasks.GetTask(workflows_pb2.GetTaskRequest(id=str(task_id)))
    outcome = body.outcome or (task.outcomes[0] if task.outcomes else "done")
    done = await services.tasks.ActOnTask(
        workflows_pb2.ActOnTaskRequest(
            id=str(task_id),
            action="complete",
            outcome=outcome,
            form_json=json.dumps(body.form, ensure_ascii=False),
        )
    )
    return _client_task(done, await _words(services, done.workflow_id))
