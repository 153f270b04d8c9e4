"""The delivery ledger: one row per idempotency key, worked on under a per-key lock (an
asyncio lock in the process, a PostgreSQL advisory lock across processes), and every write
of the send path as one Core statement. See `delivery.py` for how "exactly one" holds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from opentelemetry import metrics
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.common.locks import KeyLocks
from services.notifications.models import Delivery, DeliveryAttempt
from services.notifications.repository import DeliveryRepository, KeyLock

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

# A "sending" row older than this had its sender die (no provider call takes so long).
STALE_SENDING = timedelta(minutes=2)


@dataclass
class Outcome:
    delivery: Delivery
    attempts: list[DeliveryAttempt] = field(default_factory=list)
    replayed: bool = False


class Ledger:
    """The ledger's writes and its locks. A delivery worked on under the key's lock is a
    plain object (never in a session's unit of work): each change is written by `save`,
    `finish` or `record`, as one statement."""

    def __init__(self, engine: AsyncEngine, clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self.clock = clock
        self.locks = KeyLocks()
        self.inflight: set[asyncio.Task[Any]] = set()

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with AsyncSession(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.asynccontextmanager
    async def key_lock(self, key: str, *, wait: bool) -> AsyncIterator[AsyncSession | None]:
        """The in-process lock, then the database lock, with a session on the lock's
        connection. Yields None when `wait` is off and someone else holds it."""
        local = self.locks.get(key)
        if not wait and local.locked():
            yield None
            return
        async with local, self.engine.connect() as connection:
            # A session-level lock: it outlives the commits in between, and ends with the
            # connection if this process dies.
            lock = await KeyLock.on(connection, key)
            if not await lock.take(wait=wait):
                yield None
                return
            try:
                async with AsyncSession(bind=connection, expire_on_commit=False) as session:
                    try:
                        yield session
                    except BaseException:
                        await session.rollback()
                        raise
            finally:
                try:
                    await lock.release()
                except Exception:
                    # Never return a connection that may still hold the lock to the pool.
                    await connection.invalidate()
                    raise

    async def shielded(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` to completion even if the caller is cancelled (a gRPC deadline)."""
        task = asyncio.ensure_future(work)
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)
        return await asyncio.shield(task)

    async def accept(self, session: AsyncSession, delivery: Delivery) -> None:
        """Insert a new delivery; one that will be attempted now is inserted as `sending`
        (one commit instead of two before the provider call)."""
        if delivery.status == "accepted" and delivery.channel != "in_app":
            self.mark_sending(delivery)
        await DeliveryRepository(session).insert(delivery)
        await session.commit()
        self.count(delivery)

    async def save(
        self, session: AsyncSession, delivery: Delivery, attempt: DeliveryAttempt | None = None
    ) -> None:
        """Write the delivery's changing columns (with `attempt`: and the attempt, in the
        same statement) and commit."""
        if attempt is None:
            await DeliveryRepository(session).save(delivery)
        else:
            await DeliveryRepository(session).add_attempt_and_save(attempt, delivery)
        await session.commit()

    def attempt(
        self,
        delivery: Delivery,
        number: int,
        outcome: str,
        response: str,
        started: datetime,
        elapsed: float,
    ) -> DeliveryAttempt:
        """A provider call's row in the delivery's history (its duration measured)."""
        ATTEMPT_SECONDS.record(elapsed, {"channel": delivery.channel, "outcome": outcome})
        return DeliveryAttempt(
            id=uuid.uuid4(),
            delivery_id=delivery.id,
            number=number,
            outcome=outcome,
            provider_response=response[:2000],
            started_at=started,
            duration_ms=int(elapsed * 1000),
        )

    async def record(
        self,
        session: AsyncSession,
        delivery: Delivery,
        number: int,
        outcome: str,
        response: str,
        started: datetime,
        elapsed: float,
    ) -> None:
        attempt = self.attempt(delivery, number, outcome, response, started, elapsed)
        await DeliveryRepository(session).add_attempt(attempt)

    async def note(
        self, session: AsyncSession, delivery: Delivery, outcome: str, text: str
    ) -> None:
        """An entry in the delivery's history that is not a provider call (a lookup's answer,
        a person's decision): numbered after everything before it."""
        delivery.attempt_count += 1
        await self.record(
            session, delivery, delivery.attempt_count, outcome, text, self.clock(), 0.0
        )

    async def finish(
        self,
        session: AsyncSession,
        delivery: Delivery,
        status: str,
        reason: str,
        provider_message_id: str,
        attempt: DeliveryAttempt | None = None,
    ) -> None:
        """The delivery's new status, with the attempt that led to it (one statement)."""
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
        await self.save(session, delivery, attempt)
        self.count(delivery)
        if status == "failed":
            log.warning(
                "delivery failed",
                extra={"delivery_id": str(delivery.id), "reason": reason[:200]},
            )

    def mark_sending(self, delivery: Delivery) -> None:
        delivery.status = "sending"
        delivery.updated_at = self.clock()
        delivery.attempt_count += 1
        delivery.round_attempts += 1

    async def outcome(
        self, session: AsyncSession, delivery: Delivery, *, replayed: bool = False
    ) -> Outcome:
        attempts = await DeliveryRepository(session).attempts(delivery.id)
        return Outcome(delivery, attempts, replayed)

    @staticmethod
    def count(delivery: Delivery) -> None:
        DELIVERY_OUTCOMES.add(
            1,
            {"status": delivery.status, "channel": delivery.channel, "category": delivery.category},
        )
