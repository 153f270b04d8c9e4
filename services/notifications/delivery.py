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
import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.common.artifact_store import artifact_store
from services.common.errors import (
    ClientflowError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.common.pagination import encode_cursor, page_size, parse_cursor
from services.notifications import access
from services.notifications.branding import Signatures
from services.notifications.channels.base import Channel
from services.notifications.client_access import ClientAccess, Known
from services.notifications.dispatcher import Dispatcher
from services.notifications.ledger import Ledger, Outcome
from services.notifications.models import STATUSES, Delivery
from services.notifications.providers import Attachments, Attempts
from services.notifications.repository import DeliveryRepository
from services.notifications.routing import Route, Router
from services.notifications.settings import NotificationsSettings
from services.notifications.spec import SendSpec, request_hash, reroute_spec, validate_spec
from services.notifications.templates import RENDERER

__all__ = [
    "DEFAULT_PARALLELISM",
    "MAX_PARALLELISM",
    "MAX_SENDS",
    "DeliveryEngine",
    "Outcome",
    "Route",
    "SendSpec",
    "request_hash",
    "validate_spec",
]

log = logging.getLogger(__name__)
MAX_SENDS = 100  # sends of one SendMany call
DEFAULT_PARALLELISM, MAX_PARALLELISM = 8, 16  # of one SendMany call's sends at once


def _settled_later(task: asyncio.Future[Outcome]) -> None:
    """An attempt the caller stopped waiting for: its failure is logged, not lost."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("a send finished after its caller stopped waiting: %s", task.exception())


class DeliveryEngine:
    """The public send, retry and reads of the ledger, over collaborators that each do one
    thing: the ledger (its writes and locks), the router (recipient, channel, rendering,
    caps), the attempts (a provider call, recorded) and the dispatcher (what falls due)."""

    def __init__(
        self,
        engine: AsyncEngine,
        settings: NotificationsSettings,
        channels: dict[str, Channel],  # type: ignore[type-arg]
        clients: clients_pb2_grpc.ClientsServiceStub | None,
        reporting: reporting_pb2_grpc.ReportingServiceStub | None,
        *,
        directory: clients_pb2_grpc.DirectoryServiceStub | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings = settings
        self.channels = channels
        self.clock = clock
        self.ledger = Ledger(engine, clock)
        self.clients = ClientAccess(clients)
        store = artifact_store(settings) if settings.attachments_from_store else None
        attachments = Attachments(reporting, store)
        self.router = Router(
            settings, channels, self.clients, reporting, attachments, Signatures(directory), clock
        )
        self.attempts = Attempts(self.ledger, channels, attachments, settings)
        self.dispatcher = Dispatcher(self.ledger, self.attempts, channels, settings)

    def start(self) -> None:
        self.dispatcher.start()

    async def stop(self) -> None:
        await self.dispatcher.stop()
        if self.ledger.inflight:
            await asyncio.wait(self.ledger.inflight, timeout=self.settings.grpc_grace_seconds + 5)
        for channel in self.channels.values():
            await channel.close()
        RENDERER.close()

    async def dispatch_due(self) -> int:
        return await self.dispatcher.dispatch_due()

    async def client(self, actor: Actor, client_id: str) -> clients_pb2.Client:
        return await self.clients.client(actor, client_id)

    async def send(self, actor: Actor, spec: SendSpec, known: Known | None = None) -> Outcome:
        """Accept (or find) the delivery of `spec.idempotency_key` and try it once now."""
        access.require_sender(actor)
        if spec.client_id is None and spec.user_id is None:
            access.require_address_sender(actor)
        attempt = asyncio.ensure_future(self.ledger.shielded(self._send_locked(actor, spec, known)))
        while True:
            done, _ = await asyncio.wait({attempt}, timeout=self.settings.send_wait_seconds)
            if done:
                return attempt.result()
            # The provider is slow. Once the ledger holds the delivery, answer with it as it
            # stands; the attempt goes on (and the dispatcher after it, if need be).
            async with self.ledger.session() as session:
                delivery = await DeliveryRepository(session).by_key(spec.idempotency_key)
            if delivery is not None and delivery.status in ("accepted", "sending"):
                attempt.add_done_callback(_settled_later)
                return Outcome(delivery)

    async def send_many(
        self,
        actor: Actor,
        specs: Sequence[SendSpec | ClientflowError],
        parallelism: int = DEFAULT_PARALLELISM,
    ) -> list[Outcome | ClientflowError]:
        """Each spec sent as `send` sends it (a refused one answered with its error), the
        clients and attachments they name looked up first in one call each."""
        access.require_sender(actor)
        known = await self.router.look_up(actor, [s for s in specs if isinstance(s, SendSpec)])
        gate = asyncio.Semaphore(parallelism)

        async def one(spec: SendSpec | ClientflowError) -> Outcome | ClientflowError:
            if isinstance(spec, ClientflowError):
                return spec
            async with gate:
                try:
                    return await self.send(actor, spec, known)
                except ClientflowError as error:
                    return error

        return list(await asyncio.gather(*map(one, specs)))

    async def retry(
        self, actor: Actor, delivery_id: str, *, accept_duplicate_risk: bool = False
    ) -> Outcome:
        """An operator sends a failed delivery again (a new round of attempts). An in-doubt
        one ("send anyway") only with `accept_duplicate_risk`: it may have arrived."""
        access.require_retrier(actor)
        async with self.ledger.session() as session:
            delivery = await self._visible(session, actor, delivery_id)
        return await self.ledger.shielded(
            self._retry_locked(actor, delivery.idempotency_key, accept_duplicate_risk)
        )

    async def get(self, actor: Actor, delivery_id: str) -> Outcome:
        async with self.ledger.session() as session:
            delivery = await self._visible(session, actor, delivery_id)
            return await self.ledger.outcome(session, delivery)

    async def _visible(self, session: AsyncSession, actor: Actor, delivery_id: str) -> Delivery:
        """The delivery, if `actor` may see it; NOT_FOUND whether it is missing or not theirs."""
        key = parse_id("id", delivery_id, "a delivery id")
        delivery = await DeliveryRepository(session).get(key)
        if delivery is None or not await self.clients.may_see(actor, delivery):
            raise NotFound(f"delivery {delivery_id} not found", field="id", value=delivery_id)
        return delivery

    async def replied(self, actor: Actor, message_ids: list[str]) -> Outcome:
        """The e-mail a reply answers: the first of `message_ids` that is one of ours."""
        if not actor.has(Role.SERVICE):
            raise PermissionDenied("finding a replied e-mail needs the service role")
        if len(message_ids) > 20:
            raise InvalidArgument("message_ids", len(message_ids), "at most 20")
        wanted = [f"<{m.strip().strip('<>')}>" for m in message_ids if m.strip()]
        async with self.ledger.session() as session:
            found = {
                d.message_id: d for d in await DeliveryRepository(session).by_message_ids(wanted)
            }
            for message_id in wanted:
                if message_id in found:
                    return await self.ledger.outcome(session, found[message_id])
        raise NotFound("no e-mail of ours is answered", field="message_ids", value=None)

    async def list(
        self,
        actor: Actor,
        *,
        client_id: str,
        workflow_id: str,
        status: str,
        size: int,
        token: str,
    ) -> tuple[list[Delivery], str]:
        """A page of the ledger, newest first; status=failed is the dead-letter list,
        status=in_doubt the part of it a person must decide on."""
        if status and status not in (*STATUSES, "in_doubt"):
            raise InvalidArgument(
                "status", status, f"must be one of {', '.join(STATUSES)} or in_doubt"
            )
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
        async with self.ledger.session() as session:
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

    async def _send_locked(self, actor: Actor, spec: SendSpec, known: Known | None) -> Outcome:
        async with self.ledger.key_lock(spec.idempotency_key, wait=True) as session:
            assert session is not None
            repository = DeliveryRepository(session)
            delivery = await repository.by_key(spec.idempotency_key)
            if delivery is not None:
                await self.router.replayable(actor, delivery, spec, known)
                await self.dispatcher.resume(session, delivery)
                return Outcome(delivery, replayed=True)
            # Route and render first: a bad request fails here and writes nothing.
            delivery = await self.router.prepare(session, actor, spec, known)
            await self.router.cap(session, delivery)
            await self.ledger.accept(session, delivery)
            if delivery.status in ("accepted", "sending"):
                await self.attempts.attempt(session, delivery, marked=delivery.status == "sending")
            return Outcome(delivery)

    async def _retry_locked(self, actor: Actor, key: str, accept_risk: bool) -> Outcome:
        async with self.ledger.key_lock(key, wait=True) as session:
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
            in_doubt = delivery.reason.startswith("in_doubt")
            if in_doubt and not accept_risk:
                raise FailedPrecondition(
                    f"delivery {delivery.id} is in doubt: it may already have reached"
                    f" {delivery.recipient}. To send it anyway, set accept_duplicate_risk to"
                    " true (the recipient may get it twice)",
                    field="accept_duplicate_risk",
                    value="false",
                )
            if delivery.client_id is not None and (
                delivery.reason.startswith("no_channel")
                or delivery.channel not in self.channels
                or not delivery.recipient
            ):
                # Nowhere to send it when accepted: route again (the client may have an
                # address now, or the channel may be configured).
                route = await self.router.route(session, actor, reroute_spec(delivery))
                if route.status:
                    delivery.reason = route.reason
                    delivery.updated_at = self.clock()
                    await self.ledger.save(session, delivery)
                    return await self.ledger.outcome(session, delivery)
                delivery.channel, delivery.recipient = route.channel, route.recipient
                delivery.message_id = self.router.message_id(
                    delivery.idempotency_key, route.channel
                )
                delivery.recipient_name = route.name or delivery.recipient_name
            if in_doubt:
                # The decision stays in the delivery's history: who, when, knowing what.
                await self.ledger.note(
                    session,
                    delivery,
                    "send_anyway",
                    f"{actor.user_id} sent an in-doubt delivery anyway, accepting that the"
                    " recipient may get it twice",
                )
                log.warning("delivery %s sent anyway by %s", delivery.id, actor.user_id)
            delivery.status = "accepted"
            delivery.reason = (
                f"sent anyway by {actor.user_id} (was in doubt)"
                if in_doubt
                else f"retry requested by {actor.user_id}"
            )
            delivery.round_attempts = 0
            delivery.next_attempt_at = self.clock()
            delivery.updated_at = self.clock()
            await self.ledger.save(session, delivery)
            self.ledger.count(delivery)
            await self.attempts.attempt(session, delivery)
            return await self.ledger.outcome(session, delivery)
