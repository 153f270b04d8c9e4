"""HTTP request and response bodies."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from clientflow.workflows.v1 import workflows_pb2
from pydantic import BaseModel, ConfigDict, Field


class Me(BaseModel):
    user_id: str
    roles: list[str]
    team_id: str | None
    managed_team_ids: list[str] = Field(
        default_factory=list, description="The teams your manager role reaches"
    )


class InboxMessageOut(BaseModel):
    id: uuid.UUID
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None


class InboxPage(BaseModel):
    items: list[InboxMessageOut]
    next_page_token: str | None


class ProcessStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(min_length=1, max_length=64, examples=["client-check"])
    parameters: dict[str, str] = Field(default_factory=dict)


class ProcessOut(BaseModel):
    workflow_id: str
    run_id: str
    kind: str
    client_id: str
    status: str
    started_at: datetime | None
    closed_at: datetime | None
    result: dict[str, object] | None


def process_status(status: workflows_pb2.ProcessStatus.ValueType) -> str:
    """One spelling of each state across resources: tasks and processes are `cancelled`."""
    name = workflows_pb2.ProcessStatus.Name(status).removeprefix("PROCESS_STATUS_").lower()
    return "cancelled" if name == "canceled" else name


def process_out(message: workflows_pb2.Process) -> ProcessOut:
    """Message -> response body."""
    return ProcessOut(
        workflow_id=message.workflow_id,
        run_id=message.run_id,
        kind=message.kind,
        client_id=message.client_id,
        status=process_status(message.status),
        started_at=message.started_at.ToDatetime(tzinfo=UTC)
        if message.HasField("started_at")
        else None,
        closed_at=message.closed_at.ToDatetime(tzinfo=UTC)
        if message.HasField("closed_at")
        else None,
        result=json.loads(message.result_json) if message.result_json else None,
    )
