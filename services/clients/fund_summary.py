"""The funds dashboard, for firm-wide roles: by fund what is committed, called (approved
calls), uncalled, paid in, distributed (approved distributions) and held (NAV: the investors'
current holdings whose product code is the fund's), with TVPI and DPI on what was paid in;
approved calls past their due date with money outstanding; distributions by quarter. A few
grouped statements whatever the number of investors."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Integer, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.fund_models import (
    CapitalAllocation,
    CapitalEvent,
    CapitalPayment,
    Commitment,
    Fund,
)
from services.clients.funds import FIRM_ZONE
from services.clients.models import Holding
from services.common.errors import PermissionDenied
from services.common.identity import FIRM_WIDE_ROLES, Actor


@dataclass(frozen=True)
class FundFigures:
    fund: Fund
    committed: Decimal
    called: Decimal
    paid: Decimal
    distributed: Decimal
    nav: Decimal

    def ratio(self, amount: Decimal) -> float | None:
        return float(amount / self.paid) if self.paid else None


@dataclass(frozen=True)
class Overdue:
    event_id: uuid.UUID
    fund_code: str
    due_on: date
    outstanding: Decimal
    investors: int


def _by_fund(rows: object) -> dict[str, Decimal]:
    return {code: Decimal(total or 0) for code, total in rows}  # type: ignore[attr-defined]


async def summarize(
    session: AsyncSession, actor: Actor
) -> tuple[list[FundFigures], list[Overdue], list[tuple[str, str, Decimal]]]:
    if not actor.has(*FIRM_WIDE_ROLES):
        raise PermissionDenied("the funds dashboard is for firm-wide roles")
    approved = (CapitalEvent.status == "approved",)
    committed = _by_fund(
        await session.execute(
            select(Commitment.fund_code, func.sum(Commitment.amount)).group_by(Commitment.fund_code)
        )
    )

    async def allocated(kind: str) -> dict[str, Decimal]:
        return _by_fund(
            await session.execute(
                select(CapitalEvent.fund_code, func.sum(CapitalAllocation.amount))
                .join(CapitalAllocation, CapitalAllocation.event_id == CapitalEvent.id)
                .where(CapitalEvent.kind == kind, *approved)
                .group_by(CapitalEvent.fund_code)
            )
        )

    called, distributed = await allocated("call"), await allocated("distribution")
    paid = _by_fund(
        await session.execute(
            select(CapitalEvent.fund_code, func.sum(CapitalPayment.amount))
            .join(CapitalPayment, CapitalPayment.event_id == CapitalEvent.id)
            .where(CapitalEvent.kind == "call", *approved)
            .group_by(CapitalEvent.fund_code)
        )
    )
    funds = list(await session.scalars(select(Fund).order_by(Fund.vintage, Fund.code)))
    nav = _by_fund(
        await session.execute(
            select(Holding.product_code, func.sum(Holding.market_value))
            .where(Holding.product_code.in_([f.code for f in funds]))
            .group_by(Holding.product_code)
        )
    )
    figures = [
        FundFigures(
            f,
            committed.get(f.code, Decimal(0)),
            called.get(f.code, Decimal(0)),
            paid.get(f.code, Decimal(0)),
            distributed.get(f.code, Decimal(0)),
            nav.get(f.code, Decimal(0)),
        )
        for f in funds
    ]
    return figures, await _overdue(session), await _distributions(session)


async def _overdue(session: AsyncSession) -> list[Overdue]:
    today = datetime.now(FIRM_ZONE).date()
    paid = (
        select(
            CapitalPayment.event_id,
            CapitalPayment.client_id,
            func.sum(CapitalPayment.amount).label("paid"),
        )
        .group_by(CapitalPayment.event_id, CapitalPayment.client_id)
        .subquery()
    )
    owed = CapitalAllocation.amount - func.coalesce(paid.c.paid, 0)
    rows = await session.execute(
        select(
            CapitalEvent.id,
            CapitalEvent.fund_code,
            CapitalEvent.due_on,
            func.sum(owed),
            func.count(),
        )
        .join(CapitalAllocation, CapitalAllocation.event_id == CapitalEvent.id)
        .outerjoin(
            paid,
            (paid.c.event_id == CapitalAllocation.event_id)
            & (paid.c.client_id == CapitalAllocation.client_id),
        )
        .where(
            CapitalEvent.kind == "call",
            CapitalEvent.status == "approved",
            CapitalEvent.due_on < today,
            owed > 0,
        )
        .group_by(CapitalEvent.id)
        .order_by(CapitalEvent.due_on)
        .limit(500)
    )
    return [Overdue(e, code, due, Decimal(total), n) for e, code, due, total, n in rows]


async def _distributions(session: AsyncSession) -> list[tuple[str, str, Decimal]]:
    local = func.timezone(str(FIRM_ZONE), CapitalEvent.decided_at)
    quarter = func.concat(
        func.extract("year", local).cast(Integer), "Q", func.extract("quarter", local).cast(Integer)
    )
    rows = await session.execute(
        select(quarter, CapitalEvent.fund_code, func.sum(CapitalEvent.amount))
        .where(CapitalEvent.kind == "distribution", CapitalEvent.status == "approved")
        .group_by(quarter, CapitalEvent.fund_code)
        .order_by(quarter.desc(), CapitalEvent.fund_code)
        .limit(400)
    )
    return [(q, code, Decimal(total)) for q, code, total in rows]
