"""zh-CN and en: the message catalogue (English text is the key) and locale-aware formatting
of dates, times and money with Babel, in the person's time zone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date, format_skeleton, format_timedelta, get_timezone_name
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    format_percent,
)

from services.console.console_zh import ZH
from services.console.portal_i18n import PORTAL_EN, PORTAL_ZH
from services.console.values import STEP_PATTERNS, catalogue_entries

LOCALES = ("zh-CN", "en")


_VALUES_ZH, _VALUES_EN = catalogue_entries()
CATALOGUES: dict[str, dict[str, str]] = {
    "zh-CN": {**ZH, **_VALUES_ZH, **PORTAL_ZH},
    "en": {**_VALUES_EN, **PORTAL_EN},
}
BABEL = {"zh-CN": Locale.parse("zh_Hans_CN"), "en": Locale.parse("en_GB")}


def choose_locale(chosen: str | None, accept_language: str, default: str) -> str:
    """The person's choice; else the browser's first zh/en preference; else the default."""
    if chosen in LOCALES:
        return str(chosen)
    for part in accept_language.split(",")[:10]:
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh-CN"
        if tag.startswith("en"):
            return "en"
    return default


def zone(name: str | None, default: str) -> ZoneInfo:
    for candidate in (name, default, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def _instant(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


class Formatter:
    """Everything a template needs to speak the person's language and time zone."""

    def __init__(
        self,
        locale: str,
        tz: ZoneInfo,
        *,
        name_zone: bool = False,
        people: Mapping[str, str] | None = None,
        teams: Mapping[str, str] | None = None,
    ) -> None:
        self.locale = locale
        self.tz = tz
        self.name_zone = name_zone
        self.people = people or {}
        self.teams = teams or {}
        self.babel = BABEL[locale]
        self.catalogue = CATALOGUES[locale]

    def t(self, text: str) -> str:
        return self.catalogue.get(text, text)

    def v(self, kind: str, value: Any) -> str:
        """A coded value (a tier, a status, a channel, …) in the reader's language; an
        unknown one as it is."""
        if value in (None, ""):
            return ""
        return self.catalogue.get(f"{kind}:{value}", str(value))

    def message(self, key: str, params: Mapping[str, Any] | None = None, fallback: str = "") -> str:
        """A message from its English pattern and parameters (a parameter may come per
        locale as "name.zh-CN"); with no key, the fallback text translated if known."""
        if not key:
            return self.t(fallback)
        values = dict(params or {})
        locale = self.locale

        class Params(dict[str, str]):
            def __missing__(self, name: str) -> str:
                return str(values.get(f"{name}.{locale}", values.get(name, "")))

        try:
            return self.t(key).format_map(Params())
        except (ValueError, IndexError, AttributeError):
            return fallback or key

    def step(self, name: Any) -> str:
        """A process step's name ("commentary (round 2)") in the reader's language."""
        text = str(name or "")
        for pattern, key in STEP_PATTERNS:
            found = re.match(pattern, text)
            if found:
                return self.message(key, found.groupdict())
        return self.t(text)

    def step_detail(self, detail: Any) -> str:
        """A history entry's detail: a due time in the reader's zone and language ("due
        2026-12-07T17:00:00+08:00 (8 business hours)"), a step by its name; else as written."""
        text = str(detail or "")
        due = re.match(r"^due (\S+)(?: \((\S+) business (days|hours)\))?$", text)
        if due:
            shown = f"{self.t('Due')} {self.datetime(due.group(1))}"
            if due.group(2):
                unit = "{n} business days" if due.group(3) == "days" else "{n} business hours"
                shown += f" ({self.message(unit, {'n': due.group(2)})})"
            return shown
        step = re.match(r"^step ([a-z0-9-]+)$", text)
        if step:
            return f"{self.t('Step')} {self.step(step.group(1))}"
        return self.step(text)

    def task_title(self, task: Mapping[str, Any]) -> str:
        return self.message(
            str(task.get("title_key") or ""), task.get("title_params"), str(task.get("title", ""))
        )

    def audit(self, entity: str, action: str) -> str:
        """ "新增交易" / "Transaction created"."""
        thing, done = self.v("audit_entity", entity), self.v("audit_action", action)
        if self.locale == "zh-CN":
            return f"{done}{thing}"
        return f"{thing[:1].upper()}{thing[1:]} {done}"

    def person(self, user_id: Any) -> str:
        """A colleague by name; a system actor by what it is; else the id."""
        key = str(user_id or "")
        if not key:
            return ""
        if key in self.people:
            return self.people[key]
        if key.startswith("rule:"):
            return f"{self.t('Rule')} {key[5:]}"
        if key.startswith(("system", "worker")) or key in ("demo", "system"):
            return self.t("System")
        if key.startswith("client:"):
            return self.t("Client")
        return key

    def team(self, team_id: Any) -> str:
        key = str(team_id or "")
        return self.teams.get(key, key)

    def datetime(self, value: Any, *, zone: bool | None = None) -> str:
        """A moment in the reader's zone, to the minute ("2026年12月6日 14:05"); the zone is
        named where the reader could take it for another (`name_zone`, or asked)."""
        instant = _instant(value)
        if instant is None:
            return ""
        day = format_date(instant.astimezone(self.tz).date(), "medium", locale=self.babel)
        clock = format_skeleton("Hm", instant, tzinfo=self.tz, locale=self.babel)
        text = str(self.babel.datetime_formats["medium"]).replace("{1}", day).replace("{0}", clock)
        if self.name_zone if zone is None else zone:
            text = f"{text} ({self.zone_name()})"
        return text

    def zone_name(self) -> str:
        """ "中国时间" / "China Time": the reader's zone in their language."""
        return str(get_timezone_name(self.tz, width="long", locale=self.babel))

    def _day(self, value: Any) -> dt.date | None:
        """A calendar day: a date, "YYYY-MM-DD", or a moment taken in the reader's zone."""
        if isinstance(value, datetime):
            return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(self.tz).date()
        if isinstance(value, date):
            return value
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                return None
        instant = _instant(value)
        return None if instant is None else instant.astimezone(self.tz).date()

    def date(self, value: Any) -> str:
        day = self._day(value)
        return "" if day is None else str(format_date(day, "medium", locale=self.babel))

    def day_in_words(self, value: Any, today: dt.date | None = None) -> str:
        """ "周三 12月9日（3天后）" / "Wed 9 Dec (in 3 days)": an expected date as people say it."""
        day = self._day(value)
        if day is None:
            return ""
        today = today or dt.datetime.now(self.tz).date()
        shown = str(format_skeleton("MMMEd", day, locale=self.babel))
        if day.year != today.year:
            shown = str(format_date(day, "full", locale=self.babel))
        days = (day - today).days
        if days == 0:
            relative = self.t("today")
        elif days == 1:
            relative = self.t("tomorrow")
        else:
            relative = str(
                format_timedelta(
                    dt.timedelta(days=days),
                    granularity="day",
                    threshold=366,
                    add_direction=True,
                    locale=self.babel,
                )
            )
        return f"{shown}（{relative}）" if self.locale == "zh-CN" else f"{shown} ({relative})"

    def money(self, value: Any, currency: str = "CNY") -> str:
        amount = _decimal(value)
        return "" if amount is None else format_currency(amount, currency, locale=self.babel)

    def money_short(self, value: Any, currency: str = "CNY") -> str:
        """1.2亿 / CN¥120M: for a headline figure."""
        amount = _decimal(value)
        if amount is None:
            return ""
        return str(format_compact_currency(amount, currency, locale=self.babel, fraction_digits=1))

    def number(self, value: Any) -> str:
        amount = _decimal(value)
        return "" if amount is None else format_decimal(amount, locale=self.babel)

    def percent(self, value: Any) -> str:
        amount = _decimal(value)
        return "" if amount is None else format_percent(amount, "#,##0.0%", locale=self.babel)

    def countdown(self, value: Any, now: dt.datetime | None = None) -> str:
        """'in 3 hours' / '2 days ago', for a due time."""
        instant = _instant(value)
        if instant is None:
            return ""
        delta = instant - (now or dt.datetime.now(UTC))
        return str(
            format_timedelta(
                delta, granularity="minute", add_direction=True, locale=self.babel, threshold=1.0
            )
        )
