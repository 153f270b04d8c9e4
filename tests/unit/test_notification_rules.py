"""Pure rules of the notifications service: quiet hours, backoff, signatures, templates."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from services.common.errors import InvalidArgument
from services.notifications.channels.http import sign, verify_signature
from services.notifications.policy import QuietHours, backoff
from services.notifications.templates import Content, check_syntax, render

NIGHT = QuietHours(time(21), time(8))


def at(zone: str, *parts: int) -> datetime:
    year, month, day, hour, minute = parts
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ((2026, 3, 2, 20, 59), None),
        ((2026, 3, 2, 21, 0), (2026, 3, 3, 8, 0)),
        ((2026, 3, 2, 23, 59), (2026, 3, 3, 8, 0)),
        ((2026, 3, 3, 0, 0), (2026, 3, 3, 8, 0)),
        ((2026, 3, 3, 7, 59), (2026, 3, 3, 8, 0)),
        ((2026, 3, 3, 8, 0), None),
    ],
)
def test_quiet_hours_crossing_midnight(
    local: tuple[int, ...], expected: tuple[int, ...] | None
) -> None:
    result = NIGHT.next_allowed(at("Asia/Shanghai", *local), "Asia/Shanghai")
    if expected is None:
        assert result is None
    else:
        assert result is not None and result.astimezone(UTC) == at("Asia/Shanghai", *expected)


def test_quiet_hours_follow_daylight_saving_in_the_clients_zone() -> None:
    # New York springs forward on 2026-03-08: 08:00 local is 12:00 UTC, not 13:00.
    result = NIGHT.next_allowed(at("America/New_York", 2026, 3, 7, 23, 0), "America/New_York")
    assert result is not None
    assert result.astimezone(UTC) == datetime(2026, 3, 8, 12, 0, tzinfo=UTC)


def test_a_daytime_window_and_parsing() -> None:
    lunch = QuietHours.parse("12:00-13:30")
    assert lunch is not None
    assert lunch.contains(time(12, 45)) and not lunch.contains(time(13, 30))
    assert QuietHours.parse("off") is None and QuietHours.parse("") is None
    with pytest.raises(ValueError, match="21:00-08:00"):
        QuietHours.parse("9pm to 8am")
    assert NIGHT.next_allowed(datetime(2026, 1, 1, 15, tzinfo=UTC), "") is None


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    rng = random.Random(7)
    delays = [backoff(n, base=30, cap=3600, rng=rng) for n in range(1, 10)]
    for attempt, delay in enumerate(delays, start=1):
        step = min(3600, 30 * 2 ** (attempt - 1))
        assert step / 2 <= delay <= step
    assert len({round(d, 3) for d in delays}) == len(delays)


def test_signatures_reject_tampering_wrong_secrets_and_replays() -> None:
    body = b'{"to":"+8613800000000","text":"hi"}'
    signature = sign("s3cret", 1_700_000_000, body)
    assert verify_signature("s3cret", body, "1700000000", signature, now=1_700_000_100)
    assert not verify_signature("s3cret", body + b" ", "1700000000", signature, now=1_700_000_100)
    assert not verify_signature("other", body, "1700000000", signature, now=1_700_000_100)
    assert not verify_signature("s3cret", body, "1700000000", signature, now=1_700_001_000)
    assert not verify_signature("s3cret", body, "soon", signature)


def test_templates_are_sandboxed_strict_and_escape_html_only() -> None:
    content = Content("Hi {{ name }}\nBcc: x", "{{ name }} owes {{ amount }}", "<i>{{ name }}</i>")
    rendered = render(content, {"name": "<Li>", "amount": 3})
    assert rendered.subject == "Hi <Li> Bcc: x"  # one line: no header injection
    assert rendered.body_text == "<Li> owes 3"
    assert rendered.body_html == "<i>&lt;Li&gt;</i>"
    with pytest.raises(InvalidArgument) as missing:
        render(content, {"name": "x"})
    assert missing.value.field == "variables.amount"
    with pytest.raises(InvalidArgument) as unsafe:
        render(Content("{{ x.__class__.__mro__ }}", "t"), {"x": 1})
    assert unsafe.value.field == "content.subject"
    with pytest.raises(InvalidArgument) as syntax:
        check_syntax(Content("ok", "line one\n{{ broken"))
    assert syntax.value.field == "content.body_text"
    assert "line 2" in syntax.value.message
