"""A person's calendar feed through the gateway: their open task with its due time and the
meeting they logged are events in the iCalendar feed at their secret URL (no sign-in), another
advisor's task and meeting are not, a new URL ends the old one, and a forged one is refused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from icalendar import Calendar

from tests.support import Stack, create_client, eventually, token

MET = (datetime.now(UTC) - timedelta(days=3)).replace(microsecond=0).isoformat()


async def test_my_tasks_are_in_my_calendar_and_only_mine(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    mine, theirs = f"adv-cal{suffix}", f"adv-cal-o{suffix}"
    for advisor in (mine, theirs):
        client = await create_client(stack.services.clients, advisor_id=advisor)
        started = await gateway.post(
            f"/v1/clients/{client.id}/processes",
            headers=token(advisor, "advisor"),
            json={"kind": "call-client", "parameters": {"reason": f"check-in {advisor}"}},
        )
        assert started.status_code in (201, 202), started.text
        logged = await gateway.post(
            f"/v1/clients/{client.id}/interactions",
            headers=token(advisor, "advisor"),
            json={"channel": "meeting", "summary": f"季度会面 {advisor}", "occurred_at": MET},
        )
        assert logged.status_code == 201, logged.text
    me = token(mine, "advisor")

    async def task() -> dict[str, Any] | None:
        items = (await gateway.get("/v1/tasks", headers=me)).json()["items"]
        return items[0] if items else None

    found = await eventually(task, "the advisor's task", 30)
    feed = await gateway.post("/v1/me/calendar-feed", headers=me)
    assert feed.status_code == 200, feed.text
    url = httpx.URL(feed.json()["url"])
    answer = await gateway.get(url.path)  # no Authorization: the URL is the credential
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(answer.text).walk() if c.name == "VEVENT"]
    assert [str(e["summary"]) for e in events] == [found["title"], "客户会面 · Client meeting"]
    assert events[0].decoded("dtend").isoformat().startswith(found["due_at"][:16])
    assert events[1].decoded("dtstart") == datetime.fromisoformat(MET)
    assert "季度会面" not in answer.text  # notes stay in Clientflow

    renewed = httpx.URL((await gateway.post("/v1/me/calendar-feed", headers=me)).json()["url"])
    assert (await gateway.get(url.path)).status_code == 400  # the old URL ended
    assert (await gateway.get(renewed.path)).status_code == 200
    forged = renewed.path.replace(".ics", "").rsplit(".", 1)[0] + ".AAAAAAAAAAAAAAAAAAAAAA.ics"
    assert (await gateway.get(forged)).status_code == 400
