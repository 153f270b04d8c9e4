"""Reading the valuation history: a client's holdings as of a date, its value series, its
performance, and AUM series for the firm, a team or an advisor's book — each decided from
the actor's scope (another advisor's client: NOT_FOUND; more than one's scope: their own)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text

from services.clients import validation as v
from services.clients.holdings import HoldingRecords
from services.clients.models import Client, Transaction
from services.clients.performance import FLOW_SIGN, Flow, Performance, measure
from services.clients.scope import ClientScope
from services.clients.valuation_models import AumChange
from services.clients.valuations import Position, ValuationBook
from services.common.errors import InvalidArgument
from services.common.identity import Actor

FIRM_ZONE = ZoneInfo("Asia/Shanghai")
Point = tuple[date, str, Decimal]


@dataclass(frozen=True)
class Figures:
    product_code: str
    currency: str
    performance: Performance


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None

    @classmethod
    def parse(cls, start: str, end: str) -> Period:
        period = cls(v.iso_date("from", start or None), v.iso_date("to", end or None))
        if period.start and period.end and period.start > period.end:
            raise InvalidArgument("from", start, f"must not be after to ({end})")
        return period

    def covers(self, day: date) -> bool:
        return not ((self.start and day < self.start) or (self.end and day > self.end))


# The book's AUM from its clients' running changes (60 rows a client for 5 years of
# month-ends), each read by its primary key, summed per date and run up over the dates.
BOOK_SERIES = text(
    """
    WITH book AS (
      SELECT id FROM clients.clients
      WHERE advisor_id = :advisor
        AND (CAST(:teams AS text[]) IS NULL OR team_id = ANY(CAST(:teams AS text[])))
    ), per_day AS (
      SELECT ch.as_of, ch.currency, sum(ch.change) AS change
      FROM book CROSS JOIN LATERAL (
        SELECT as_of, currency, change FROM clients.client_aum_changes
        WHERE client_id = book.id) AS ch
      GROUP BY ch.as_of, ch.currency
    )
    SELECT as_of, currency, sum(change) OVER (PARTITION BY currency ORDER BY as_of)
    FROM per_day ORDER BY as_of, currency
    """
)


class PortfolioReader(HoldingRecords):
    async def _book(self, actor: Actor, client_id: str) -> ValuationBook:
        return await self.book(await self.get(actor, client_id))

    async def holdings_as_of(
        self, actor: Actor, client_id: str, as_of: str
    ) -> list[tuple[date, Position]]:
        day = v.iso_date("as_of", as_of or None)
        if day is None:
            raise InvalidArgument("as_of", as_of, "is required (YYYY-MM-DD)")
        book = await self._book(actor, client_id)
        return [(book.dated(p.product_code, day), p) for p in book.holdings(day)]

    async def series(self, actor: Actor, client_id: str, start: str, end: str) -> list[Point]:
        period = Period.parse(start, end)
        return (await self._book(actor, client_id)).series(period.start, period.end)

    async def performance(
        self, actor: Actor, client_id: str, start: str, end: str
    ) -> list[Figures]:
        period = Period.parse(start, end)
        client = await self.get(actor, client_id)
        return await self._figures(client, await self.book(client), period)

    async def report_values(
        self, actor: Actor, client: Client, start: date, end: date
    ) -> tuple[list[Point], list[Figures]]:
        """A report's value history: the client's value in its main currency (the largest
        at its latest valuation, CNY first on a tie) at each valuation date of the period,
        from the one the period starts from; and the returns over those dates, per product
        and for the whole in that currency. The client is one the actor has read."""
        book = await self.book(client)
        by_currency: dict[str, list[Point]] = defaultdict(list)
        for point in book.series(None, end):
            by_currency[point[1]].append(point)
        if not by_currency:
            return [], []
        main = max(by_currency, key=lambda c: (by_currency[c][-1][2], c == "CNY"))
        points = by_currency[main]
        chosen = [p for p in points if p[0] <= start][-1:] + [p for p in points if p[0] > start]
        if not chosen:
            return [], []
        figures = await self._figures(client, book, Period(chosen[0][0], end))
        return chosen, [f for f in figures if f.product_code or f.currency == main]

    async def _figures(self, client: Client, book: ValuationBook, period: Period) -> list[Figures]:
        rows = await self.session.execute(
            select(
                Transaction.kind,
                Transaction.product_code,
                Transaction.amount,
                Transaction.currency,
                Transaction.occurred_at,
            ).where(Transaction.client_id == client.id, Transaction.kind.in_(FLOW_SIGN))
        )
        flows: dict[tuple[str, str], list[Flow]] = defaultdict(list)
        for kind, code, amount, currency, moment in rows:
            flow = Flow(moment.astimezone(FIRM_ZONE).date(), FLOW_SIGN[kind] * amount)
            flows[("", currency)].append(flow)
            if code:
                flows[(code, currency)].append(flow)
        figures: list[Figures] = []
        totals: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
        for day, currency, value in book.series(period.start, period.end):
            totals[currency].append((day, value))
        for currency, values in sorted(totals.items()):
            if (measured := measure(values, flows[("", currency)])) is not None:
                figures.append(Figures("", currency, measured))
        for code in sorted(book.by_product):
            dates = [d for d in sorted(book.by_product[code]) if period.covers(d)]
            if not dates:
                continue
            currency = book.by_product[code][dates[-1]].currency
            values = [(d, book.by_product[code][d].market_value) for d in dates]
            if (measured := measure(values, flows[(code, currency)])) is not None:
                figures.append(Figures(code, currency, measured))
        return figures

    async def aum_series(
        self, actor: Actor, team_id: str, advisor_id: str, start: str, end: str
    ) -> list[Point]:
        """The firm's or a team's from the running changes; a book from its clients."""
        period = Period.parse(start, end)
        scope = ClientScope.for_actor(actor)
        if scope.advisor_id is not None:  # an advisor: their own book, whatever was asked
            advisor_id, team_id = scope.advisor_id, ""
        if advisor_id:
            teams = sorted(scope.team_ids) if scope.team_ids is not None else None
            rows = await self.session.execute(BOOK_SERIES, {"advisor": advisor_id, "teams": teams})
            points = [(d, c, Decimal(m)) for d, c, m in rows]
        else:
            if scope.team_ids is not None and team_id not in scope.team_ids:
                # A manager: their team (the only one, or the one asked for).
                if team_id or len(scope.team_ids) != 1:
                    raise InvalidArgument("team_id", team_id, "must be one of the teams you manage")
                team_id = next(iter(scope.team_ids))
            per_day = select(
                AumChange.as_of, AumChange.currency, func.sum(AumChange.change).label("c")
            ).group_by(AumChange.as_of, AumChange.currency)
            if team_id:
                per_day = per_day.where(AumChange.team_id == team_id)
            sub = per_day.subquery()
            running = func.sum(sub.c.c).over(partition_by=sub.c.currency, order_by=sub.c.as_of)
            rows = await self.session.execute(
                select(sub.c.as_of, sub.c.currency, running).order_by(sub.c.as_of, sub.c.currency)
            )
            points = [(d, c, m) for d, c, m in rows]
        return [(d, c, m) for d, c, m in points if period.covers(d)]
