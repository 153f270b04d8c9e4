"""A client's valuation history and the firm's AUM series.

Every valuation is kept (`Valuation`): a position in a product as of a date, carried forward to
later dates until the product's next valuation; zero units and zero value end it. So the
holdings as of any date are, per product, its latest valuation on or before that date, and a
client's value series is the sum of those at each of its valuation dates.

The firm's and a team's AUM series would need every client's history summed per date — 48
million rows at 100,000 clients, 8 products each and 5 years of month-ends. Instead each
write keeps `aum_changes` (date, team, currency → change) so that AUM(date) = Σ changes up to the date; a
write at date D changes D by (new minus what D had, carried or not) and the product's next
valuation date by the opposite (its change is now measured from the new value). A team's
series attributes each change to the client's team when it was written (a client moving teams
keeps its past in the old team's series; no command recomputes them with today's teams yet).
An advisor's book is summed from its clients' running changes (`client_aum_changes`), so it
follows the book as it is now.

`ValuationBook` loads one client's history (≤ a few hundred rows), applies writes in memory,
and flushes the valuations and the AUM changes in the caller's transaction — one client at a
time for the API, every client of a file for the positions import.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.valuation_models import AumChange, ClientAumChange, Valuation

ZERO = Decimal("0.00")
# (as_of, product_code, product_name, units, cost, market_value, currency)
Row = tuple[date, str, str, Decimal, Decimal, Decimal, str]


@dataclass(frozen=True)
class Position:
    product_code: str
    product_name: str
    units: Decimal
    cost: Decimal
    market_value: Decimal
    currency: str

    # The validated values a position is built from, in order after the code.
    VALUES = ("product_name", "units", "cost", "market_value", "currency")

    @property
    def closed(self) -> bool:
        return self.units == 0 and self.market_value == 0


def _row(client_id: uuid.UUID, day: date, p: Position) -> dict[str, object]:
    return {
        "client_id": client_id,
        "as_of": day,
        "product_code": p.product_code,
        "product_name": p.product_name,
        "units": p.units,
        "cost": p.cost,
        "market_value": p.market_value,
        "currency": p.currency,
    }


class ValuationBook:
    """One client's valuations by product, with the writes waiting to be flushed."""

    def __init__(self, client_id: uuid.UUID, team_id: str, rows: Iterable[Row]) -> None:
        self.client_id = client_id
        self.team_id = team_id
        self.by_product: dict[str, dict[date, Position]] = defaultdict(dict)
        for day, code, name, units, cost, value, currency in rows:
            self.by_product[code][day] = Position(code, name, units, cost, value, currency)
        self.written: dict[tuple[str, date], Position | None] = {}
        self.changes: dict[tuple[date, str], Decimal] = defaultdict(lambda: ZERO)

    @classmethod
    async def load(
        cls, session: AsyncSession, client_id: uuid.UUID, team_id: str | None
    ) -> ValuationBook:
        rows = await session.execute(
            select(
                Valuation.as_of,
                Valuation.product_code,
                Valuation.product_name,
                Valuation.units,
                Valuation.cost,
                Valuation.market_value,
                Valuation.currency,
            ).where(Valuation.client_id == client_id)
        )
        return cls(client_id, team_id or "", rows.tuples())

    def _dates(self, code: str) -> list[date]:
        return sorted(self.by_product.get(code, {}))

    def value_on(self, code: str, day: date) -> Position | None:
        """The product's position carried to `day` (its latest valuation on or before)."""
        dates = self._dates(code)
        index = bisect_right(dates, day)
        return self.by_product[code][dates[index - 1]] if index else None

    def _change(self, day: date, position: Position | None, sign: int) -> None:
        if position is not None and position.market_value:
            self.changes[(day, position.currency)] += sign * position.market_value

    def set(self, day: date, code: str, position: Position | None) -> None:
        """Write (or with None remove) the product's valuation on `day`."""
        dates = self._dates(code)
        before = dates[: bisect_left(dates, day)]
        after = dates[bisect_right(dates, day) :]
        prior = self.by_product[code][before[-1]] if before else None
        was = self.by_product[code].get(day, prior)  # what `day` had, stated or carried
        now = position if position is not None else prior
        self._change(day, was, -1)
        self._change(day, now, +1)
        if after:  # the next valuation's change is now measured from `now`
            self._change(after[0], was, +1)
            self._change(after[0], now, -1)
        if position is None:
            self.by_product[code].pop(day, None)
        else:
            self.by_product[code][day] = position
        self.written[(code, day)] = position

    def close_others(self, day: date, given: AbstractSet[str]) -> None:
        """`given` are the client's full holdings as of `day`: every other product it held
        then is closed on that date (a valuation stated for it on that date becomes zero)."""
        for code in list(self.by_product):
            if code in given:
                continue
            carried = self.value_on(code, day)
            if carried is not None and not carried.closed:
                self.set(day, code, _closed_like(carried, code))

    def dated(self, code: str, day: date) -> date:
        """The date of the valuation `value_on(code, day)` comes from."""
        dates = self._dates(code)
        return dates[bisect_right(dates, day) - 1]

    def latest(self, code: str) -> Position | None:
        dates = self._dates(code)
        return self.by_product[code][dates[-1]] if dates else None

    def holdings(self, day: date) -> list[Position]:
        found = [self.value_on(code, day) for code in sorted(self.by_product)]
        return [p for p in found if p is not None and not p.closed]

    def series(self, start: date | None, end: date | None) -> list[tuple[date, str, Decimal]]:
        """(date, currency, value) at each of the client's valuation dates in the range: one
        pass over the valuations in date order, each product's latest carried along."""
        stated = sorted(
            (day, code, position)
            for code, dates in self.by_product.items()
            for day, position in dates.items()
        )
        current: dict[str, Position] = {}
        points: list[tuple[date, str, Decimal]] = []
        for index, (day, code, position) in enumerate(stated):
            current[code] = position
            if index + 1 < len(stated) and stated[index + 1][0] == day:
                continue  # the date's other valuations first
            if (start and day < start) or (end and day > end):
                continue
            totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
            for held in current.values():
                if not held.closed:
                    totals[held.currency] += held.market_value
            points += [(day, currency, value) for currency, value in sorted(totals.items())]
        return points

    async def flush(self, session: AsyncSession) -> None:
        """Write the valuations and apply the AUM changes (in the caller's transaction)."""
        if not self.written:
            return
        removed = [key for key, p in self.written.items() if p is None]
        kept = [(key, p) for key, p in self.written.items() if p is not None]
        if removed:
            await session.execute(
                delete(Valuation).where(
                    Valuation.client_id == self.client_id,
                    tuple_(Valuation.product_code, Valuation.as_of).in_(removed),
                )
            )
        if kept:
            statement = insert(Valuation).values(
                [_row(self.client_id, day, p) for (_code, day), p in kept]
            )
            await session.execute(
                statement.on_conflict_do_update(
                    constraint="pk_valuations",
                    set_={
                        c: statement.excluded[c]
                        for c in ("product_name", "units", "cost", "market_value", "currency")
                    },
                )
            )
        await apply_changes(
            session, {(d, self.team_id, c): v for (d, c), v in self.changes.items()}
        )
        rows = [
            {"client_id": self.client_id, "as_of": d, "currency": c, "change": v}
            for (d, c), v in sorted(self.changes.items())
            if v
        ]
        if rows:
            mine = insert(ClientAumChange).values(rows)
            await session.execute(
                mine.on_conflict_do_update(
                    constraint="pk_client_aum_changes",
                    set_={"change": ClientAumChange.change + mine.excluded.change},
                )
            )
        self.written.clear()
        self.changes.clear()


def _closed_like(carried: Position | None, code: str) -> Position:
    """A zero valuation ending the product, in its currency."""
    return Position(
        code,
        carried.product_name if carried else code,
        ZERO,
        ZERO,
        ZERO,
        carried.currency if carried else "CNY",
    )


async def apply_changes(
    session: AsyncSession, changes: dict[tuple[date, str, str], Decimal]
) -> None:
    """Add to `aum_changes` in one statement (rows that net to zero are skipped)."""
    rows = [
        {"as_of": day, "team_id": team, "currency": currency, "change": value}
        for (day, team, currency), value in sorted(changes.items())
        if value
    ]
    if not rows:
        return
    statement = insert(AumChange).values(rows)
    await session.execute(
        statement.on_conflict_do_update(
            constraint="pk_aum_changes",
            set_={"change": AumChange.change + statement.excluded.change},
        )
    )
