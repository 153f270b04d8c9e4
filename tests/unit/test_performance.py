"""Performance figures against worked examples with known answers, and XIRR cross-checked
with an independent implementation (bisection on the actual/365 NPV)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.clients.performance import Flow, measure, modified_dietz, money_weighted


def D(text: str) -> Decimal:
    return Decimal(text)


def test_twr_links_three_sub_periods_with_flows() -> None:
    # Jan-end 1,000. February earns 10 % and a 500 subscription lands on the valuation date:
    # 1,000 * 1.1 + 500 = 1,600. March earns 10 %: 1,760. April earns 10 % and 176 is
    # redeemed on the valuation date: 1,760 * 1.1 - 176 = 1,760. TWR = 1.1^3 - 1 = 33.1 %.
    values = [
        (date(2026, 1, 31), D("1000")),
        (date(2026, 2, 28), D("1600")),
        (date(2026, 3, 31), D("1760")),
        (date(2026, 4, 30), D("1760")),
    ]
    flows = [Flow(date(2026, 2, 28), D("500")), Flow(date(2026, 4, 30), D("-176"))]
    result = measure(values, flows)
    assert result is not None
    assert result.twr == pytest.approx(0.331, abs=1e-12)
    assert result.net_flows == D("324")
    assert (result.start_value, result.end_value) == (D("1000"), D("1760"))


def test_modified_dietz_weights_a_flow_by_the_time_it_was_invested() -> None:
    # 100 at the start, 50 in halfway through a 30-day period, 160 at the end:
    # (160 - 100 - 50) / (100 + 50 * 15/30) = 10 / 125 = 8 %.
    r = modified_dietz(
        D("100"), D("160"), [Flow(date(2026, 6, 16), D("50"))], date(2026, 6, 1), date(2026, 7, 1)
    )
    assert r == pytest.approx(0.08)


def _npv(rate: float, days: list[int], amounts: list[float]) -> float:
    return float(sum(a / (1 + rate) ** (d / 365) for d, a in zip(days, amounts, strict=True)))


def _independent_xirr(dates: list[date], amounts: list[float]) -> float:
    days = [(d - dates[0]).days for d in dates]
    low, high = -0.99, 10.0
    for _ in range(200):
        mid = (low + high) / 2
        if _npv(low, days, amounts) * _npv(mid, days, amounts) <= 0:
            high = mid
        else:
            low = mid
    return (low + high) / 2


def test_mwr_is_the_xirr_of_the_investors_flows() -> None:
    values = [(date(2025, 1, 1), D("100000")), (date(2026, 1, 1), D("128000"))]
    flows = [Flow(date(2025, 4, 1), D("20000")), Flow(date(2025, 10, 1), D("-5000"))]
    rate = money_weighted(values, flows)
    assert rate is not None
    expected = _independent_xirr(
        [date(2025, 1, 1), date(2025, 4, 1), date(2025, 10, 1), date(2026, 1, 1)],
        [-100000.0, -20000.0, 5000.0, 128000.0],
    )
    assert rate == pytest.approx(expected, abs=1e-7)
    # A year with no flows: exactly the growth.
    plain = money_weighted([(date(2025, 1, 1), D("100")), (date(2026, 1, 1), D("110"))], [])
    assert plain == pytest.approx(0.10, abs=1e-9)


def test_nothing_to_measure_is_none() -> None:
    assert measure([], []) is None
    one = measure([(date(2026, 1, 1), D("5"))], [])
    assert one is not None and one.twr is None and one.mwr is None
