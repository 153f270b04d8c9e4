"""/v1/processes: start and inspect processes for clients."""

from __future__ import annotations

import json
import uuid
from datetime import UTC

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Path, Response, status

from services.gateway.deps import CurrentActor, Services
from services.gateway.schemas import ProcessOut, ProcessStart

router = APIRouter(tags=["processes"])


def process_out(message: workflows_pb2.Process) -> ProcessOut:
    """Message -> response body."""
    return ProcessOut(
        workflow_id=message.workflow_id,
        run_id=message.run_id,
        kind=message.kind,
        client_id=message.client_id,
        status=workflows_pb2.ProcessStatus.Name(message.status)
        .removeprefix("PROCESS_STATUS_")
        .lower(),
        started_at=message.started_at.ToDatetime(tzinfo=UTC)
        if message.HasField("started_at")
        else None,
        closed_at=message.closed_at.ToDatetime(tzinfo=UTC)
        if message.HasField("closed_at")
        else None,
        result=json.loads(message.result_json) if message.result_json else None,
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
    actor: CurrentActor,
    services: Services,
    response: Response,
) -> ProcessOut:
    """Start a process for a client."""
    message = await services.processes.StartProcess(
        workflows_pb2.StartProcessRequest(
            kind=body.kind, client_id=str(client_id), parameters=body.parameters
        ),
        metadata=actor.to_metadata(),
        timeout=15,
    )
    response.headers["Location"] = f"/v1/processes/{message.workflow_id}"
    return process_out(message)


@router.get(
    "/v1/processes/{workflow_id:path}",
    response_model=ProcessOut,
    responses={404: {"description": "No such process"}},
)
async def get_process(
    actor: CurrentActor,
    services: Services,
    workflow_id: str = Path(min_length=1, max_length=300),
) -> ProcessOut:
    """A process and its status (the result once completed)."""
    message = await services.processes.GetProcess(
        workflows_pb2.GetProcessRequest(workflow_id=workflow_id),
        metadata=actor.to_metadata(),
        timeout=15,
    )
    return process_out(message)
