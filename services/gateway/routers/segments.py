"""/v1/segments: saved filters with a count and a page of members (within your scope)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Query
from google.protobuf import json_format
from pydantic import BaseModel, ConfigDict, Field

from services.gateway.client_schemas import ClientPage, RiskLevel, Stage, Tier, client_out
from services.gateway.deps import Services

router = APIRouter(prefix="/v1/segments", tags=["segments"])


class CustomPredicateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(min_length=1, max_length=64)
    op: Literal["eq", "ne", "gt", "gte", "lt", "lte", "contains", "exists"] = "eq"
    value: str | float | bool | None = None


class RecordConditionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    op: Literal["eq", "ne", "gt", "gte", "lt", "lte"] = "eq"
    value: str = Field(max_length=200)


class RecordPredicateIn(BaseModel):
    """At least `count_gte` (or at most `count_lte`: 0 is none) active records of `type`
    meeting every `where`; a date value may be relative (today, today-30)."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    count_gte: int | None = Field(None, ge=0, le=100_000)
    count_lte: int | None = Field(None, ge=0, le=100_000)
    where: list[RecordConditionIn] = Field(default_factory=list, max_length=5)


class FilterIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tiers: list[Tier] = Field(default_factory=list, max_length=3)
    stages: list[Stage] = Field(default_factory=list, max_length=7)
    tags_any: list[str] = Field(default_factory=list, max_length=50)
    tags_all: list[str] = Field(default_factory=list, max_length=50)
    advisor_ids: list[str] = Field(default_factory=list, max_length=100)
    team_ids: list[str] = Field(default_factory=list, max_length=100)
    risk_levels: list[RiskLevel] = Field(default_factory=list, max_length=5)
    aum_min: str | None = Field(None, pattern=r"^\d{1,18}(\.\d+)?$")
    aum_max: str | None = Field(None, pattern=r"^\d{1,18}(\.\d+)?$")
    last_activity_before: datetime | None = None
    last_activity_after: datetime | None = None
    include_never_active: bool = False
    # The last real contact (a client never contacted: since it was created).
    last_contact_before: datetime | None = None
    last_contact_after: datetime | None = None
    custom: list[CustomPredicateIn] = Field(default_factory=list, max_length=20)
    records: list[RecordPredicateIn] = Field(default_factory=list, max_length=3)


class SegmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    filter: FilterIn


class SegmentOut(BaseModel):
    id: uuid.UUID
    name: str
    filter: dict[str, Any]
    owner_id: str
    updated_at: datetime


class SegmentList(BaseModel):
    items: list[SegmentOut]


class CountOut(BaseModel):
    count: int


def _filter(body: FilterIn) -> clients_pb2.ClientFilter:
    raw = body.model_dump(mode="json", exclude_none=True)
    for name in (
        "last_activity_before",
        "last_activity_after",
        "last_contact_before",
        "last_contact_after",
    ):
        value = getattr(body, name)
        if value is not None and value.tzinfo is None:
            raw[name] = value.isoformat() + "Z"
    return json_format.ParseDict(raw, clients_pb2.ClientFilter())


def _segment_out(message: clients_pb2.Segment) -> SegmentOut:
    return SegmentOut(
        id=uuid.UUID(message.id),
        name=message.name,
        filter=json_format.MessageToDict(message.filter, preserving_proto_field_name=True),
        owner_id=message.owner_id,
        updated_at=message.updated_at.ToDatetime(tzinfo=UTC),
    )


@router.post(
    "", status_code=201, response_model=SegmentOut, responses={409: {"description": "Name taken"}}
)
async def create_segment(body: SegmentIn, services: Services) -> SegmentOut:
    """Save a named filter."""
    message = await services.clients.SaveSegment(
        clients_pb2.SaveSegmentRequest(
            segment=clients_pb2.Segment(name=body.name, filter=_filter(body.filter))
        ),
    )
    return _segment_out(message)


@router.get("", response_model=SegmentList)
async def list_segments(services: Services) -> SegmentList:
    """Every saved segment (members are still limited to your scope)."""
    reply = await services.clients.ListSegments(clients_pb2.ListSegmentsRequest())
    return SegmentList(items=[_segment_out(m) for m in reply.segments])


@router.put(
    "/{segment_id}", response_model=SegmentOut, responses={404: {"description": "No such segment"}}
)
async def replace_segment(segment_id: uuid.UUID, body: SegmentIn, services: Services) -> SegmentOut:
    """Replace a segment you own (or any, as admin)."""
    message = await services.clients.SaveSegment(
        clients_pb2.SaveSegmentRequest(
            segment=clients_pb2.Segment(
                id=str(segment_id), name=body.name, filter=_filter(body.filter)
            )
        ),
    )
    return _segment_out(message)


@router.post(":count", response_model=CountOut)
async def count_filter(body: FilterIn, services: Services) -> CountOut:
    """How many clients you may see an unsaved filter selects (a segment builder's live
    count); the same predicates and errors as a saved segment."""
    reply = await services.clients.CountSegment(
        clients_pb2.SegmentRequest(filter=_filter(body)),
    )
    return CountOut(count=reply.count)


@router.get(
    "/{segment_id}/count",
    response_model=CountOut,
    responses={404: {"description": "No such segment"}},
)
async def count_segment(segment_id: uuid.UUID, services: Services) -> CountOut:
    """How many clients you may see are in the segment."""
    reply = await services.clients.CountSegment(
        clients_pb2.SegmentRequest(segment_id=str(segment_id)),
    )
    return CountOut(count=reply.count)


@router.get(
    "/{segment_id}/members",
    response_model=ClientPage,
    responses={404: {"description": "No such segment"}},
)
async def segment_members(
    segment_id: uuid.UUID,
    services: Services,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
    page_token: Annotated[str, Query(max_length=500)] = "",
) -> ClientPage:
    """A page of the segment's members you may see."""
    reply = await services.clients.ListSegmentMembers(
        clients_pb2.ListSegmentMembersRequest(
            segment_id=str(segment_id), page_size=page_size, page_token=page_token
        ),
    )
    return ClientPage(
        items=[client_out(m) for m in reply.clients], next_page_token=reply.next_page_token or None
    )
