"""The AUM changes a client's valuation history keeps: after any sequence of writes (out of
order, replaced, removed, closed), the running sum of the changes at every date equals the
client's value carried to that date — checked against brute force over random histories."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from services.clients.valuations import Position, ValuationBook

DAYS = [date(2026, 1, 31) + timedelta(days=30 * i) for i in range(8)]
CODES = ["F1", "F2", "F3"]


def _position(code: str, value: int, currency: str = "CNY") -> Position:
    amount = Decimal(value).quantize(Decimal("0.01"))
    return Position(code, code, Decimal(value), Decimal(0), amount, currency)


def _running(changes: dict[tuple[date, str], Decimal], day: date, currency: str) -> Decimal:
    return sum((v for (d, c), v in changes.items() if d <= day and c == currency), Decimal(0))


def test_running_changes_equal_carried_values() -> None:
    rng = random.Random(7)
    for _ in range(200):
        book = ValuationBook(uuid.uuid4(), "team-a", [])
        total: dict[tuple[date, str], Decimal] = defaultdict(Decimal)
        for _ in range(rng.randint(1, 25)):
            day, code = rng.choice(DAYS), rng.choice(CODES)
            roll = rng.random()
            if roll < 0.15:
                book.set(day, code, None)
            elif roll < 0.25:
                book.close_others(day, {rng.choice(CODES)})
            else:
                currency = "USD" if code == "F3" else "CNY"
                book.set(day, code, _position(code, rng.randint(0, 1000), currency))
            for key, value in book.changes.items():
                total[key] += value
            book.changes.clear()
        for day in DAYS:
            for currency in ("CNY", "USD"):
                carried = sum(
                    (p.market_value for p in book.holdings(day) if p.currency == currency),
                    Decimal(0),
                )
                assert _running(total, day, currency) == carried, (day, currency)


def test_a_series_and_holdings_as_of_a_date() -> None:
    book = ValuationBook(uuid.uuid4(), "", [])
    book.set(DAYS[0], "F1", _position("F1", 100))
    book.set(DAYS[2], "F1", _position("F1", 130))
    book.set(DAYS[1], "F2", _position("F2", 50))
    book.close_others(DAYS[3], {"F1"})  # F2 sold by then
    assert [p.product_code for p in book.holdings(DAYS[1])] == ["F1", "F2"]
    assert [p.product_code for p in book.holdings(DAYS[3])] == ["F1"]
    assert [(d, v) for d, _c, v in book.series(None, None)] == [
        (DAYS[0], Decimal("100.00")),
        (DAYS[1], Decimal("150.00")),
        (DAYS[2], Decimal("180.00")),
        (DAYS[3], Decimal("130.00")),
    ]
