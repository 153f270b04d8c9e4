"""Tables of the clients schema: the 360° client record and everything hanging off it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    case,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.common.db import schema_metadata

SCHEMA = "clients"
MONEY = Numeric(20, 2)
UNITS = Numeric(24, 6)


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class ClientKind(StrEnum):
    INDIVIDUAL = "individual"
    INSTITUTION = "institution"


class Channel(StrEnum):
    """Ways to reach a client."""

    EMAIL = "email"
    SMS = "sms"
    WECOM = "wecom"
    PHONE = "phone"


class Tier(StrEnum):
    STRATEGIC = "STRATEGIC"
    CORE = "CORE"
    GROWTH = "GROWTH"


class Stage(StrEnum):
    PROSPECT = "PROSPECT"
    ONBOARDING = "ONBOARDING"
    ACTIVE = "ACTIVE"
    GROWING = "GROWING"
    DECLINING = "DECLINING"
    DORMANT = "DORMANT"
    CHURNED = "CHURNED"


class KycStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    EXPIRED = "expired"


RISK_LEVELS = ("C1", "C2", "C3", "C4", "C5")


def _check_in(column: str, values: Any) -> str:
    return f"{column} in ({', '.join(repr(str(v)) for v in values)})"


class Client(Base):
    __tablename__ = "clients"
    __table_args__ = (
        CheckConstraint(_check_in("kind", ClientKind), name="kind"),
        CheckConstraint(_check_in("tier", Tier), name="tier"),
        CheckConstraint(_check_in("lifecycle_stage", Stage), name="lifecycle_stage"),
        CheckConstraint(_check_in("kyc_status", KycStatus), name="kyc_status"),
        Index("ix_clients_phone", "phone"),
        Index("ix_clients_tags", "tags", postgresql_using="gin"),
        Index("ix_clients_custom_fields", "custom_fields", postgresql_using="gin"),
        Index("ix_clients_last_activity", "last_activity_at"),
        Index("ix_clients_contact_or_created", text("coalesce(last_contact_at, created_at)")),
        Index("ix_clients_tier_stage", "tier", "lifecycle_stage"),
        Index("ix_clients_aum", "aum"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    advisor_id: Mapped[str] = mapped_column(String(64), index=True)
    team_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # contact
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    wecom_id: Mapped[str | None] = mapped_column(String(64))
    preferred_channel: Mapped[str | None] = mapped_column(String(16))
    locale: Mapped[str] = mapped_column(String(8), default="zh-CN", server_default="zh-CN")
    timezone: Mapped[str] = mapped_column(
        String(64), default="Asia/Shanghai", server_default="Asia/Shanghai"
    )
    # relationship facts
    source_channel: Mapped[str | None] = mapped_column(String(64))
    signed_on: Mapped[date | None] = mapped_column(Date)
    birthday: Mapped[date | None] = mapped_column(Date)
    contract_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active", server_default="active")
    # KYC and risk
    kyc_status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    kyc_expires_on: Mapped[date | None] = mapped_column(Date)
    risk_level: Mapped[str | None] = mapped_column(String(2))
    risk_answers: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    investment_preferences: Mapped[list[str]] = mapped_column(
        ARRAY(String(64)), default=list, server_default="{}"
    )
    # classification
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list, server_default="{}")
    custom_fields: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    tier: Mapped[str] = mapped_column(
        String(16), default=Tier.GROWTH, server_default=Tier.GROWTH.value
    )
    tier_override: Mapped[bool] = mapped_column(default=False, server_default="false")
    lifecycle_stage: Mapped[str] = mapped_column(
        String(16), default=Stage.PROSPECT, server_default=Stage.PROSPECT.value
    )
    # derived, kept current by the service
    aum: Mapped[Decimal] = mapped_column(MONEY, default=Decimal(0), server_default="0")
    last_activity_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A call, meeting, e-mail, WeCom message or event (records.CONTACT_CHANNELS).
    last_contact_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    # eager_defaults: read updated_at and version back with RETURNING (no lazy load later)
    __mapper_args__ = {"version_id_col": version, "eager_defaults": True}


# Prefix search on names (CJK included) and exact lookups by email, case-insensitive.
Index(
    "ix_clients_name_prefix",
    func.lower(Client.name).label("lower_name"),
    postgresql_ops={"lower_name": "text_pattern_ops"},
)
Index("ix_clients_email", func.lower(Client.email))
Index(
    "ix_clients_email_prefix",
    func.lower(Client.email).label("lower_email"),
    postgresql_ops={"lower_email": "text_pattern_ops"},
)


class ExternalId(Base):
    """The client's id in another system; unique per source."""

    __tablename__ = "external_ids"
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_external_ids_source_external_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(String(128))


class RelatedPerson(Base):
    """A person around the client: decision maker, influencer, family member, assistant."""

    __tablename__ = "related_persons"
    __table_args__ = (
        CheckConstraint(
            "role in ('decision_maker', 'influencer', 'family_member', 'assistant')", name="role"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")


class ClientLink(Base):
    """A link between two clients: family, same group, referred-by."""

    __tablename__ = "client_links"
    __table_args__ = (
        UniqueConstraint(
            "client_id", "related_client_id", "kind", name="uq_client_links_pair_kind"
        ),
        CheckConstraint("kind in ('family', 'same_group', 'referred_by')", name="kind"),
        CheckConstraint("client_id <> related_client_id", name="not_self"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), index=True
    )
    related_client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))


class Holding(Base):
    """The client's current position in one product."""

    __tablename__ = "holdings"
    __table_args__ = (
        UniqueConstraint("client_id", "product_code", name="uq_holdings_client_product"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), index=True
    )
    product_code: Mapped[str] = mapped_column(String(64))
    product_name: Mapped[str] = mapped_column(String(200))
    units: Mapped[Decimal] = mapped_column(UNITS)
    cost: Mapped[Decimal] = mapped_column(MONEY)
    market_value: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3), default="CNY", server_default="CNY")
    as_of: Mapped[date] = mapped_column(Date)


class Transaction(Base):
    """A ledger entry; the external id makes recording it idempotent."""

    __tablename__ = "transactions"
    __table_args__ = (
        UniqueConstraint("external_id", name="uq_transactions_external_id"),
        CheckConstraint("kind in ('subscription', 'redemption', 'dividend', 'fee')", name="kind"),
        Index("ix_transactions_client_occurred", "client_id", "occurred_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE")
    )
    external_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    product_code: Mapped[str | None] = mapped_column(String(64))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3), default="CNY", server_default="CNY")
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class FlowsByMonth(Base):
    """The firm's inflows and outflows per month (Asia/Shanghai) in 16 stripes of clients,
    kept by statement triggers on `transactions` (migration clients_0007); never written by
    the service. The dashboards read it through `kpi_flows_by_month_v1`."""

    __tablename__ = "flows_by_month"

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    stripe: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    inflow: Mapped[Decimal] = mapped_column(MONEY)
    outflow: Mapped[Decimal] = mapped_column(MONEY)
    # Transactions counted, so a month whose entries were all removed drops out.
    entries: Mapped[int] = mapped_column(BigInteger)


class FirstTransaction(Base):
    """Each client's earliest transaction, kept by statement triggers on `transactions`
    (migration clients_0007); never written by the service. Read by the dashboards through
    `kpi_first_transactions_v1` (where a relationship without a signing date began)."""

    __tablename__ = "first_transactions"

    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), primary_key=True
    )
    first_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def net_flow_amount() -> Any:
    """A transaction's contribution to net flows: subscriptions in, redemptions out."""
    return case(
        (Transaction.kind == "subscription", Transaction.amount),
        (Transaction.kind == "redemption", -Transaction.amount),
        else_=0,
    )


class Interaction(Base):
    """One touchpoint on the timeline."""

    __tablename__ = "interactions"
    __table_args__ = (
        CheckConstraint(
            "channel in ('call', 'email', 'wechat', 'meeting', 'event', 'portal_login')",
            name="channel",
        ),
        CheckConstraint("direction in ('inbound', 'outbound')", name="direction"),
        Index("ix_interactions_client_occurred", "client_id", "occurred_at"),
        # A person's meetings, for their calendar feed.
        Index(
            "ix_interactions_meetings_by_user",
            "by_user",
            "occurred_at",
            postgresql_where=text("channel = 'meeting'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE")
    )
    channel: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(8))
    summary: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    by_user: Mapped[str] = mapped_column(String(64))


class CustomFieldDefinition(Base):
    """A field an admin defined at run time; values live in clients.custom_fields."""

    __tablename__ = "custom_field_definitions"
    __table_args__ = (
        CheckConstraint(
            "type in ('text', 'number', 'date', 'single_choice', 'multi_choice', 'boolean')",
            name="type",
        ),
    )

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(16))
    required: Mapped[bool] = mapped_column(default=False)
    min_value: Mapped[Decimal | None] = mapped_column(Numeric(30, 10))
    max_value: Mapped[Decimal | None] = mapped_column(Numeric(30, 10))
    pattern: Mapped[str | None] = mapped_column(String(500))
    options: Mapped[list[str]] = mapped_column(
        ARRAY(String(100)), default=list, server_default="{}"
    )
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    __mapper_args__ = {"version_id_col": version}


class ConfigEntry(Base):
    """Versioned configuration documents: the tier scorecard, lifecycle rules."""

    __tablename__ = "config"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSONB)
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class TierChange(Base):
    """Every tier change with the score and the inputs that produced it."""

    __tablename__ = "tier_history"
    __table_args__ = (Index("ix_tier_history_client_at", "client_id", "changed_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE")
    )
    tier: Mapped[str] = mapped_column(String(16))
    previous_tier: Mapped[str | None] = mapped_column(String(16))
    score: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    scorecard_version: Mapped[int | None]
    manual: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    by_user: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class StageChange(Base):
    """Every lifecycle move with the rule (or person) behind it."""

    __tablename__ = "stage_history"
    __table_args__ = (Index("ix_stage_history_client_at", "client_id", "changed_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE")
    )
    stage: Mapped[str] = mapped_column(String(16))
    previous_stage: Mapped[str | None] = mapped_column(String(16))
    rule: Mapped[str | None] = mapped_column(String(64))
    explanation: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")
    by_user: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Segment(Base):
    """A saved, named filter over clients."""

    __tablename__ = "segments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    filter: Mapped[dict[str, Any]] = mapped_column(JSONB)
    owner_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class AuditEntry(Base):
    """Who changed what on a client or its sub-records, with before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_client_at", "client_id", "at"),
        Index("ix_audit_log_chain", "client_id", "seq", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    client_id: Mapped[uuid.UUID | None] = mapped_column()
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Set by the audit_chain trigger: the entry's place in its client's chain, the hash of
    # the entry before it and its own (see migrations 0004 and `clientflow audit verify`).
    seq: Mapped[int | None] = mapped_column(BigInteger)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))
    # What caused an automated change: the event a rule answered and the rule chain's depth
    # (outside the hash: set by the writer, copied into the change outbox).
    cause: Mapped[str | None] = mapped_column(String(200))
    depth: Mapped[int | None] = mapped_column(SmallInteger)


class Team(Base):
    """A team in the directory: its managers reach its clients."""

    __tablename__ = "teams"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Person(Base):
    """A member of staff; an inactive person is refused at the gateway."""

    __tablename__ = "people"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), server_default="")
    active: Mapped[bool] = mapped_column(Boolean, server_default="true")
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Membership(Base):
    """A person's place in a team: manager, advisor or member."""

    __tablename__ = "memberships"
    __table_args__ = (
        CheckConstraint("role IN ('manager', 'advisor', 'member')", name="ck_membership_role"),
        Index("ix_memberships_user", "user_id"),
    )

    team_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("clients.teams.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("clients.people.user_id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16))
