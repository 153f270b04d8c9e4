"""/v1/portal/processes: the processes the firm runs for a signed-in client, as the client
may see them (the steps a definition makes client-visible, in the client's words)."""

from __future__ import annotations

import json
from datetime import datetime

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.common.protos import when
from services.gateway.portal_auth import CurrentClient
from services.gateway.routers.portal import PortalServices
from services.gateway.schemas import process_status

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
