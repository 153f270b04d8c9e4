"""HTTP request and response bodies."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ClientKindIn(StrEnum):
    individual = "individual"
    institution = "institution"


class ClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ClientKindIn = ClientKindIn.individual
    name: str = Field(min_length=1, max_length=200, description="Full name; CJK names are normal.")
    advisor_id: str | None = Field(None, min_length=1, max_length=64)
    team_id: str | None = Field(None, min_length=1, max_length=64)


class ClientOut(BaseModel):
    id: uuid.UUID
    kind: Literal["individual", "institution"]
    name: str
    advisor_id: str
    team_id: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class Me(BaseModel):
    user_id: str
    roles: list[str]
    team_id: str | None


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
