"""Tables of the notifications schema.

``deliveries`` is the ledger: one row per idempotency key (a unique index), the rendered
message frozen at acceptance so a retry sends exactly what was accepted, and the current
status. ``delivery_attempts`` records every try with the provider's answer.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.common.db import schema_metadata

SCHEMA = "notifications"

CHANNELS = ("email", "sms", "wecom", "webhook", "in_app")
CATEGORIES = ("service", "marketing")
PRIORITIES = ("normal", "urgent")
LOCALES = ("zh-CN", "en")
STATUSES = ("accepted", "deferred", "sending", "retrying", "sent", "failed", "suppressed")
# Waiting for the dispatcher: due at next_attempt_at.
PENDING = ("accepted", "deferred", "retrying")


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class InboxMessage(Base):
    """An in-app message for one staff user."""

    __tablename__ = "inbox_messages"
    __table_args__ = (Index("ix_inbox_messages_user_created", "user_id", "created_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The delivery that wrote it: unique, so a delivery lands in an inbox at most once.
    delivery_id: Mapped[uuid.UUID | None] = mapped_column(unique=True)


class Template(Base):
    """One immutable version of a template in one locale; saving adds a version."""

    __tablename__ = "templates"
    __table_args__ = (UniqueConstraint("key", "locale", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    key: Mapped[str] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(16))
    sample_variables: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Set on every version when the template is retired; sends then fail NOT_FOUND.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Delivery(Base):
    """The ledger entry of one idempotency key."""

    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_client", "client_id", "created_at"),
        Index("ix_deliveries_workflow", "workflow_id", "created_at"),
        Index("ix_deliveries_status_created", "status", "created_at"),
        Index(
            "ix_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status IN ('accepted', 'deferred', 'retrying')"),
        ),
        # Frequency caps count a client's recent deliveries per category.
        Index("ix_deliveries_cap", "client_id", "category", "created_at"),
        Index("ix_deliveries_team_created", "team_id", "created_at"),
        Index("ix_deliveries_advisor_created", "advisor_id", "created_at"),
        # A client's reply names the e-mail it answers by its Message-ID.
        Index("ix_deliveries_message_id", "message_id", postgresql_where=text("message_id <> ''")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    # sha256 of the request, so a key reused for a different message is refused.
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(16), default="")
    recipient: Mapped[str] = mapped_column(String(320), default="")
    recipient_name: Mapped[str] = mapped_column(String(300), default="")
    client_id: Mapped[uuid.UUID | None] = mapped_column()
    user_id: Mapped[str | None] = mapped_column(String(64))
    # The client's advisor and team when the message was accepted: who may read it.
    advisor_id: Mapped[str | None] = mapped_column(String(64))
    team_id: Mapped[str | None] = mapped_column(String(64))
    workflow_id: Mapped[str | None] = mapped_column(String(300))
    template_key: Mapped[str] = mapped_column(String(100))
    template_version: Mapped[int] = mapped_column(Integer, default=0)
    locale: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    attachment_ids: Mapped[list[str]] = mapped_column(JSONB, default=list)
    attempt_count: Mapped[int] = mapped_column(Integer, default=0)
    # Attempts used in the current round; an operator retry starts a new round.
    round_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    provider_message_id: Mapped[str] = mapped_column(String(300), default="")
    # An e-mail's Message-ID, set when it is accepted (derived from the idempotency key).
    message_id: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Set by the service on every status change (from its clock).
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class DeliveryAttempt(Base):
    """One try at the provider."""

    __tablename__ = "delivery_attempts"
    __table_args__ = (UniqueConstraint("delivery_id", "number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("deliveries.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(24))
    provider_response: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)


class ConsentRecord(Base):
    """A client's choice for one channel and category; absent means allowed."""

    __tablename__ = "consents"

    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    category: Mapped[str] = mapped_column(String(16), primary_key=True)
    opted_out: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(200), default="")
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
