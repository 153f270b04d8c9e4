"""Each person's calendar: their open tasks (assigned to them or claimed by them) with due
times and the client meetings they logged (the last 30 days and the next 180, from the
clients service), as an iCalendar feed (`icalendar`) a calendar application subscribes to by
URL.

The URL's token names the person and the feed's generation, signed (HMAC-SHA256) under a key
derived from the internal secret: no sign-in, nothing to forge. Rotating the feed bumps the
generation, so a URL that leaked stops working. The feed carries titles and due times only
(no client names, no meeting notes): it leaves the firm's systems for the person's calendar
provider. A clients service that does not answer leaves the meetings out, not the feed.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from icalendar import Calendar, Event
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.common import signed_tokens
from services.common.db import current_session
from services.common.errors import InvalidArgument, PermissionDenied
from services.common.identity import SYSTEM_ACTOR, Actor
from services.common.internal_auth import current_actor
from services.workflows.service.models import Task
from services.workflows.service.webhook_models import CalendarFeed

CONTEXT = b"clientflow calendar feed v1"
MAX_EVENTS = 500
MEETING_LENGTH = timedelta(hours=1)
MEETING_TITLE = "客户会面 · Client meeting"
log = logging.getLogger(__name__)


def make_token(secret: str, user_id: str, generation: int) -> str:
    return signed_tokens.sign(secret, CONTEXT, f"{user_id}:{generation}".encode())


def read_token(secret: str, token: str) -> tuple[str, int]:
    body = signed_tokens.verify(secret, CONTEXT, token)
    try:
        if body is None:
            raise ValueError("not ours")
        user_id, generation = body.decode().rsplit(":", 1)
        return user_id, int(generation)
    except (ValueError, UnicodeDecodeError):
        raise InvalidArgument("token", token[:12], "is not a valid calendar feed") from None


class CalendarFeeds:
    def __init__(
        self,
        session: AsyncSession,
        secret: str,
        clients: clients_pb2_grpc.ClientsServiceStub | None = None,
    ) -> None:
        self.session, self.secret, self.clients = session, secret, clients

    async def rotate(self, actor: Actor) -> str:
        if actor.is_client or not actor.roles:
            raise PermissionDenied("calendar feeds are for staff")
        feed = await self.session.get(CalendarFeed, actor.user_id, with_for_update=True)
        now = datetime.now(UTC)
        if feed is None:
            feed = CalendarFeed(user_id=actor.user_id, generation=1, rotated_at=now)
            self.session.add(feed)
        else:
            feed.generation, feed.rotated_at = feed.generation + 1, now
        await self.session.flush()
        return make_token(self.secret, actor.user_id, feed.generation)

    async def ics(self, token: str) -> str:
        user_id, generation = read_token(self.secret, token)
        feed = await self.session.get(CalendarFeed, user_id)
        if feed is None or feed.generation != generation:
            raise InvalidArgument("token", token[:12], "was rotated away; ask for the new URL")
        tasks = await self.session.scalars(
            select(Task)
            .where(
                or_(Task.assignee_user == user_id, Task.claimed_by == user_id),
                Task.status.in_(("open", "claimed", "escalated")),
                Task.due_at.is_not(None),
            )
            .order_by(Task.due_at)
            .limit(MAX_EVENTS)
        )
        calendar = Calendar()
        calendar.add("prodid", "-//Clientflow//tasks//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", "Clientflow")
        for task in tasks:
            due = task.due_at
            assert due is not None
            event = Event()
            event.add("uid", f"{task.id}@clientflow")
            event.add("dtstamp", datetime.now(UTC))
            event.add("dtstart", due - timedelta(minutes=30))
            event.add("dtend", due)
            event.add("summary", task.title[:200])
            event.add("description", f"{task.process_kind} · {task.workflow_id}")
            calendar.add_component(event)
        for meeting in await self._meetings(user_id):
            starts = meeting.occurred_at.ToDatetime(tzinfo=UTC)
            event = Event()
            event.add("uid", f"meeting-{meeting.id}@clientflow")
            event.add("dtstamp", starts)
            event.add("dtstart", starts)
            event.add("dtend", starts + MEETING_LENGTH)
            event.add("summary", MEETING_TITLE)
            calendar.add_component(event)
        return str(calendar.to_ical().decode())

    async def _meetings(self, user_id: str) -> list[clients_pb2.Interaction]:
        if self.clients is None:
            return []
        now = datetime.now(UTC)
        request = clients_pb2.ListPersonMeetingsRequest(user_id=user_id, limit=MAX_EVENTS)
        request.since.FromDatetime(now - timedelta(days=30))
        request.until.FromDatetime(now + timedelta(days=180))
        try:
            reply = await self.clients.ListPersonMeetings(
                request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=5
            )
        except grpc.RpcError as error:
            log.warning("calendar feed without meetings: %s", error.code())
            return []
        return list(reply.interactions)


class CalendarServicer(workflows_pb2_grpc.CalendarServiceServicer):
    def __init__(
        self, secret: str, clients: clients_pb2_grpc.ClientsServiceStub | None = None
    ) -> None:
        self.secret, self.clients = secret, clients

    async def RotateCalendarFeed(
        self, request: workflows_pb2.RotateCalendarFeedRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.CalendarFeedToken:
        token = await CalendarFeeds(current_session(), self.secret).rotate(current_actor())
        return workflows_pb2.CalendarFeedToken(token=token)

    async def GetCalendarFeed(
        self, request: workflows_pb2.GetCalendarFeedRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.CalendarFeedContent:
        ics = await CalendarFeeds(current_session(), self.secret, self.clients).ics(request.token)
        return workflows_pb2.CalendarFeedContent(ics=ics)
