"""Trigger events: stored once by id (a repeat with other content is refused), then
evaluated against the enabled rules of their type exactly once, under the event row's lock.
Change events come in batches from the clients service's outbox relay (`publish_batch`)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from clientflow.clients.v1 import clients_pb2

from services.common.errors import (
    AlreadyExists,
    ClientflowError,
    ErrorCode,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.common.locks import KeyLocks
from services.workflows.service.automation.changes import (
    MAX_DEPTH,
    RuleIndex,
    cause_of,
    change_facts,
    rule_actor_id,
)
from services.workflows.service.automation.data_actions import DataActions
from services.workflows.service.conditions import (
    ConditionError,
    client_facts,
    compile_condition,
    evaluate,
)
from services.workflows.service.models import Event, Rule
from services.workflows.service.repository import EventRepository, RuleRepository
from services.workflows.service.rule_actions import Firing
from services.workflows.service.rules import EVENT_TYPE, period_key
from services.workflows.service.task_replies import TaskReplies

log = logging.getLogger(__name__)

EVENT_LOCKS = KeyLocks()
MAX_PAYLOAD_BYTES = 64 * 1024
MAX_BATCH = 500


def check_event(event_id: str, event_type: str, client_id: str, payload: dict[str, Any]) -> None:
    if not event_id or len(event_id) > 200:
        raise InvalidArgument("event_id", event_id, "must be 1-200 characters")
    if not EVENT_TYPE.match(event_type):
        raise InvalidArgument("type", event_type, "must look like client.activity")
    parse_id("client_id", client_id, "a client id")
    if len(json.dumps(payload)) > MAX_PAYLOAD_BYTES:
        raise InvalidArgument("payload", "(large)", f"must be at most {MAX_PAYLOAD_BYTES} bytes")


class EventIntake(DataActions):
    async def publish(
        self,
        actor: Actor,
        *,
        event_id: str,
        event_type: str,
        client_id: str,
        occurred_at: datetime | None,
        payload: dict[str, Any],
    ) -> tuple[Event, bool]:
        """Store the event once and run its rules; a repeat returns the stored result."""
        if not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("publishing events needs the service or admin role")
        check_event(event_id, event_type, client_id, payload)
        # Duplicates in this process wait here without holding a connection; the row
        # lock below does the same across processes.
        async with EVENT_LOCKS.get(event_id):
            return await self._publish_once(
                actor, event_id, event_type, client_id, occurred_at, payload
            )

    async def _publish_once(
        self,
        actor: Actor,
        event_id: str,
        event_type: str,
        client_id: str,
        occurred_at: datetime | None,
        payload: dict[str, Any],
    ) -> tuple[Event, bool]:
        # The client is read first: its rules are evaluated against it, and an event about a
        # client that does not exist is refused (nothing stored), so it can be published
        # again once the client is there. A stored event is answered even if its client has
        # gone since.
        events = EventRepository(self.session)
        client: clients_pb2.Client | None = None
        try:
            client = await self.client(client_id)
        except NotFound:
            if await events.get(event_id) is None:
                raise NotFound(
                    f"client {client_id} not found", field="client_id", value=client_id
                ) from None
        now = datetime.now(UTC)
        replayed = await events.insert_once(
            {
                "event_id": event_id,
                "type": event_type,
                "client_id": client_id,
                "occurred_at": occurred_at or now,
                "received_at": now,
                "payload": payload,
                "published_by": actor.user_id,
                "firings": None,
            }
        )
        await self.session.commit()  # the event is kept even if evaluation is cut short
        # Claim the event: concurrent publishes of one id wait here, and only the first to
        # find it unevaluated runs the rules.
        event = await events.claim(event_id)
        assert event is not None
        if replayed:
            _same_event(event, event_type, client_id, occurred_at, payload)
        if event.firings is not None:
            return event, replayed
        firings = await self._fire(event, client)
        if event.type == "record.changed":
            await self.wake_record_waits(client_id, payload)
        event.firings = [firing.__dict__ for firing in firings]
        await self.session.flush()
        return event, replayed

    async def get_event(self, actor: Actor, event_id: str) -> Event:
        """An event, for services and admins, and for whoever may see the event's client
        (anyone else: NOT_FOUND, as if it did not exist)."""
        missing = NotFound(f"event {event_id} not found", field="event_id", value=event_id)
        event = await EventRepository(self.session).get(event_id)
        if event is None:
            raise missing
        if not actor.has(Role.SERVICE, Role.ADMIN):
            try:
                await self.client(event.client_id, actor)
            except NotFound:
                raise missing from None
        return event

    async def publish_batch(self, actor: Actor, events: list[dict[str, Any]]) -> dict[str, int]:
        """Store a relayed batch (each event once by id), then run the rules of the events
        that have candidate rules and no firings yet, in the batch's order."""
        if not actor.has(Role.SERVICE):
            raise PermissionDenied("relaying change events needs the service role")
        if len(events) > MAX_BATCH:
            raise InvalidArgument("events", len(events), f"at most {MAX_BATCH} per batch")
        for item in events:
            check_event(item["event_id"], item["type"], item["client_id"], item["payload"])
        index = RuleIndex(await self.enabled_rules("event"))
        repository = EventRepository(self.session)
        now = datetime.now(UTC)
        counts = {"stored": 0, "replayed": 0, "evaluated": 0}
        pending, changed = [], {}
        for item in events:
            candidates = index.candidates(item["type"], item["payload"])
            replayed = await repository.insert_once(
                {
                    **item,
                    "occurred_at": item["occurred_at"] or now,
                    "received_at": now,
                    "published_by": actor.user_id,
                    "firings": None if candidates else [],
                }
            )
            counts["replayed" if replayed else "stored"] += 1
            if item["type"] == "record.changed" and not replayed:
                changed[(item["client_id"], str(item["payload"].get("record_id")))] = item
            if candidates:
                pending.append(item["event_id"])
        await self.session.commit()
        for event_id in pending:
            event = await repository.claim(event_id)
            if event is not None and event.firings is None:
                firings = await self._fire(event, None, index)
                event.firings = [firing.__dict__ for firing in firings]
                counts["evaluated"] += 1
            await self.session.commit()
        for item in changed.values():
            await self.wake_record_waits(item["client_id"], item["payload"])
        for item in events:
            if item["type"] == "mail.reply":  # idempotent: a replayed one changes nothing
                await self._reply_reaches_task(item)
            elif item["type"] == "meeting.reply":  # the process notes the latest answer
                await self.answer_meeting(item["client_id"], item["payload"])
        return counts

    async def _reply_reaches_task(self, item: dict[str, Any]) -> None:
        """Best effort for what cannot succeed (the client is gone): logged, the batch goes
        on. What may succeed later (a service away) fails the batch, which the relay sends
        again — and a reply already kept is not kept twice."""
        try:
            client = await self.client(item["client_id"])
            await TaskReplies(self.session, self.notifications).receive(
                item["client_id"],
                item["payload"],
                advisor_id=client.advisor_id,
                client_name=client.name,
            )
        except ClientflowError as error:
            if error.code is ErrorCode.UNAVAILABLE:
                raise
            log.warning("reply %s reached no task: %s", item["event_id"], error.message)

    async def fire_stored(self, event: Event) -> list[Firing]:
        """Evaluate a stored event that has no firings (the pending-events loop)."""
        return await self._fire(event, None)

    async def _fire(
        self, event: Event, client: clients_pb2.Client | None, index: RuleIndex | None = None
    ) -> list[Firing]:
        """Run the event's rules against `client` (read here when the publish that stored
        the event did not: a repeat finishing an evaluation cut short)."""
        if index is None:
            index = RuleIndex(await self.enabled_rules("event", event.type))
        rules = index.candidates(event.type, event.payload or {})
        if not rules:
            return []
        if client is None:
            try:
                client = await self.client(event.client_id)
            except ClientflowError as error:
                return [Firing(str(r.id), r.name, "error", detail=error.message) for r in rules]
        facts = client_facts(client)
        facts_event = {
            "type": event.type,
            "client_id": event.client_id,
            "occurred_at": event.occurred_at.isoformat(),
            "payload": event.payload,
        }
        changed_by, depth = cause_of(event.payload or {})
        firings = []
        for rule in rules:
            skipped = _skipped(rule, client, changed_by, depth)
            if skipped:
                firings.append(Firing(str(rule.id), rule.name, "not_matched", detail=skipped))
                continue
            try:
                matched = evaluate(
                    compile_condition(rule.condition),
                    {**facts_event, **change_facts(rule, event.payload or {})},
                    facts,
                )
            except (ConditionError, ClientflowError) as error:
                detail = str(error)[:300]
                firings.append(Firing(str(rule.id), rule.name, "error", detail=detail))
                await RuleRepository(self.session).record_error(
                    rule.id, f"event {event.event_id}: {detail}"
                )
                continue
            if not matched:
                firings.append(Firing(str(rule.id), rule.name, "not_matched"))
                continue
            key = period_key(rule.period, event.occurred_at, event.event_id)
            firings.extend(await self.apply_rule(rule, client, event, key, depth))
        return firings


def _skipped(rule: Rule, client: clients_pb2.Client, changed_by: str, depth: int) -> str:
    """Why a candidate rule does not answer this event ("" when it does): its own change,
    a chain of rules at its depth limit, or a client outside the rule's team."""
    if changed_by == rule_actor_id(rule):
        return "its own change"
    if depth >= MAX_DEPTH:
        return f"a chain of rules {depth} deep stops here"
    if rule.team_id and client.team_id != rule.team_id:
        return f"the client is outside team {rule.team_id}"
    return ""


def _same_event(
    stored: Event,
    event_type: str,
    client_id: str,
    occurred_at: datetime | None,
    payload: dict[str, Any],
) -> None:
    """A repeated event id must carry the same event; otherwise a 409 naming what differs."""
    differs = [
        name
        for name, same in (
            ("type", stored.type == event_type),
            ("client_id", stored.client_id == client_id),
            ("occurred_at", occurred_at is None or stored.occurred_at == occurred_at),
            ("payload", (stored.payload or {}) == payload),
        )
        if not same
    ]
    if differs:
        raise AlreadyExists(
            f"event_id={stored.event_id!r} was already published with another "
            + ", ".join(differs),
            field="event_id",
            value=stored.event_id,
        )
