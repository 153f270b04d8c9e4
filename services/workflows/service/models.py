"""Tables of the workflows schema: the human-task projection, trigger events, rules."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.common.db import schema_metadata

SCHEMA = "workflows"
TASK_NAMESPACE = uuid.UUID("6f1c8a52-2f0e-4c1e-9a57-3d1b0c7e5a10")


def task_row_id(workflow_id: str, task_id: str) -> uuid.UUID:
    """The projection's id of a workflow's task: stable, so writes are idempotent."""
    return uuid.uuid5(TASK_NAMESPACE, f"{workflow_id}\x00{task_id}")


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class Task(Base):
    """What a workflow asks a person to do, as the workflow last reported it."""

    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_assignee_status", "assignee_user", "status", "due_at"),
        Index("ix_tasks_team_status", "team_id", "status", "due_at"),
        Index("ix_tasks_workflow", "workflow_id"),
        Index("ix_tasks_client", "client_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    workflow_id: Mapped[str] = mapped_column(String(300))
    task_id: Mapped[str] = mapped_column(String(100))
    process_kind: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    # The title as a message: its English pattern ("Book the {year} strategy review
    # meeting") and parameters; "" for tasks projected before titles were messages.
    title_key: Mapped[str] = mapped_column(String(300), default="", server_default="")
    title_params: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict, server_default="{}")
    client_id: Mapped[str] = mapped_column(String(64), default="")
    assignee_user: Mapped[str] = mapped_column(String(64), default="")
    assignee_role: Mapped[str] = mapped_column(String(32), default="")
    team_id: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sla: Mapped[str] = mapped_column(String(100), default="")
    outcome: Mapped[str] = mapped_column(String(64), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    form_json: Mapped[str] = mapped_column(Text, default="{}")
    outcomes: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default="[]")
    form_fields: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default="[]"
    )
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    completed_by: Mapped[str] = mapped_column(String(64), default="")
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    breached_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revision: Mapped[int] = mapped_column(BigInteger, default=0)


class Event(Base):
    """A published trigger event, kept for inspection; the id deduplicates."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_client", "client_id", "occurred_at"),
        Index(
            "ix_events_pending",
            "received_at",
            postgresql_where=text("firings IS NULL OR jsonb_typeof(firings) = 'null'"),
        ),
    )

    event_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    type: Mapped[str] = mapped_column(String(100))
    client_id: Mapped[str] = mapped_column(String(64), default="")
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    published_by: Mapped[str] = mapped_column(String(64), default="")
    # Rule firings once evaluated; None while (or if) evaluation did not finish, so a
    # re-publish evaluates again (Temporal rejects a second start of the same workflow id).
    firings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)


class Rule(Base):
    """Event type + CEL condition + action, at most once per client per period."""

    __tablename__ = "rules"
    __table_args__ = (Index("ix_rules_event_type", "event_type", "enabled"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(100))
    condition: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(200))
    parameters: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict)
    period: Mapped[str] = mapped_column(String(16))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(BigInteger, default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # "event" rules fire on published events; "date" rules on a client's dates.
    trigger: Mapped[str] = mapped_column(String(8), default="event")
    date_field: Mapped[str] = mapped_column(String(100), default="")
    offset_days: Mapped[int] = mapped_column(Integer, default=0)
    # Failures of the condition: each fails this rule alone (the event records it too).
    error_count: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Change triggers: the field of a client.changed event and the values it moves
    # from / to (empty: any).
    field: Mapped[str] = mapped_column(String(100), default="", server_default="")
    from_values: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default="[]")
    to_values: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default="[]")
    # [{kind, target, parameters}] run in order after `action` (when that is set).
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    # The team whose clients the rule may change; "" = the firm.
    team_id: Mapped[str] = mapped_column(String(64), default="", server_default="")


class ProcessDefinitionRow(Base):
    """A version of a process definition: a draft until published."""

    __tablename__ = "process_definitions"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str] = mapped_column(String(64), default="", server_default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RuleCounter(Base):
    """Where a rule's round-robin assignment is."""

    __tablename__ = "rule_counters"

    rule_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    counter: Mapped[int] = mapped_column(BigInteger)


class ScanWatermark(Base):
    """How far a periodic scan has got (the dormant scan: the last activity instant per
    tier up to which every newly dormant client has had its reactivation started)."""

    __tablename__ = "scan_watermarks"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    watermark: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RequestType(Base):
    """A kind of client request, defined by admins at run time; every change is a new row
    (key, version), so a request names the definition it opened with."""

    __tablename__ = "request_types"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition: Mapped[dict[str, Any]] = mapped_column(JSONB)
    built_in: Mapped[bool] = mapped_column(Boolean, default=False)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ServiceRequest(Base):
    """A client's request as its process last reported it (the workflow is the truth)."""

    __tablename__ = "service_requests"
    __table_args__ = (
        Index("ix_service_requests_client", "client_id", "opened_at"),
        Index("ix_service_requests_advisor", "advisor_id", "status", "opened_at"),
        Index("ix_service_requests_team", "team_id", "status", "opened_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    workflow_id: Mapped[str] = mapped_column(String(300), unique=True)
    type_key: Mapped[str] = mapped_column(String(64))
    type_version: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[str] = mapped_column(String(64))
    advisor_id: Mapped[str] = mapped_column(String(64), default="")
    team_id: Mapped[str] = mapped_column(String(64), default="")
    tier: Mapped[str] = mapped_column(String(16), default="")
    subject: Mapped[str] = mapped_column(String(200), default="")
    fields: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    channel: Mapped[str] = mapped_column(String(16), default="staff")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    current_step: Mapped[str] = mapped_column(String(200), default="")
    resolution: Mapped[str] = mapped_column(String(16), default="")
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    round: Mapped[int] = mapped_column(Integer, default=1)
    csat_score: Mapped[int] = mapped_column(Integer, default=0)
    progress: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    revision: Mapped[int] = mapped_column(BigInteger, default=0)


class RequestNote(Base):
    """A staff-only remark on a request. The client-visible conversation is another table
    (`request_messages`), so nothing a client reads can return a note."""

    __tablename__ = "request_notes"
    __table_args__ = (Index("ix_request_notes_request", "request_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    request_id: Mapped[uuid.UUID]
    author: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RequestMessage(Base):
    """A message between the client and staff on a request, visible to both."""

    __tablename__ = "request_messages"
    __table_args__ = (Index("ix_request_messages_request", "request_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    request_id: Mapped[uuid.UUID]
    author: Mapped[str] = mapped_column(String(64))
    author_kind: Mapped[str] = mapped_column(String(8))  # staff | client
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RequestAttachment(Base):
    """A file on a request (the bytes are a reporting artifact of the request's client)."""

    __tablename__ = "request_attachments"
    __table_args__ = (Index("ix_request_attachments_request", "request_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    request_id: Mapped[uuid.UUID]
    artifact_id: Mapped[uuid.UUID]
    filename: Mapped[str] = mapped_column(String(120))
    content_type: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    author: Mapped[str] = mapped_column(String(64))
    author_kind: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# The webhook tables and task replies are part of this schema (imported for the metadata).
from services.workflows.service import (  # noqa: E402
    task_replies as task_replies,
    webhook_models as webhook_models,
)
