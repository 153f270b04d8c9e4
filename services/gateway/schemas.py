"""HTTP request and response bodies."""

from __future__ import annotations

import uuid
from datetime import datetime

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
