"""Courtesy rules: quiet hours in the recipient's time zone, frequency caps, retry backoff."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class QuietHours:
    """A daily window, e.g. 21:00-08:00 (crossing midnight) or 12:00-13:30, local time."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours | None:
        """``HH:MM-HH:MM``; empty or ``off`` disables quiet hours."""
        text = text.strip()
        if text in ("", "off"):
            return None
        try:
            first, second = text.split("-")
            start, end = time.fromisoformat(first.strip()), time.fromisoformat(second.strip())
        except ValueError:
            raise ValueError(f"quiet hours {text!r} must look like 21:00-08:00") from None
        if start == end:
            raise ValueError(f"quiet hours {text!r} start and end at the same time")
        return cls(start, end)

    def contains(self, local: time) -> bool:
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def next_allowed(self, now: datetime, timezone: str) -> datetime | None:
        """None when `now` is outside the window; else the window's end, as an aware UTC-
        comparable datetime. Wall-clock arithmetic in the zone, so DST days are right."""
        zone = zone_or_none(timezone)
        if zone is None:
            return None
        local = now.astimezone(zone)
        if not self.contains(local.time().replace(tzinfo=None)):
            return None
        end_day = local.date()
        if self.start > self.end and local.time().replace(tzinfo=None) >= self.start:
            end_day += timedelta(days=1)
        return datetime.combine(end_day, self.end, tzinfo=zone)


def zone_or_none(name: str) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def backoff(attempt: int, *, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds before retry number `attempt` (1-based): exponential with full jitter
    between half and the whole step, so retries of many deliveries spread out."""
    step = min(cap, base * (2 ** (attempt - 1)))
    return (rng or random).uniform(step / 2, step)
