"""Investment performance from the valuation history and the transactions.

- **Time-weighted return (TWR)**: the period is cut at every valuation date into sub-periods;
  each sub-period's return is the Modified Dietz return
  `(V1 - V0 - F) / (V0 + sum(w_i * F_i))`, `w_i = (T - t_i) / T` (T the sub-period's days,
  t_i the days from its start to the flow), which is the exact return when flows fall on
  valuation dates; the sub-period returns are linked, `prod(1 + r) - 1`. Valuations are
  end-of-day: a flow on a valuation date is in the value of that date (weight 0).
- **Money-weighted return (MWR)**: the XIRR (`pyxirr`, actual/365) of the investor's cash
  flows: the starting value paid in, subscriptions paid in, redemptions and dividends paid
  out, and the ending value received.
- Flows: a subscription brings money in; a redemption and a dividend take it out; a fee is
  not a flow (returns are net of fees).

Returns are fractions (0.0523 = 5.23 %), None when the period has no value to measure.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pyxirr

# Transaction kinds as flows into the portfolio (+1) or out of it (-1).
FLOW_SIGN = {"subscription": 1, "redemption": -1, "dividend": -1}


@dataclass(frozen=True)
class Flow:
    day: date
    amount: Decimal  # positive: money into the portfolio


@dataclass(frozen=True)
class Performance:
    start: date
    end: date
    start_value: Decimal
    end_value: Decimal
    net_flows: Decimal
    twr: float | None
    mwr: float | None


def modified_dietz(v0: Decimal, v1: Decimal, flows: list[Flow], start: date, end: date) -> float:
    days = (end - start).days
    net = sum((f.amount for f in flows), Decimal(0))
    weighted = sum(
        (f.amount * Decimal((end - f.day).days) / Decimal(days) for f in flows), Decimal(0)
    )
    base = v0 + weighted
    if base <= 0:
        return 0.0
    return float((v1 - v0 - net) / base)


def time_weighted(values: list[tuple[date, Decimal]], flows: list[Flow]) -> float | None:
    """Linked sub-period returns between consecutive valuation dates."""
    if len(values) < 2:
        return None
    growth = 1.0
    for (start, v0), (end, v1) in itertools.pairwise(values):
        inside = [f for f in flows if start < f.day <= end]
        growth *= 1 + modified_dietz(v0, v1, inside, start, end)
    return growth - 1


def money_weighted(values: list[tuple[date, Decimal]], flows: list[Flow]) -> float | None:
    """XIRR of the investor's flows over the period of `values`."""
    if len(values) < 2:
        return None
    (start, v0), (end, v1) = values[0], values[-1]
    dates = [start] + [f.day for f in flows if start < f.day <= end] + [end]
    amounts = [-float(v0)] + [-float(f.amount) for f in flows if start < f.day <= end] + [float(v1)]
    try:
        rate = pyxirr.xirr(dates, amounts)
    except (pyxirr.InvalidPaymentsError, ValueError):
        return None
    return None if rate is None else float(rate)


def measure(values: list[tuple[date, Decimal]], flows: list[Flow]) -> Performance | None:
    if not values:
        return None
    (start, v0), (end, v1) = values[0], values[-1]
    inside = [f for f in flows if start < f.day <= end]
    return Performance(
        start=start,
        end=end,
        start_value=v0,
        end_value=v1,
        net_flows=sum((f.amount for f in inside), Decimal(0)),
        twr=time_weighted(values, inside),
        mwr=money_weighted(values, inside),
    )
