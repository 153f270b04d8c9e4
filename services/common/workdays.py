"""Working days per region: mainland China's official schedule with its swaps (调休) from
`chinese-calendar` for the years it covers, other regions' public holidays from `holidays`
(no swaps), or plain Monday to Friday ("NONE"). Pure and deterministic: workflow code calls
it too (see services/workflows/worker/calendar.py)."""

from __future__ import annotations

import functools
from datetime import date, timedelta

import chinese_calendar
import holidays
from temporalio import workflow


@functools.lru_cache(maxsize=64)
def _public_holidays(region: str, year: int) -> frozenset[date]:
    # The holiday data for a region and year never changes, so computing it inside a
    # workflow is deterministic; the package loads countries and locales lazily, which the
    # workflow sandbox would otherwise refuse.
    if workflow.unsafe.in_sandbox():
        with workflow.unsafe.sandbox_unrestricted(), workflow.unsafe.imports_passed_through():
            return frozenset(holidays.country_holidays(region, years=year).keys())
    return frozenset(holidays.country_holidays(region, years=year).keys())


@functools.lru_cache(maxsize=4096)
def is_workday(region: str, day: date) -> bool:
    """Whether `day` is a working day in `region` ("CN", any ISO code `holidays` knows, or
    "NONE" for Monday to Friday)."""
    if region == "CN":
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:  # a year the official schedule does not cover yet
            pass
    if day.weekday() >= 5:
        return False
    if region == "NONE":
        return True
    return day not in _public_holidays(region, day.year)


def add_workdays(region: str, day: date, days: int) -> date:
    """The working day `days` working days after `day` (a deadline "in N business days")."""
    moved = 0
    while moved < days:
        day += timedelta(days=1)
        if is_workday(region, day):
            moved += 1
    return day
