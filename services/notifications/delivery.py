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
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from clientflow.clients.v1 import clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.artifact_store import artifact_store
from services.common.errors import (
    FailedPrecondition,
    NotFound,
)
from services.common.identity import Actor
from services.common.ids import parse_id
from services.common.locks import KeyLocks
from services.notifications import access
from services.notifications.branding import Brand, Signatures
from services.notifications.channels.base import (
    Channel,
)
from services.notifications.dispatcher import Dispatcher
from services.notifications.ledger import Outcome, SendSpec, request_hash
from services.notifications.policy import QuietHours
from services.notifications.repository import (
    DeliveryRepository,
)
from services.notifications.routing import Route, reroute_spec, validate_spec
from services.notifications.settings import NotificationsSettings

__all__ = ["DeliveryEngine", "Outcome", "Route", "SendSpec", "request_hash", "validate_spec"]

log = logging.getLogger(__name__)


def _settled_later(task: asyncio.Future[Outcome]) -> None:
    """An attempt the caller stopped waiting for: its failure is logged, not lost."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("a send finished after its caller stopped waiting: %s", task.exception())


class DeliveryEngine(Dispatcher):
    """Accepts sends, talks to providers, keeps the ledger, runs the retry dispatcher: one
    layer per concern (ledger → routing → providers → dispatcher), this one the public
    send and retry."""

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
        self.engine = engine
        self.settings = settings
        self.channels = channels
        self.clients = clients
        self.reporting = reporting
        self.brand = Brand(
            settings.firm_name, settings.brand_color, settings.firm_address, settings.firm_logo
        )
        self.signatures = Signatures(directory)
        self.artifacts = artifact_store(settings) if settings.attachments_from_store else None
        self.clock = clock
        self.quiet_hours = QuietHours.parse(settings.quiet_hours)
        self.fallback = [c.strip() for c in settings.channel_fallback.split(",") if c.strip()]
        self.locks = KeyLocks()
        self._dispatcher: asyncio.Task[None] | None = None
        self._inflight: set[asyncio.Task[Any]] = set()

    async def send(self, actor: Actor, spec: SendSpec) -> Outcome:
        """Accept (or find) the delivery of `spec.idempotency_key` and try it once now."""
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

    async def retry(
        self, actor: Actor, delivery_id: str, *, accept_duplicate_risk: bool = False
    ) -> Outcome:
        """An operator sends a failed delivery again (a new round of attempts). An in-doubt
        one ("send anyway") only with `accept_duplicate_risk`: it may have arrived."""
        access.require_retrier(actor)
        key = parse_id("id", delivery_id, "a delivery id")
        async with self._session() as session:
            delivery = await DeliveryRepository(session).get(key)
            if delivery is None or not await self._may_see(actor, delivery):
                raise NotFound(f"delivery {delivery_id} not found", field="id", value=delivery_id)
            idempotency_key = delivery.idempotency_key
        return await self._shielded(
            self._retry_locked(actor, idempotency_key, accept_duplicate_risk)
        )

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

    async def _retry_locked(self, actor: Actor, key: str, accept_risk: bool) -> Outcome:
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
                route = await self._route(session, actor, reroute_spec(delivery))
                if route.status:
                    delivery.reason = route.reason
                    delivery.updated_at = self.clock()
                    await session.commit()
                    return await self._outcome(session, delivery)
                delivery.channel, delivery.recipient = route.channel, route.recipient
                delivery.message_id = self._message_id(delivery.idempotency_key, route.channel)
                delivery.recipient_name = route.name or delivery.recipient_name
            if in_doubt:
                # The decision stays in the delivery's history: who, when, knowing what.
                await self._note(
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
            await session.commit()
            self._count(delivery)
            await self._attempt(session, delivery)
            return await self._outcome(session, delivery)
