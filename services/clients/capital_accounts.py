"""An investor's capital account per fund: commitment, called, uncalled, paid, outstanding,
distributed by kind, NAV (the fund's latest valuation in the client's history: the product
whose code is the fund's), and the fund ratios on what was paid in — TVPI (distributed + NAV),
DPI (distributed), RVPI (NAV) — and the net IRR (XIRR of the payments made, the distributions
approved and the NAV at its valuation date)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pyxirr
from sqlalchemy import select

from services.clients.fund_models import (
    CapitalAllocation,
    CapitalEvent,
    CapitalPayment,
    Commitment,
    Fund,
)
from services.clients.funds import FundService
from services.clients.models import Client
from services.common.identity import Actor


@dataclass(frozen=True)
class Account:
    fund: Fund
    commitment: Decimal
    called: Decimal
    paid: Decimal
    distributed_by_kind: dict[str, Decimal]
    nav: Decimal
    irr: float | None

    @property
    def distributed(self) -> Decimal:
        return sum(self.distributed_by_kind.values(), Decimal(0))

    def ratio(self, amount: Decimal) -> float | None:
        return float(amount / self.paid) if self.paid else None


async def capital_accounts(self: FundService, actor: Actor, client_id: str) -> list[Account]:
    return await capital_accounts_of(self, await self.get(actor, client_id))


async def capital_accounts_of(self: FundService, client: Client) -> list[Account]:
    """The accounts of a client the caller has read (its valuations loaded only when it
    has a commitment)."""
    commitments = list(
        await self.session.scalars(
            select(Commitment)
            .where(Commitment.client_id == client.id)
            .order_by(Commitment.fund_code)
        )
    )
    if not commitments:
        return []
    book = await self.book(client)
    today = datetime.now(UTC).date()
    accounts = []
    for commitment in commitments:
        fund = await self._fund(commitment.fund_code)
        rows = await self.session.execute(
            select(CapitalEvent, CapitalAllocation.amount)
            .join(CapitalAllocation, CapitalAllocation.event_id == CapitalEvent.id)
            .where(
                CapitalEvent.fund_code == fund.code,
                CapitalEvent.status == "approved",
                CapitalAllocation.client_id == client.id,
            )
        )
        called = Decimal(0)
        by_kind: dict[str, Decimal] = defaultdict(Decimal)
        flows: list[tuple[date, float]] = []
        for event, amount in rows:
            if event.kind == "call":
                called += amount
            else:
                by_kind[event.distribution_kind] += amount
                when = (event.decided_at or event.created_at).date()
                flows.append((when, float(amount)))
        payments = list(
            await self.session.scalars(
                select(CapitalPayment)
                .join(CapitalEvent, CapitalEvent.id == CapitalPayment.event_id)
                .where(
                    CapitalEvent.fund_code == fund.code,
                    CapitalEvent.kind == "call",
                    CapitalPayment.client_id == client.id,
                )
            )
        )
        paid = sum((p.amount for p in payments), Decimal(0))
        flows += [(p.paid_on, -float(p.amount)) for p in payments]
        held = book.value_on(fund.code, today)
        nav = held.market_value if held is not None and not held.closed else Decimal(0)
        if nav:
            flows.append((book.dated(fund.code, today), float(nav)))
        accounts.append(
            Account(fund, commitment.amount, called, paid, dict(by_kind), nav, _irr(flows))
        )
    return accounts


def _irr(flows: list[tuple[date, float]]) -> float | None:
    if not any(a < 0 for _, a in flows) or not any(a > 0 for _, a in flows):
        return None
    flows.sort()
    try:
        rate = pyxirr.xirr([d for d, _ in flows], [a for _, a in flows])
    except (pyxirr.InvalidPaymentsError, ValueError):
        return None
    return None if rate is None else float(rate)
