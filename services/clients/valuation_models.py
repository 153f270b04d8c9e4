"""Valuation history: every valuation of a client's position, and the firm's AUM by team kept
as running changes per date (migration clients_0016)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from services.clients.models import MONEY, UNITS, Base


class Valuation(Base):
    """A position in one product as of a date. A position carries forward to later dates
    until its next valuation; a valuation of zero units and zero value ends it."""

    __tablename__ = "valuations"

    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), primary_key=True
    )
    as_of: Mapped[date] = mapped_column(Date, primary_key=True)
    product_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    product_name: Mapped[str] = mapped_column(String(200))
    units: Mapped[Decimal] = mapped_column(UNITS)
    cost: Mapped[Decimal] = mapped_column(MONEY)
    market_value: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))


class ClientAumChange(Base):
    """The same changes per client, for an advisor's book (summed over its clients now)."""

    __tablename__ = "client_aum_changes"

    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="CASCADE"), primary_key=True
    )
    as_of: Mapped[date] = mapped_column(Date, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    change: Mapped[Decimal] = mapped_column(MONEY)


class AumChange(Base):
    """How much a team's AUM in a currency changed on a date: AUM(date) is the sum of the
    changes up to it. Kept by `ValuationBook` in the transaction that writes valuations."""

    __tablename__ = "aum_changes"

    as_of: Mapped[date] = mapped_column(Date, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    change: Mapped[Decimal] = mapped_column(MONEY)
