"""Business-time arithmetic: weekends, holidays, mainland China's working-weekend swaps,
working hours and time zones."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from services.workflows.worker.calendar import BusinessCalendar, is_workday

SH = ZoneInfo("Asia/Shanghai")
CAL = BusinessCalendar()


def sh(*parts: int) -> datetime:
    year, month, day, hour, minute = parts
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def test_china_holidays_and_swapped_weekends() -> None:
    assert not is_workday("CN", date(2026, 10, 1))  # National Day
    assert is_workday("CN", date(2026, 10, 10))  # a Saturday worked in lieu
    assert not is_workday("CN", date(2026, 10, 11))  # an ordinary Sunday
    assert is_workday("CN", date(2026, 2, 14))  # Saturday before Spring Festival, worked
    assert not is_workday("CN", date(2026, 2, 17))  # Spring Festival


def test_years_beyond_the_official_schedule_fall_back_to_public_holidays() -> None:
    assert not is_workday("CN", date(2027, 1, 1))
    assert not is_workday("CN", date(2027, 2, 8))  # Spring Festival 2027
    assert is_workday("CN", date(2027, 1, 4))
    assert not is_workday("NONE", date(2027, 1, 2)) and is_workday("NONE", date(2027, 1, 1))


def test_business_hours_skip_nights_weekends_and_holidays() -> None:
    # Friday 17:00 + 3 h: one hour on Friday, two on Monday morning.
    assert CAL.add_business_seconds(sh(2026, 11, 27, 17, 0), 3 * 3600) == sh(2026, 11, 30, 11, 0)
    # Before opening: counts from 09:00.
    assert CAL.add_business_seconds(sh(2026, 11, 30, 6, 0), 3600) == sh(2026, 11, 30, 10, 0)
    # Across National Day (Oct 1-7 off in 2026): 30 Sep 17:00 + 2 h -> Oct 8 10:00.
    assert CAL.add_business_seconds(sh(2026, 9, 30, 17, 0), 7200) == sh(2026, 10, 8, 10, 0)
    # Oct 9 (Fri) 17:00 + 2 h: Saturday Oct 10 is a working day -> 10:00 that Saturday.
    assert CAL.add_business_seconds(sh(2026, 10, 9, 17, 0), 7200) == sh(2026, 10, 10, 10, 0)


def test_business_days_end_at_closing_time() -> None:
    # "within 2 business days" of Friday afternoon -> Tuesday 18:00
    assert CAL.add_business_days(sh(2026, 11, 27, 15, 0), 2) == sh(2026, 12, 1, 18, 0)
    # from the last day before National Day: Oct 8 and 9 are the next two working days
    assert CAL.add_business_days(sh(2026, 9, 30, 10, 0), 2) == sh(2026, 10, 9, 18, 0)
    # and one more lands on the swapped Saturday, Oct 10
    assert CAL.add_business_days(sh(2026, 9, 30, 10, 0), 3) == sh(2026, 10, 10, 18, 0)


def test_elapsed_business_time_and_time_zones() -> None:
    assert CAL.business_seconds_between(sh(2026, 11, 27, 17, 0), sh(2026, 11, 30, 10, 0)) == 7200
    new_york = BusinessCalendar(timezone="America/New_York", region="US")
    start = datetime(2026, 11, 25, 17, 0, tzinfo=ZoneInfo("America/New_York"))
    # Thanksgiving (Nov 26) is off: 1 h on Wednesday, the rest on Friday.
    due = new_york.add_business_seconds(start, 2 * 3600)
    assert due == datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    with pytest.raises(ValueError):
        BusinessCalendar(start=time(18), end=time(9))
