"""January's annual reviews through the stack: one page starts a review for each CORE and
STRATEGIC client and a second pass starts none again; the review waits on the advisor, and
the client-safe view shows its named steps and nothing internal. Booking the meeting sends the
client an .ics invitation; the client's calendar answer, e-mailed to the dropbox, reaches the
review."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from typing import Any

import aiosmtplib
import httpx
import icalendar
from clientflow.clients.v1 import clients_pb2
from clientflow.workflows.v1 import workflows_pb2
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.mail_dropbox import Dropbox
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually, free_port, token


async def test_reviews_start_once_per_core_and_strategic_client(
    gateway: httpx.AsyncClient, stack: Stack, engine: AsyncEngine, smtp_sink: SmtpSink
) -> None:
    services = stack.services
    team = f"team-r{uuid.uuid4().hex[:6]}"
    advisor = f"adv-annual-{uuid.uuid4().hex[:4]}"
    manager = Actor(user_id="mgr-r", roles=frozenset({Role.MANAGER}), team_id=team)
    client_mail = f"review-{uuid.uuid4().hex[:8]}@example.com"
    reviewed = await create_client(
        services.clients,
        advisor_id=advisor,
        team_id=team,
        fields=clients_pb2.ClientFields(email=client_mail, preferred_channel="email"),
    )
    growth = await create_client(services.clients, advisor_id=advisor, team_id=team)
    for client in (reviewed, growth):
        await services.clients.SetLifecycleStage(
            clients_pb2.SetLifecycleStageRequest(client_id=client.id, stage="ACTIVE", reason="t"),
            metadata=SYSTEM_ACTOR.to_metadata(),
        )
    await services.clients.OverrideTier(
        clients_pb2.OverrideTierRequest(client_id=reviewed.id, tier="CORE", reason="t"),
        metadata=manager.to_metadata(),
    )
    year = 2031  # a year no other test uses

    async def start_all() -> tuple[int, int]:
        started = already = 0
        token_ = ""
        while True:
            page = await services.triggers.StartAnnualReviews(
                workflows_pb2.StartAnnualReviewsRequest(year=year, page_token=token_),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=120,
            )
            started, already = started + page.started, already + page.already_started
            token_ = page.next_page_token
            if not token_:
                return started, already

    first = await start_all()
    assert first[0] >= 1
    again = await start_all()
    assert again[0] == 0 and again[1] == first[0] + first[1]

    workflow_id = f"annual-review/{reviewed.id}/{year}"
    me = token(advisor, "advisor", team=team)

    async def asking() -> dict[str, Any] | None:
        progress = await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=me)
        found: dict[str, Any] = progress.json()
        return found if progress.status_code == 200 and found["tasks"] else None

    staff = await eventually(asking, "the review to ask the advisor", seconds=10)
    assert staff["tasks"][0]["task_id"] == "book-meeting"
    assert staff["tasks"][0]["assignee_user"] == advisor
    client_view = (
        await gateway.get(
            f"/v1/processes/{workflow_id}/progress", params={"view": "client"}, headers=me
        )
    ).json()
    assert [s["detail"] for s in client_view["steps"] if s["event"] == "step"] == [
        "review meeting being booked"
    ]
    assert client_view["tasks"][0]["assignee_user"] == "" and client_view["waiting_on"] == ""
    growth_review = await gateway.get(f"/v1/processes/annual-review/{growth.id}/{year}", headers=me)
    assert growth_review.status_code == 404  # a GROWTH client has no annual review

    await invitation_and_answer(gateway, stack, engine, smtp_sink, me, workflow_id, client_mail)
    cancelled = await gateway.post(
        f"/v1/processes/{workflow_id}/cancel",
        headers=token("mgr-r", "manager", team=team),
        json={"reason": "test over"},
    )
    assert cancelled.status_code == 200, cancelled.text


async def invitation_and_answer(
    gateway: httpx.AsyncClient,
    stack: Stack,
    engine: AsyncEngine,
    sink: SmtpSink,
    me: dict[str, str],
    workflow_id: str,
    client_mail: str,
) -> None:
    tasks = (await gateway.get("/v1/tasks", headers=me)).json()["items"]
    [book] = [t for t in tasks if t["workflow_id"] == workflow_id]
    done = await gateway.post(
        f"/v1/tasks/{book['id']}/complete",
        headers=me,
        json={"outcome": "booked", "form": {"meeting_on": "2031-01-20", "meeting_time": "10:30"}},
    )
    assert done.status_code == 200, done.text

    async def invited() -> Any:
        mails = sink.to(client_mail)
        return mails[0] if mails else None

    mail = await eventually(invited, "the invitation e-mail", seconds=30)
    [part] = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST" and part.get_filename().endswith(".ics")
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    [event] = calendar.walk("VEVENT")
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == f"{workflow_id}@clientflow"
    starts = event.decoded("dtstart")
    assert (starts.hour, starts.minute, str(starts.tzinfo)) == (10, 30, "Asia/Shanghai")

    answer = icalendar.Calendar()
    answer.add("prodid", "-//Example Mail//EN")
    answer.add("version", "2.0")
    answer.add("method", "REPLY")
    reply_event = icalendar.Event()
    reply_event.add("uid", str(event["uid"]))
    attendee = icalendar.vCalAddress(f"mailto:{client_mail}")
    attendee.params["partstat"] = icalendar.vText("ACCEPTED")
    reply_event.add("attendee", attendee)
    reply_event.add("dtstamp", starts)
    answer.add_component(reply_event)
    message = EmailMessage()
    message["From"] = client_mail
    message["To"] = "advisor@firm.example"
    message["Subject"] = "Accepted: annual strategy review"
    message["Message-ID"] = f"<accept-{uuid.uuid4().hex}@example.com>"
    message.set_content("Accepted")
    message.add_attachment(
        answer.to_ical(), maintype="text", subtype="calendar", params={"method": "REPLY"}
    )
    port = free_port()
    dropbox = Dropbox(engine, "127.0.0.1", port, stack.services.reporting)
    dropbox.start()
    try:
        await aiosmtplib.send(message, hostname="127.0.0.1", port=port)
    finally:
        dropbox.stop()

    async def answered() -> bool:
        progress = await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=me)
        notes = [s["detail"] for s in progress.json()["steps"]]
        return "the client answered the meeting invitation: accepted" in notes

    await eventually(answered, "the answer in the review's progress", seconds=30)
