"""The delivery ledger: one row per idempotency key, worked on under a per-key lock (an
asyncio lock in the process, a PostgreSQL advisory lock across processes); its read side
(a delivery, a page of the ledger) and who may see what. See `delivery.py` for how
"exactly one" holds."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2_grpc
from opentelemetry import metrics, trace
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.common.errors import (
    ClientflowError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.grpc_errors import from_rpc_error
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.common.locks import KeyLocks
from services.common.pagination import encode_cursor, page_size, parse_cursor
from services.notifications import access
from services.notifications.channels.base import (
    Channel,
)
from services.notifications.models import (
    STATUSES,
    Delivery,
    DeliveryAttempt,
)
from services.notifications.policy import QuietHours
from services.notifications.repository import (
    DeliveryRepository,
    lock_key,
    unlock_key,
)
from services.notifications.settings import NotificationsSettings

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


@dataclass
class Outcome:
    delivery: Delivery
    attempts: list[DeliveryAttempt] = field(default_factory=list)
    replayed: bool = False


def request_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class Ledger:
    """The engine's state and its ledger operations."""

    engine: AsyncEngine
    settings: NotificationsSettings
    channels: dict[str, Channel]  # type: ignore[type-arg]
    clients: clients_pb2_grpc.ClientsServiceStub | None
    reporting: reporting_pb2_grpc.ReportingServiceStub | None
    clock: Callable[[], datetime]
    quiet_hours: QuietHours | None
    fallback: list[str]
    locks: KeyLocks
    _dispatcher: asyncio.Task[None] | None
    _inflight: set[asyncio.Task[Any]]

    async def get(self, actor: Actor, delivery_id: str) -> Outcome:
        key = parse_id("id", delivery_id, "a delivery id")
        async with self._session() as session:
            delivery = await DeliveryRepository(session).get(key)
            if delivery is None or not await self._may_see(actor, delivery):
                raise NotFound(f"delivery {delivery_id} not found", field="id", value=delivery_id)
            return await self._outcome(session, delivery)

    async def replied(self, actor: Actor, message_ids: list[str]) -> Outcome:
        """The e-mail a reply answers: the first of `message_ids` that is one of ours."""
        if not actor.has(Role.SERVICE):
            raise PermissionDenied("finding a replied e-mail needs the service role")
        if len(message_ids) > 20:
            raise InvalidArgument("message_ids", len(message_ids), "at most 20")
        wanted = [f"<{m.strip().strip('<>')}>" for m in message_ids if m.strip()]
        async with self._session() as session:
            found = {
                d.message_id: d for d in await DeliveryRepository(session).by_message_ids(wanted)
            }
            for message_id in wanted:
                if message_id in found:
                    return await self._outcome(session, found[message_id])
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

    async def _note(
        self, session: AsyncSession, delivery: Delivery, outcome: str, text: str
    ) -> None:
        """An entry in the delivery's history that is not a provider call (a lookup's answer,
        a person's decision): numbered after everything before it."""
        delivery.attempt_count += 1
        await self._record(
            session, delivery, delivery.attempt_count, outcome, text, self.clock(), 0.0
        )

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

    def _mark_sending(self, delivery: Delivery) -> None:
        delivery.status = "sending"
        delivery.updated_at = self.clock()
        delivery.attempt_count += 1
        delivery.round_attempts += 1

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

    async def _may_see(self, actor: Actor, delivery: Delivery) -> bool:
        """The ledger scope, or (for a client's message) whoever may see the client now."""
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
