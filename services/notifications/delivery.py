"""Sending: exactly one delivery per idempotency key, with consent, quiet hours, frequency
caps, retries and a dead-letter list.

How "exactly one" holds:

- The ledger row is unique per key. Work on a key happens under a lock: an asyncio lock per
  key inside the process (so 20 concurrent duplicates wait without holding 20 database
  connections) and a PostgreSQL session-level advisory lock across processes. A crashed
  process's connection closes and releases its lock; nothing ever waits on a dead holder.
- The rendered message is frozen in the row when it is accepted; a retry sends exactly that.
- Before calling a provider the row is committed as ``sending``. Whoever next takes the lock
  and finds ``sending`` knows the previous sender died mid-call: the in-app inbox (written
  in the same transaction as ``sent``) is checked directly; an HTTP provider that drops
  repeated Idempotency-Keys is called again; an e-mail is marked failed ``in_doubt`` for an
  operator instead of risking a second copy (SMTP cannot be asked whether it got one).
- The provider call and its recording run in a task shielded from the caller's
  cancellation, so a gRPC deadline cannot cut a send between the provider and the ledger.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from opentelemetry import metrics, trace
from opentelemetry.instrumentation.utils import suppress_instrumentation
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.common.config import NotificationsSettings
from services.common.errors import (
    AlreadyExists,
    ClientflowError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor
from services.common.ids import parse_id
from services.common.locks import KeyLocks
from services.common.pagination import encode_cursor, page_size, parse_cursor
from services.notifications import access
from services.notifications.channels.base import (
    Attachment,
    Channel,
    OutboundMessage,
    PermanentFailure,
    TransientFailure,
)
from services.notifications.channels.registry import SETTING_OF
from services.notifications.models import (
    CATEGORIES,
    CHANNELS,
    LOCALES,
    PRIORITIES,
    STATUSES,
    Delivery,
    DeliveryAttempt,
)
from services.notifications.policy import QuietHours, backoff, zone_or_none
from services.notifications.repository import (
    ConsentRepository,
    DeliveryRepository,
    InboxRepository,
    lock_key,
    unlock_key,
)
from services.notifications.service import TemplateService, require_actor
from services.notifications.templates import RENDERER, Content, render_bounded

TRACER = trace.get_tracer("clientflow.notifications")
log = logging.getLogger(__name__)
T = TypeVar("T")
meter = metrics.get_meter("clientflow.notifications")
DELIVERY_OUTCOMES = meter.create_counter(
    "clientflow.notifications.deliveries",
    description="Deliveries reaching a status, by status, channel and category",
)
ATTEMPT_SECONDS = meter.create_histogram(
    "clientflow.notifications.attempt.duration", unit="s", description="Provider call duration"
)

MAX_ATTACHMENTS = 10
# Quiet hours of a client without a time zone on record.
DEFAULT_TIMEZONE = "Asia/Shanghai"
# A "sending" row older than this had its sender die (no provider call takes so long).
STALE_SENDING = timedelta(minutes=2)


@dataclass(frozen=True)
class SendSpec:
    """A validated send request."""

    idempotency_key: str
    template_key: str
    variables: dict[str, Any]
    category: str
    priority: str
    workflow_id: str
    channel: str
    attachment_ids: tuple[str, ...]
    client_id: uuid.UUID | None = None
    user_id: str | None = None
    address_channel: str = ""
    address_value: str = ""
    address_name: str = ""
    address_locale: str = ""
    address_timezone: str = ""
    request_hash: str = ""


def _settled_later(task: asyncio.Future[Outcome]) -> None:
    """An attempt the caller stopped waiting for: its failure is logged, not lost."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("a send finished after its caller stopped waiting: %s", task.exception())


@dataclass
class Outcome:
    delivery: Delivery
    attempts: list[DeliveryAttempt] = field(default_factory=list)
    replayed: bool = False


@dataclass(frozen=True)
class Route:
    """Where and how an accepted message goes."""

    channel: str
    recipient: str
    name: str
    locale: str
    timezone: str
    advisor_id: str | None = None
    team_id: str | None = None
    reason: str = ""  # set when nothing can be sent (suppressed/failed)
    status: str = ""


def request_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class DeliveryEngine:
    """Accepts sends, talks to providers, keeps the ledger, runs the retry dispatcher."""

    def __init__(
        self,
        engine: AsyncEngine,
        settings: NotificationsSettings,
        channels: dict[str, Channel],  # type: ignore[type-arg]
        clients: clients_pb2_grpc.ClientsServiceStub | None,
        reporting: reporting_pb2_grpc.ReportingServiceStub | None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.channels = channels
        self.clients = clients
        self.reporting = reporting
        self.clock = clock
        self.quiet_hours = QuietHours.parse(settings.quiet_hours)
        self.fallback = [c.strip() for c in settings.channel_fallback.split(",") if c.strip()]
        self.locks = KeyLocks()
        self._dispatcher: asyncio.Task[None] | None = None
        self._inflight: set[asyncio.Task[Any]] = set()

    # -- the public operations ---------------------------------------------------------

    async def send(self, actor: Actor | None, spec: SendSpec) -> Outcome:
        """Accept (or find) the delivery of `spec.idempotency_key` and try it once now."""
        actor = require_actor(actor)
        access.require_sender(actor)
        if spec.client_id is None and spec.user_id is None:
            access.require_address_sender(actor)
        attempt = asyncio.ensure_future(self._shielded(self._send_locked(actor, spec)))
        while True:
            done, _ = await asyncio.wait({attempt}, timeout=self.settings.send_wait_seconds)
            if done:
                return attempt.result()
            # The provider is slow. Once the ledger holds the delivery, answer with it as it
            # stands; the attempt goes on (and the dispatcher after it, if need be).
            async with self._session() as session:
                delivery = await DeliveryRepository(session).by_key(spec.idempotency_key)
            if delivery is not None and delivery.status in ("accepted", "sending"):
                attempt.add_done_callback(_settled_later)
                return Outcome(delivery)

    async def get(self, actor: Actor | None, delivery_id: str) -> Outcome:
        key = parse_id("id", delivery_id, "a delivery id")
        async with self._session() as session:
            delivery = await DeliveryRepository(session).get(key)
            if delivery is None or not await self._may_see(actor, delivery):
                raise NotFound(f"delivery {delivery_id} not found", field="id", value=delivery_id)
            return await self._outcome(session, delivery)

    async def retry(self, actor: Actor | None, delivery_id: str) -> Outcome:
        """An operator sends a failed delivery again (a new round of attempts)."""
        actor = require_actor(actor)
        access.require_retrier(actor)
        key = parse_id("id", delivery_id, "a delivery id")
        async with self._session() as session:
            delivery = await DeliveryRepository(session).get(key)
            if delivery is None or not await self._may_see(actor, delivery):
                raise NotFound(f"delivery {delivery_id} not found", field="id", value=delivery_id)
            idempotency_key = delivery.idempotency_key
        return await self._shielded(self._retry_locked(actor, idempotency_key))

    async def list(
        self,
        actor: Actor | None,
        *,
        client_id: str,
        workflow_id: str,
        status: str,
        size: int,
        token: str,
    ) -> tuple[list[Delivery], str]:
        """A page of the ledger, newest first; status=failed is the dead-letter list."""
        if status and status not in STATUSES:
            raise InvalidArgument("status", status, f"must be one of {', '.join(STATUSES)}")
        actor = require_actor(actor)
        client: uuid.UUID | None = None
        scope = None
        if client_id:
            # Everything about a client one may see, whoever sent it.
            await self.client(actor, client_id)
            client = uuid.UUID(client_id)
        else:
            scope = access.LedgerScope.of(actor).condition()
        limit = page_size(size)
        after = parse_cursor(token, lambda c: (datetime.fromisoformat(c[0]), uuid.UUID(c[1])))
        async with self._session() as session:
            rows = await DeliveryRepository(session).page(
                scope=scope,
                client_ids=None if client is None else [client],
                workflow_id=workflow_id or None,
                status=status or None,
                limit=limit + 1,
                after=after,
            )
        next_token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            next_token = encode_cursor([rows[-1].created_at.isoformat(), str(rows[-1].id)])
        return rows, next_token

    async def client(self, actor: Actor, client_id: str) -> clients_pb2.Client:
        """The client record as `actor` may see it (another advisor's client: NOT_FOUND)."""
        parse_id("client_id", client_id, "a client id")
        if self.clients is None:
            raise FailedPrecondition("the clients service is not configured")
        try:
            reply: clients_pb2.Client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id),
                metadata=actor.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if isinstance(failure, NotFound):
                raise NotFound(
                    f"client {client_id} not found", field="client_id", value=client_id
                ) from None
            raise failure from None
        return reply

    # -- the dispatcher ----------------------------------------------------------------

    def start(self) -> None:
        if self._dispatcher is None:
            self._dispatcher = asyncio.create_task(self._dispatch_forever(), name="dispatcher")

    async def stop(self) -> None:
        if self._dispatcher is not None:
            self._dispatcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._dispatcher
            self._dispatcher = None
        if self._inflight:
            await asyncio.wait(self._inflight, timeout=self.settings.grpc_grace_seconds + 5)
        for channel in self.channels.values():
            await channel.close()
        RENDERER.close()

    async def dispatch_due(self) -> int:
        """One pass: attempt every due deferred/retrying delivery and settle abandoned sends.
        Returns how many were handled here (others may be held by another replica)."""
        now = self.clock()
        # The poll itself makes no spans (an idle dispatcher would fill the traces with a
        # query a second); each delivery it picks up is one trace of its own.
        with suppress_instrumentation():
            async with self._session() as session:
                keys = await DeliveryRepository(session).due(
                    now, stale_before=now - STALE_SENDING, limit=100
                )
        handled = 0
        for key in keys:
            with TRACER.start_as_current_span("notifications.dispatch"):
                if await self._shielded(self._dispatch_one(key)):
                    handled += 1
        return handled

    async def _dispatch_forever(self) -> None:
        while True:
            try:
                await self.dispatch_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("notification dispatcher pass failed")
            await asyncio.sleep(self.settings.dispatch_interval_seconds)

    # -- under the key's lock ------------------------------------------------------------

    async def _send_locked(self, actor: Actor, spec: SendSpec) -> Outcome:
        async with self._key_lock(spec.idempotency_key, wait=True) as session:
            assert session is not None
            repository = DeliveryRepository(session)
            delivery = await repository.by_key(spec.idempotency_key)
            if delivery is not None:
                await self._replayable(actor, delivery, spec)
                await self._resume(session, delivery)
                return Outcome(delivery, replayed=True)
            # Route and render first: a bad request fails here and writes nothing.
            delivery = await self._accept(session, await self._prepare(session, actor, spec))
            if delivery.status in ("accepted", "sending"):
                await self._attempt(session, delivery, marked=delivery.status == "sending")
            return Outcome(delivery)

    async def _retry_locked(self, actor: Actor, key: str) -> Outcome:
        async with self._key_lock(key, wait=True) as session:
            assert session is not None
            delivery = await DeliveryRepository(session).by_key(key)
            assert delivery is not None
            if delivery.status != "failed":
                raise FailedPrecondition(
                    f"delivery {delivery.id} is {delivery.status}; only failed deliveries can"
                    " be retried",
                    field="id",
                    value=str(delivery.id),
                )
            if delivery.client_id is not None and (
                delivery.reason.startswith("no_channel")
                or delivery.channel not in self.channels
                or not delivery.recipient
            ):
                # Nowhere to send it when accepted: route again (the client may have an
                # address now, or the channel may be configured).
                route = await self._route(session, actor, _reroute_spec(delivery))
                if route.status:
                    delivery.reason = route.reason
                    delivery.updated_at = self.clock()
                    await session.commit()
                    return await self._outcome(session, delivery)
                delivery.channel, delivery.recipient = route.channel, route.recipient
                delivery.recipient_name = route.name or delivery.recipient_name
            delivery.status = "accepted"
            delivery.reason = f"retry requested by {actor.user_id}"
            delivery.round_attempts = 0
            delivery.next_attempt_at = self.clock()
            delivery.updated_at = self.clock()
            await session.commit()
            self._count(delivery)
            await self._attempt(session, delivery)
            return await self._outcome(session, delivery)

    async def _dispatch_one(self, key: str) -> bool:
        async with self._key_lock(key, wait=False) as session:
            if session is None:
                return False
            delivery = await DeliveryRepository(session).by_key(key)
            if delivery is None:
                return False
            await self._resume(session, delivery)
            return True

    async def _resume(self, session: AsyncSession, delivery: Delivery) -> None:
        """Carry on with a delivery found under the lock: settle an interrupted send, or
        attempt it if it is due."""
        if delivery.status == "sending":
            await self._settle_interrupted(session, delivery)
        elif delivery.status in ("accepted", "deferred", "retrying"):
            due = delivery.next_attempt_at is None or delivery.next_attempt_at <= self.clock()
            if due:
                await self._attempt(session, delivery)

    async def _settle_interrupted(self, session: AsyncSession, delivery: Delivery) -> None:
        """The last sender died between calling the provider and recording the answer.
        (In-app deliveries never reach this: their inbox row and `sent` share a transaction.)"""
        channel = self.channels.get(delivery.channel)
        if channel is not None and channel.safe_to_repeat:
            await self._attempt(session, delivery)
            return
        await self._finish(
            session,
            delivery,
            "failed",
            "in_doubt: the service stopped while the provider was being called; it may or"
            " may not have been delivered. Check with the recipient before retrying.",
            "",
        )

    # -- accepting -----------------------------------------------------------------------

    async def _prepare(self, session: AsyncSession, actor: Actor, spec: SendSpec) -> Delivery:
        """Route, render and apply consent and quiet hours; nothing is written yet."""
        now = self.clock()
        route = await self._route(session, actor, spec)
        await self._check_attachments(actor, spec)
        template = await TemplateService(session).resolve(spec.template_key, route.locale)
        category = spec.category or template.category
        # `recipient_name` is always there for a template to greet with (the call may
        # override it).
        rendered = await render_bounded(
            Content(template.subject, template.body_text, template.body_html),
            {"recipient_name": route.name, **spec.variables},
        )
        delivery = Delivery(
            id=uuid.uuid4(),
            idempotency_key=spec.idempotency_key,
            request_hash=spec.request_hash,
            status="accepted",
            reason="",
            channel=route.channel,
            recipient=route.recipient,
            recipient_name=route.name,
            client_id=spec.client_id,
            user_id=spec.user_id,
            advisor_id=route.advisor_id,
            team_id=route.team_id,
            workflow_id=spec.workflow_id or None,
            template_key=template.key,
            template_version=template.version,
            locale=template.locale,
            category=category,
            priority=spec.priority,
            subject=rendered.subject,
            body_text=rendered.body_text,
            body_html=rendered.body_html,
            attachment_ids=list(spec.attachment_ids),
            attempt_count=0,
            round_attempts=0,
            next_attempt_at=now,
            provider_message_id="",
            created_by=actor.user_id,
            created_at=now,
            updated_at=now,
        )
        if route.status:
            delivery.status, delivery.reason = route.status, route.reason
            delivery.next_attempt_at = None
            return delivery
        if self.quiet_hours is not None and spec.priority != "urgent" and route.channel != "in_app":
            window_end = self.quiet_hours.next_allowed(now, route.timezone)
            if window_end is not None:
                delivery.status = "deferred"
                delivery.reason = (
                    f"quiet_hours: {self.settings.quiet_hours} in {route.timezone}; sends at"
                    f" {window_end.isoformat()}"
                )
                delivery.next_attempt_at = window_end.astimezone(UTC)
        return delivery

    async def _accept(self, session: AsyncSession, delivery: Delivery) -> Delivery:
        """Insert the ledger row, applying the frequency cap atomically."""
        repository = DeliveryRepository(session)
        cap = self._cap(delivery.category)
        if delivery.client_id is not None and cap and delivery.status in ("accepted", "deferred"):
            await repository.lock_cap(delivery.client_id, delivery.category)
            window = timedelta(hours=self.settings.cap_window_hours)
            recent = await repository.count_recent(
                delivery.client_id, delivery.category, self.clock() - window
            )
            if recent >= cap:
                delivery.status = "suppressed"
                delivery.reason = (
                    f"frequency_cap: {recent} {delivery.category} messages to this client in the"
                    f" last {self.settings.cap_window_hours} h (cap {cap})"
                )
                delivery.next_attempt_at = None
        if delivery.status == "accepted" and delivery.channel != "in_app":
            # Inserted as `sending`: one commit instead of two before the provider call.
            self._mark_sending(delivery)
        await repository.insert(delivery)
        await session.commit()
        self._count(delivery)
        return delivery

    def _cap(self, category: str) -> int:
        return self.settings.marketing_cap if category == "marketing" else self.settings.service_cap

    async def _route(self, session: AsyncSession, actor: Actor, spec: SendSpec) -> Route:
        if spec.user_id is not None:
            return Route("in_app", spec.user_id, spec.user_id, "zh-CN", "")
        if spec.client_id is None:
            channel = spec.address_channel
            route = Route(
                channel,
                spec.address_value,
                spec.address_name,
                spec.address_locale or LOCALES[0],
                spec.address_timezone,
            )
            if channel not in self.channels:
                reason = f"no_channel: {channel} is not configured (set {SETTING_OF[channel]})"
                return replace(route, status="failed", reason=reason)
            return route
        client = await self.client(actor, str(spec.client_id))
        addresses = {"email": client.email, "sms": client.phone, "wecom": client.wecom_id}
        preferred = "sms" if client.preferred_channel == "phone" else client.preferred_channel
        order = [spec.channel] if spec.channel else [preferred, *self.fallback]
        candidates = []
        for name in order:
            if name in addresses and addresses[name] and name not in candidates:
                candidates.append(name)
        configured = [name for name in candidates if name in self.channels]
        locale = client.locale if client.locale in LOCALES else LOCALES[0]
        timezone = client.timezone or DEFAULT_TIMEZONE
        base: dict[str, Any] = {
            "name": client.name,
            "locale": locale,
            "timezone": timezone,
            "team_id": client.team_id or None,
        }
        if not configured:
            wanted = spec.channel or ", ".join(candidates) or "any channel"
            reason = (
                f"no_channel: the client has no address for {wanted}"
                if not candidates
                else f"no_channel: {wanted} not configured on this deployment"
            )
            return Route(
                spec.channel or preferred or "",
                "",
                advisor_id=client.advisor_id,
                status="failed",
                reason=reason,
                **base,
            )
        category = spec.category or "service"
        refused: set[str] = set()
        if category == "marketing":
            refused = await ConsentRepository(session).opted_out(spec.client_id, category)
        allowed = [name for name in configured if name not in refused]
        if not allowed:
            return Route(
                configured[0],
                addresses[configured[0]],
                advisor_id=client.advisor_id,
                status="suppressed",
                reason=f"opted_out: the client refused {category} messages by "
                + ", ".join(configured),
                **base,
            )
        chosen = allowed[0]
        return Route(chosen, addresses[chosen], advisor_id=client.advisor_id, **base)

    # -- attempting ----------------------------------------------------------------------

    async def _attempt(
        self, session: AsyncSession, delivery: Delivery, *, marked: bool = False
    ) -> None:
        """One provider call, recorded. The caller holds the key's lock. `marked`: the row
        was committed as `sending` already (a new delivery, inserted that way)."""
        if marked:
            await self._call_provider(session, delivery, delivery.attempt_count)
            return
        if delivery.client_id is not None and delivery.category == "marketing":
            refused = await ConsentRepository(session).opted_out(
                delivery.client_id, delivery.category
            )
            if delivery.channel in refused:
                await self._finish(
                    session,
                    delivery,
                    "suppressed",
                    f"opted_out: the client refused marketing by {delivery.channel} before"
                    " it was sent",
                    "",
                )
                return
        started = self.clock()
        number = delivery.attempt_count + 1
        if delivery.channel == "in_app":
            await InboxRepository(session).add_for_delivery(
                delivery.id, delivery.recipient, delivery.subject, delivery.body_text
            )
            delivery.attempt_count = number
            delivery.round_attempts += 1
            await self._record(session, delivery, number, "sent", "inbox", started, 0.0)
            await self._finish(session, delivery, "sent", "", "")
            return
        self._mark_sending(delivery)
        await session.commit()  # from here on a crash leaves "sending" for the next holder
        await self._call_provider(session, delivery, number)

    def _mark_sending(self, delivery: Delivery) -> None:
        delivery.status = "sending"
        delivery.updated_at = self.clock()
        delivery.attempt_count += 1
        delivery.round_attempts += 1

    async def _call_provider(self, session: AsyncSession, delivery: Delivery, number: int) -> None:
        channel = self.channels.get(delivery.channel)
        started = self.clock()
        began = time.perf_counter()
        try:
            if channel is None and not delivery.channel:
                raise PermanentFailure(
                    "no_channel: the recipient has no address on any configured channel"
                )
            if channel is None:
                raise PermanentFailure(
                    f"no_channel: channel {delivery.channel} is not configured (set"
                    f" {SETTING_OF.get(delivery.channel, 'its settings')})"
                )
            message = await self._message(delivery)
            receipt = await channel.send(message)
        except TransientFailure as error:
            elapsed = time.perf_counter() - began
            await self._record(
                session, delivery, number, "transient_failure", str(error), started, elapsed
            )
            if delivery.round_attempts >= self.settings.retry_max_attempts:
                await self._finish(
                    session,
                    delivery,
                    "failed",
                    f"exhausted: {delivery.round_attempts} attempts; last: {error}",
                    "",
                )
                return
            delay = backoff(
                delivery.round_attempts,
                base=self.settings.retry_base_seconds,
                cap=self.settings.retry_max_seconds,
            )
            delivery.next_attempt_at = self.clock() + timedelta(seconds=delay)
            await self._finish(session, delivery, "retrying", f"transient: {error}", "")
            return
        except PermanentFailure as error:
            elapsed = time.perf_counter() - began
            await self._record(
                session, delivery, number, "permanent_failure", str(error), started, elapsed
            )
            await self._finish(session, delivery, "failed", f"permanent: {error}", "")
            return
        elapsed = time.perf_counter() - began
        await self._record(session, delivery, number, "sent", receipt.response, started, elapsed)
        await self._finish(session, delivery, "sent", "", receipt.message_id)

    async def _record(
        self,
        session: AsyncSession,
        delivery: Delivery,
        number: int,
        outcome: str,
        response: str,
        started: datetime,
        elapsed: float,
    ) -> None:
        await DeliveryRepository(session).add_attempt(
            DeliveryAttempt(
                delivery_id=delivery.id,
                number=number,
                outcome=outcome,
                provider_response=response[:2000],
                started_at=started,
                duration_ms=int(elapsed * 1000),
            )
        )
        ATTEMPT_SECONDS.record(elapsed, {"channel": delivery.channel, "outcome": outcome})

    async def _finish(
        self,
        session: AsyncSession,
        delivery: Delivery,
        status: str,
        reason: str,
        provider_message_id: str,
    ) -> None:
        delivery.status = status
        delivery.reason = reason
        delivery.updated_at = self.clock()
        if status == "sent":
            delivery.sent_at = self.clock()
            delivery.next_attempt_at = None
            if provider_message_id:
                delivery.provider_message_id = provider_message_id[:300]
        elif status in ("failed", "suppressed"):
            delivery.next_attempt_at = None
        await session.commit()
        self._count(delivery)
        if status == "failed":
            log.warning(
                "delivery failed",
                extra={"delivery_id": str(delivery.id), "reason": reason[:200]},
            )

    async def _message(self, delivery: Delivery) -> OutboundMessage:
        attachments = tuple([await self._attachment(a) for a in delivery.attachment_ids])
        return OutboundMessage(
            delivery_id=str(delivery.id),
            idempotency_key=delivery.idempotency_key,
            channel=delivery.channel,
            recipient=delivery.recipient,
            recipient_name=delivery.recipient_name,
            subject=delivery.subject,
            body_text=delivery.body_text,
            body_html=delivery.body_html,
            locale=delivery.locale,
            category=delivery.category,
            client_id=str(delivery.client_id or ""),
            workflow_id=delivery.workflow_id or "",
            attachments=attachments,
        )

    async def _check_attachments(self, actor: Actor, spec: SendSpec) -> None:
        """Attachments are read with the sender's identity when the message is accepted (an
        artifact they cannot see is NOT_FOUND), and unless the sender may override, each must
        be the recipient client's own."""
        if not spec.attachment_ids:
            return
        if self.reporting is None:
            raise FailedPrecondition("attachments need the reporting service")
        for index, artifact_id in enumerate(spec.attachment_ids):
            field = f"attachment_artifact_ids[{index}]"
            try:
                artifact = await self.reporting.GetArtifact(
                    reporting_pb2.GetArtifactRequest(id=artifact_id),
                    metadata=actor.to_metadata(),
                    timeout=10,
                )
            except grpc.RpcError as error:
                failure = from_rpc_error(error)
                if isinstance(failure, NotFound | InvalidArgument | PermissionDenied):
                    raise NotFound(
                        f"artifact {artifact_id} not found", field=field, value=artifact_id
                    ) from None
                raise failure from None
            if access.may_override(actor):
                continue
            if spec.client_id is None or artifact.client_id != str(spec.client_id):
                raise PermissionDenied(
                    f"{field}: only the recipient client's own reports may be attached"
                )

    async def _attachment(self, artifact_id: str) -> Attachment:
        if self.reporting is None:
            raise PermanentFailure("attachments need the reporting service")
        try:
            artifact = await self.reporting.GetArtifact(
                reporting_pb2.GetArtifactRequest(id=artifact_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
            content = await self.reporting.ReadArtifactContent(
                reporting_pb2.ReadArtifactContentRequest(id=artifact_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=30,
            )
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if isinstance(failure, NotFound | InvalidArgument):
                raise PermanentFailure(f"attachment {artifact_id}: {failure.message}") from None
            raise TransientFailure(f"attachment {artifact_id}: {failure.message}") from None
        extension = {"application/pdf": ".pdf"}.get(artifact.content_type, "")
        filename = f"{artifact.kind}-{artifact.period or artifact.id}{extension}"
        return Attachment(filename, artifact.content_type, content.content)

    # -- helpers -------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        async with AsyncSession(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.asynccontextmanager
    async def _key_lock(self, key: str, *, wait: bool) -> AsyncIterator[AsyncSession | None]:
        """The in-process lock, then the database lock, with a session on the lock's
        connection. Yields None when `wait` is off and someone else holds it."""
        local = self.locks.get(key)
        if not wait and local.locked():
            yield None
            return
        async with (
            local,
            self.engine.connect() as connection,
            AsyncSession(bind=connection, expire_on_commit=False) as session,
        ):
            # A session-level lock: it outlives the commits in between, and ends with the
            # connection if this process dies.
            if not await lock_key(session, key, wait=wait):
                await session.rollback()
                yield None
                return
            try:
                yield session
            except BaseException:
                await session.rollback()
                raise
            finally:
                try:
                    await unlock_key(session, key)
                except Exception:
                    # Never return a connection that may still hold the lock to the pool.
                    await connection.invalidate()
                    raise

    async def _shielded(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` to completion even if the caller is cancelled (a gRPC deadline)."""
        task = asyncio.ensure_future(work)
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        return await asyncio.shield(task)

    async def _replayable(self, actor: Actor, delivery: Delivery, spec: SendSpec) -> None:
        """A repeated key returns the first delivery only for the same request, and only to
        a caller who may see that delivery."""
        if not await self._may_see(actor, delivery):
            raise NotFound(
                f"no delivery of idempotency_key={spec.idempotency_key!r} is visible to you",
                field="idempotency_key",
                value=spec.idempotency_key,
            )
        if delivery.request_hash != spec.request_hash:
            raise AlreadyExists(
                f"idempotency_key={spec.idempotency_key!r} was already used for a different"
                f" message (delivery {delivery.id})",
                field="idempotency_key",
                value=spec.idempotency_key,
            )

    async def _may_see(self, actor: Actor | None, delivery: Delivery) -> bool:
        """The ledger scope, or (for a client's message) whoever may see the client now."""
        if actor is None:
            return False
        if access.LedgerScope.of(actor).covers(delivery):
            return True
        if delivery.client_id is not None:
            try:
                await self.client(actor, str(delivery.client_id))
            except ClientflowError:
                return False
            return True
        return False

    async def _outcome(
        self, session: AsyncSession, delivery: Delivery, *, replayed: bool = False
    ) -> Outcome:
        attempts = await DeliveryRepository(session).attempts(delivery.id)
        return Outcome(delivery, attempts, replayed)

    def _count(self, delivery: Delivery) -> None:
        DELIVERY_OUTCOMES.add(
            1,
            {"status": delivery.status, "channel": delivery.channel, "category": delivery.category},
        )


def _reroute_spec(delivery: Delivery) -> SendSpec:
    """What routing needs of an accepted delivery to route it again."""
    return SendSpec(
        idempotency_key=delivery.idempotency_key,
        template_key=delivery.template_key,
        variables={},
        category=delivery.category,
        priority=delivery.priority,
        workflow_id=delivery.workflow_id or "",
        channel="",
        attachment_ids=(),
        client_id=delivery.client_id,
    )


def validate_spec(
    *,
    idempotency_key: str,
    template_key: str,
    category: str,
    priority: str,
    channel: str,
    attachment_ids: list[str],
    workflow_id: str,
    client_id: str | None,
    user_id: str | None,
    address: tuple[str, str, str, str, str] | None,
) -> dict[str, Any]:
    """Check every field of a send, naming the bad one; returns SendSpec keyword args."""
    if not idempotency_key or len(idempotency_key) > 200:
        raise InvalidArgument(
            "idempotency_key",
            idempotency_key,
            "must be 1-200 characters (derive it from the workflow id and step)",
        )
    if not template_key:
        raise InvalidArgument("template_key", template_key, "must name a template")
    if category and category not in CATEGORIES:
        raise InvalidArgument("category", category, f"must be one of {', '.join(CATEGORIES)}")
    priority = priority or "normal"
    if priority not in PRIORITIES:
        raise InvalidArgument("priority", priority, f"must be one of {', '.join(PRIORITIES)}")
    if channel and channel not in ("email", "sms", "wecom"):
        raise InvalidArgument("channel", channel, "must be email, sms or wecom")
    if len(attachment_ids) > MAX_ATTACHMENTS:
        raise InvalidArgument(
            "attachment_artifact_ids", len(attachment_ids), f"at most {MAX_ATTACHMENTS}"
        )
    for index, artifact_id in enumerate(attachment_ids):
        parse_id(f"attachment_artifact_ids[{index}]", artifact_id, "an artifact id")
    if len(workflow_id) > 300:
        raise InvalidArgument("workflow_id", workflow_id[:40], "must be at most 300 characters")
    result: dict[str, Any] = {
        "idempotency_key": idempotency_key,
        "template_key": template_key,
        "category": category,
        "priority": priority,
        "channel": channel,
        "attachment_ids": tuple(attachment_ids),
        "workflow_id": workflow_id,
    }
    if client_id is not None:
        result["client_id"] = parse_id("client_id", client_id, "a client id")
    elif user_id is not None:
        if not user_id or len(user_id) > 64:
            raise InvalidArgument("user_id", user_id, "must be 1-64 characters")
        result["user_id"] = user_id
    elif address is not None:
        kind, value, name, locale, timezone = address
        if kind not in CHANNELS or kind == "in_app":
            raise InvalidArgument(
                "address.channel", kind, "must be one of email, sms, wecom, webhook"
            )
        if not value or len(value) > 320:
            raise InvalidArgument("address.value", value, "must be 1-320 characters")
        if kind == "email" and ("@" not in value or any(c in value for c in " \r\n<>,;")):
            raise InvalidArgument("address.value", value, "is not an e-mail address")
        if locale and locale not in LOCALES:
            raise InvalidArgument("address.locale", locale, f"must be one of {', '.join(LOCALES)}")
        if timezone and zone_or_none(timezone) is None:
            raise InvalidArgument("address.timezone", timezone, "is not an IANA time zone")
        if len(name) > 300:
            raise InvalidArgument("address.name", name[:40], "must be at most 300 characters")
        result.update(
            address_channel=kind,
            address_value=value,
            address_name=name,
            address_locale=locale,
            address_timezone=timezone,
        )
    else:
        raise InvalidArgument("recipient", None, "set exactly one of client_id, address or user_id")
    if channel and client_id is None:
        raise InvalidArgument("channel", channel, "only applies to a client recipient")
    return result
