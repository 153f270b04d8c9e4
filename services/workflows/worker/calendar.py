"""Business calendars: working hours, weekends and public holidays per team time zone,
including mainland China's holiday swaps (调休: a weekend that is a working day, a weekday
that is off), and business-time arithmetic for SLA clocks.

Pure and deterministic, so workflow code may call it: the same inputs give the same
deadline on every replay. Holiday data: `chinese-calendar` for mainland China (the State
Council's announced schedule, swaps included) for the years it covers; beyond those years,
and for other regions, the `holidays` package (public holidays without swaps).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.common.workdays import add_workdays as add_workdays, is_workday as is_workday


@dataclass(frozen=True)
class BusinessCalendar:
    """Working hours [start, end) on working days, in `timezone`."""

    timezone: str = "Asia/Shanghai"
    start: time = time(9, 0)
    end: time = time(18, 0)
    region: str = "CN"

    def __post_init__(self) -> None:
        ZoneInfo(self.timezone)  # fail early on an unknown zone
        if not self.start < self.end:
            raise ValueError("working hours must start before they end")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def day_seconds(self) -> float:
        return (
            datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)
        ).total_seconds()

    def is_workday(self, day: date) -> bool:
        return is_workday(self.region, day)

    def _open_close(self, day: date) -> tuple[datetime, datetime]:
        return (
            datetime.combine(day, self.start, tzinfo=self.zone),
            datetime.combine(day, self.end, tzinfo=self.zone),
        )

    def add_business_seconds(self, moment: datetime, seconds: float) -> datetime:
        """The instant `seconds` of working time after `moment` (aware). Time outside working
        hours does not count; a deadline that falls exactly at closing time stays there."""
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        local = moment.astimezone(self.zone)
        remaining = seconds
        day = local.date()
        for _ in range(3660):  # ten years of days: a bound, never reached in practice
            if self.is_workday(day):
                opens, closes = self._open_close(day)
                begin = max(local, opens)
                if begin < closes:
                    available = (closes - begin).total_seconds()
                    # Within a millisecond of closing is closing time: float sums of
                    # business seconds must not push a deadline to the next morning.
                    if remaining <= available + 0.001:
                        return min(begin + timedelta(seconds=remaining), closes)
                    remaining -= available
            day += timedelta(days=1)
            local = datetime.combine(day, time(0), tzinfo=self.zone)
        raise ValueError("deadline is more than ten years of working days away")

    def add_business_days(self, moment: datetime, days: int) -> datetime:
        """Closing time of the `days`-th working day after the day of `moment` ("within 2
        business days" of a Friday-afternoon request is Tuesday 18:00)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = moment.astimezone(self.zone).date()
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        if days == 0 and not self.is_workday(day):
            while not self.is_workday(day):
                day += timedelta(days=1)
        return self._open_close(day)[1]

    def business_seconds_between(self, first: datetime, second: datetime) -> float:
        """Working time elapsed from `first` to `second` (0 if second <= first)."""
        if second <= first:
            return 0.0
        total = 0.0
        local_first = first.astimezone(self.zone)
        local_second = second.astimezone(self.zone)
        day = local_first.date()
        while day <= local_second.date():
            if self.is_workday(day):
                opens, closes = self._open_close(day)
                begin, finish = max(opens, local_first), min(closes, local_second)
                if finish > begin:
                    total += (finish - begin).total_seconds()
            day += timedelta(days=1)
        return total


def local_date(moment: datetime, timezone: str) -> date:
    """The calendar day of `moment` in `timezone` (callable from workflow code)."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def local_moment(day: date, clock: time, timezone: str) -> datetime:
    """`clock` on `day` in `timezone`, as an aware datetime (callable from workflow code)."""
    return datetime.combine(day, clock, ZoneInfo(timezone))
