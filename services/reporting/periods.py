"""Report periods: `2026Q3` (a quarter), `2026` (a year), `2026-09` (a month)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from services.common.errors import InvalidArgument

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date  # inclusive


def parse_period(text: str, field: str = "period") -> Period:
    """The period, or INVALID_ARGUMENT naming `field`."""
    if text[:4].isdigit() and not 1900 <= int(text[:4]) <= 2200:
        raise InvalidArgument(field, text, "must be a year between 1900 and 2200")
    if match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        first = 3 * quarter - 2
        last_day = calendar.monthrange(year, first + 2)[1]
        return Period(text, date(year, first, 1), date(year, first + 2, last_day))
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        return Period(
            text, date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        )
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period(text, date(year, 1, 1), date(year, 12, 31))
    raise InvalidArgument(
        field, text, "must be a quarter (2026Q3), a year (2026) or a month (2026-09)"
    )


def month_ends(period: Period) -> list[date]:
    """The period's start and the end of each month in it: the points of a value chart."""
    points = [period.start]
    year, month = period.start.year, period.start.month
    while True:
        end = date(year, month, calendar.monthrange(year, month)[1])
        if end > period.end:
            break
        points.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return points
