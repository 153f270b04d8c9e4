"""/v1/events (publish trigger events) and /v1/rules (what events do), with a what-if
preview over the book."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Path
from google.protobuf import json_format
from pydantic import BaseModel, ConfigDict, Field

from services.common.protos import when
from services.gateway.deps import RATE_LIMITED, PreviewActor, Services

router = APIRouter(tags=["events and rules"])

EVENT_TYPE = r"^[a-z][a-z0-9_.-]{0,99}$"


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event_id: str = Field(min_length=1, max_length=200, description="deduplicates")
    type: str = Field(pattern=EVENT_TYPE, examples=["client.activity"])
    client_id: uuid.UUID
    occurred_at: datetime | None = None
    payload: dict[str, Any] = Field(default_factory=dict)


class FiringOut(BaseModel):
    rule_id: str
    rule_name: str
    outcome: str
    workflow_id: str
    detail: str


class EventOut(BaseModel):
    event_id: str
    type: str
    client_id: str
    occurred_at: datetime | None
    received_at: datetime | None
    payload: dict[str, Any]
    firings: list[FiringOut]
    replayed: bool


def event_out(m: workflows_pb2.EventResult) -> EventOut:
    return EventOut(
        event_id=m.event_id,
        type=m.type,
        client_id=m.client_id,
        occurred_at=when(m, "occurred_at"),
        received_at=when(m, "received_at"),
        payload=json_format.MessageToDict(m.payload),
        firings=[
            FiringOut(
                rule_id=f.rule_id,
                rule_name=f.rule_name,
                outcome=f.outcome,
                workflow_id=f.workflow_id,
                detail=f.detail,
            )
            for f in m.firings
        ],
        replayed=m.replayed,
    )


@router.post("/v1/events", response_model=EventOut)
async def publish_event(body: EventIn, services: Services) -> EventOut:
    """Publish a trigger event (service or admin role). The same event_id twice returns the
    first result and causes nothing."""
    request = workflows_pb2.PublishEventRequest(
        event_id=body.event_id, type=body.type, client_id=str(body.client_id)
    )
    if body.occurred_at is not None:
        when = body.occurred_at
        request.occurred_at.FromDatetime(when if when.tzinfo else when.replace(tzinfo=UTC))
    request.payload.update(body.payload)
    reply = await services.triggers.PublishEvent(request)
    return event_out(reply)


@router.get("/v1/events/{event_id:path}", response_model=EventOut)
async def get_event(
    services: Services,
    event_id: str = Path(min_length=1, max_length=200),
) -> EventOut:
    """A stored event and what its rules did; the id may hold slashes (the system's own
    events: `clients/outbox/…`, `process/…/completed`), encoded or not."""
    reply = await services.triggers.GetEvent(
        workflows_pb2.GetEventRequest(event_id=event_id),
    )
    return event_out(reply)


class RuleActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field(min_length=1, max_length=32)
    target: str = Field("", max_length=200)
    parameters: dict[str, str] = Field(default_factory=dict, max_length=20)


class RuleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    event_type: str = Field(pattern=EVENT_TYPE)
    condition: str = Field(
        "",
        max_length=4000,
        description='CEL over event and client, e.g. client.tier == "STRATEGIC" && event.payload.amount > 1000000.0',
    )
    action: Literal["", "start_process", "signal_process", "notify"] = Field(
        "", description="the rule's first action; may be empty when `actions` are given"
    )
    target: str = Field("", max_length=200)
    parameters: dict[str, str] = Field(default_factory=dict, max_length=20)
    period: Literal["once", "day", "month", "quarter", "year", "always"] = "once"
    enabled: bool = True
    trigger: Literal["event", "date"] = Field(
        "event", description="event: on published events; date: on a client's dates"
    )
    date_field: str = Field(
        "",
        max_length=100,
        pattern=r"^(|birthday|signed_on|contract_end|kyc_expires_on|custom_fields\.[a-z][a-z0-9_]{0,63}"
        r"|records\.[a-z][a-z0-9_]{0,39}\.[a-z][a-z0-9_]{0,39})$",
        description="date rules: a client date, a custom date field (custom_fields.<key>) or "
        "the client's latest date of a record type's field (records.<type>.<field>)",
    )
    offset_days: int = Field(0, ge=-366, le=366, description="-30 = thirty days before")
    field: str = Field(
        "",
        max_length=100,
        description="client.changed rules: the changed field, e.g. tier or custom_fields.intent",
    )
    from_values: list[str] = Field(default_factory=list, max_length=50)
    to_values: list[str] = Field(default_factory=list, max_length=50)
    actions: list[RuleActionIn] = Field(
        default_factory=list,
        max_length=10,
        description="run in order after `action`: add_tag, remove_tag, set_field, set_stage,"
        " assign_advisor, create_task, notify_staff, webhook, start_process, signal_process,"
        " notify",
    )
    team_id: str = Field("", max_length=64, description="the team whose clients it may change")
    confirm_bulk: bool = Field(
        False, description="needed when the preview over recent events changes many clients"
    )


class RuleOut(RuleIn):
    id: uuid.UUID
    updated_by: str
    updated_at: datetime | None
    version: int
    error_count: int = Field(0, description="How often the condition failed to evaluate")
    last_error: str = ""
    last_error_at: datetime | None = None


class RuleList(BaseModel):
    items: list[RuleOut]


class PreviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: RuleIn
    sample_payload: dict[str, Any] = Field(default_factory=dict)
    page_size: int = Field(20, ge=1, le=200)
    scan_limit: int = Field(20_000, ge=1, le=200_000)
    horizon_days: int = Field(30, ge=1, le=366, description="date rules: look this far ahead")
    recent_events: int = Field(
        0,
        ge=0,
        le=1000,
        description="evaluate over the last N events of the rule's type instead of the book",
    )


class PreviewMatchOut(BaseModel):
    client_id: str
    name: str
    advisor_id: str
    workflow_id: str
    fires_on: str | None


class PreviewOut(BaseModel):
    scanned: int
    matched: int
    errors: int
    first_matches: list[PreviewMatchOut]
    truncated: bool
    example_error: str | None
    clients_changed: dict[str, int] = Field(
        default_factory=dict,
        description="over recent events: the distinct clients each action would change",
    )


def _rule_message(body: RuleIn, rule_id: str = "") -> workflows_pb2.Rule:
    return workflows_pb2.Rule(
        id=rule_id,
        name=body.name,
        event_type=body.event_type,
        condition=body.condition,
        action=body.action,
        target=body.target,
        parameters=body.parameters,
        period=body.period,
        enabled=body.enabled,
        trigger=body.trigger,
        date_field=body.date_field,
        offset_days=body.offset_days,
        field=body.field,
        from_values=body.from_values,
        to_values=body.to_values,
        actions=[
            workflows_pb2.RuleAction(kind=a.kind, target=a.target, parameters=a.parameters)
            for a in body.actions
        ],
        team_id=body.team_id,
        confirm_bulk=body.confirm_bulk,
    )


def rule_out(m: workflows_pb2.Rule) -> RuleOut:
    return RuleOut(
        id=uuid.UUID(m.id),
        name=m.name,
        event_type=m.event_type,
        condition=m.condition,
        action=m.action,
        target=m.target,
        parameters=dict(m.parameters),
        period=m.period,
        enabled=m.enabled,
        trigger=m.trigger or "event",
        date_field=m.date_field,
        offset_days=m.offset_days,
        field=m.field,
        from_values=list(m.from_values),
        to_values=list(m.to_values),
        actions=[
            RuleActionIn(kind=a.kind, target=a.target, parameters=dict(a.parameters))
            for a in m.actions
        ],
        team_id=m.team_id,
        updated_by=m.updated_by,
        updated_at=when(m, "updated_at"),
        version=m.version,
        error_count=m.error_count,
        last_error=m.last_error,
        last_error_at=when(m, "last_error_at"),
    )


@router.get("/v1/rules", response_model=RuleList)
async def list_rules(services: Services, event_type: str | None = None) -> RuleList:
    """Every rule (admins and managers)."""
    reply = await services.triggers.ListRules(
        workflows_pb2.ListRulesRequest(event_type=event_type or ""),
    )
    return RuleList(items=[rule_out(r) for r in reply.rules])


@router.post("/v1/rules", response_model=RuleOut, status_code=201)
async def create_rule(body: RuleIn, services: Services) -> RuleOut:
    """Create a rule (admin). A condition that does not parse is refused with its position."""
    reply = await services.triggers.PutRule(_rule_message(body))
    return rule_out(reply)


@router.put("/v1/rules/{rule_id}", response_model=RuleOut)
async def replace_rule(rule_id: uuid.UUID, body: RuleIn, services: Services) -> RuleOut:
    """Replace a rule (admin)."""
    reply = await services.triggers.PutRule(_rule_message(body, str(rule_id)))
    return rule_out(reply)


@router.delete("/v1/rules/{rule_id}", response_model=RuleOut)
async def delete_rule(rule_id: uuid.UUID, services: Services) -> RuleOut:
    """Retire a rule (admin); events keep naming it."""
    reply = await services.triggers.DeleteRule(
        workflows_pb2.DeleteRuleRequest(id=str(rule_id)),
    )
    return rule_out(reply)


@router.post("/v1/rules/preview", response_model=PreviewOut, responses=RATE_LIMITED)
async def preview_rule(body: PreviewIn, actor: PreviewActor, services: Services) -> PreviewOut:
    """What if: evaluate a rule over the clients you can see, without side effects — how
    many match, the first of them, the workflow id each would get, and for date rules the
    day each would fire within `horizon_days`."""
    request = workflows_pb2.PreviewRuleRequest(
        rule=_rule_message(body.rule),
        page_size=body.page_size,
        scan_limit=body.scan_limit,
        horizon_days=body.horizon_days,
        recent_events=body.recent_events,
    )
    request.sample_payload.update(body.sample_payload)
    reply = await services.triggers.PreviewRule(request)
    return PreviewOut(
        scanned=reply.scanned,
        matched=reply.matched,
        errors=reply.errors,
        first_matches=[
            PreviewMatchOut(
                client_id=m.client_id,
                name=m.name,
                advisor_id=m.advisor_id,
                workflow_id=m.workflow_id,
                fires_on=m.fires_on or None,
            )
            for m in reply.first_matches
        ],
        truncated=reply.truncated,
        example_error=reply.example_error or None,
        clients_changed=dict(reply.clients_changed),
    )
