"""Funds, commitments, capital events (calls and distributions), their allocations per
investor and the payments against them (migration clients_0017)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.clients.models import MONEY, Base


class Fund(Base):
    __tablename__ = "funds"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    vintage: Mapped[int] = mapped_column(Integer)
    size: Mapped[Decimal] = mapped_column(MONEY)


class Commitment(Base):
    __tablename__ = "commitments"
    __table_args__ = (Index("ix_commitments_client", "client_id"),)

    fund_code: Mapped[str] = mapped_column(ForeignKey("clients.funds.code"), primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), primary_key=True
    )
    amount: Mapped[Decimal] = mapped_column(MONEY)
    committed_on: Mapped[date] = mapped_column(Date)


class CapitalEvent(Base):
    __tablename__ = "capital_events"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    fund_code: Mapped[str] = mapped_column(ForeignKey("clients.funds.code"))
    kind: Mapped[str] = mapped_column(String(16))
    distribution_kind: Mapped[str] = mapped_column(String(24))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    purpose: Mapped[str] = mapped_column(String(500))
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(64))
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CapitalAllocation(Base):
    __tablename__ = "capital_allocations"
    __table_args__ = (Index("ix_capital_allocations_client", "client_id"),)

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.capital_events.id", ondelete="CASCADE"), primary_key=True
    )
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), primary_key=True
    )
    amount: Mapped[Decimal] = mapped_column(MONEY)


class CapitalPayment(Base):
    __tablename__ = "capital_payments"
    __table_args__ = (
        ForeignKeyConstraint(
            ["event_id", "client_id"],
            ["clients.capital_allocations.event_id", "clients.capital_allocations.client_id"],
            name="fk_capital_payments_allocation",
            ondelete="CASCADE",
        ),
        Index("ix_capital_payments_allocation", "event_id", "client_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    event_id: Mapped[uuid.UUID] = mapped_column()
    client_id: Mapped[uuid.UUID] = mapped_column()
    amount: Mapped[Decimal] = mapped_column(MONEY)
    paid_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(140))
    recorded_by: Mapped[str] = mapped_column(String(64))
