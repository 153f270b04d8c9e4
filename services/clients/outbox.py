"""The change outbox and its relay.

Every audited change to a client writes its domain event into `clients.outbox` in the same
transaction (a trigger on the audit log, migration clients_0011): `client.created`,
`client.changed` (the fields with before and after), `transaction.recorded`,
`interaction.logged`, `holding.changed`. The relay reads unpublished rows in id order — a
client's rows are in the order of its changes, since its audit writers are serialised by a
row lock on the client — publishes them in one call per batch under event ids
`clients/outbox/{id}`, and only then marks them published. A relay that dies between the two
publishes the batch again; the receiver stores an event id once and runs its rules once, so
nothing is lost and nothing repeats. One relay works at a time (an advisory lock per batch).
The relay wakes on the trigger's `NOTIFY clients_outbox` (a listening connection of its own)
and polls besides, so an event waits for no poll and a lost connection loses no event.

Rows come in two lanes: a transaction doing bulk work (`bulk_lane`: the spreadsheet imports)
writes lane 1, everything else lane 0, and the relay takes a batch from each in turn — so the
tens of thousands of events of an import do not hold up a rule's trigger or a client's reply
for minutes. A row waits while an earlier row of its client is unpublished in the other lane,
so a client's events still leave in the order of its changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from opentelemetry import trace
from opentelemetry.instrumentation.utils import suppress_instrumentation
from sqlalchemy import BigInteger, DateTime, Index, SmallInteger, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from services.clients.change_events import (
    FIRM_ZONE,
    Publish,
    change_event,
    flows_since,
    two_quarters_start,
)
from services.clients.models import Base
from services.clients.record_totals import quarter_start, quarter_totals
from services.common.db import driver_connection

log = logging.getLogger(__name__)
TRACER = trace.get_tracer(__name__)

RELAY_LOCK = "clients.outbox.relay"
CHANNEL = "clients_outbox"
LIVE, BULK = 0, 1
LANES_DEFAULT = (
    "CASE WHEN current_setting('clientflow.outbox_lane', true) = 'bulk' THEN 1 ELSE 0 END"
)


class OutboxRow(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_unpublished", "lane", "id", postgresql_where=text("published_at IS NULL")),
        Index(
            "ix_outbox_unpublished_by_client",
            "client_id",
            "id",
            postgresql_where=text("published_at IS NULL"),
        ),
        Index("ix_outbox_published_at", "published_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    client_id: Mapped[uuid.UUID]
    type: Mapped[str] = mapped_column(String(64))
    # The audit entry the event comes from; none for an event that is no change of its own
    # (`import.completed`: the import's changes have their entries).
    audit_id: Mapped[int | None] = mapped_column(BigInteger)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB)
    cause: Mapped[str] = mapped_column(String(200))
    depth: Mapped[int] = mapped_column(SmallInteger)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # 0 live, 1 bulk: from the writing transaction's `clientflow.outbox_lane` (clients_0024).
    lane: Mapped[int] = mapped_column(SmallInteger, server_default=text(LANES_DEFAULT))


async def bulk_lane(session: AsyncSession) -> None:
    """Mark the session's transaction as bulk work: its change events go to the bulk lane."""
    await session.execute(text("SELECT set_config('clientflow.outbox_lane', 'bulk', true)"))


# A lane's oldest unpublished rows; then, for their clients, the oldest unpublished row in the
# other lane, which a client's rows after it must wait for (two index scans: a NOT EXISTS
# here is planned as a nested loop over the whole backlog while the table has no statistics).
UNPUBLISHED = text(
    "SELECT * FROM clients.outbox WHERE published_at IS NULL AND lane = :lane"
    " ORDER BY id LIMIT :limit"
)
OTHER_LANE_FIRST = text(
    "SELECT client_id, min(id) FROM clients.outbox WHERE published_at IS NULL"
    " AND lane <> :lane AND client_id = ANY(:clients) GROUP BY client_id"
)
MARK = text("UPDATE clients.outbox SET published_at = :now WHERE id = ANY(:ids)")
TRY_LOCK = text("SELECT pg_try_advisory_xact_lock(hashtextextended(:key, 0))")
PRUNE = text(
    "DELETE FROM clients.outbox WHERE id IN (SELECT id FROM clients.outbox"
    " WHERE published_at < :before LIMIT 10000)"
)


class OutboxRelay:
    """Hands the outbox's events to `publish`, a batch at a time, each event once."""

    def __init__(
        self,
        engine: AsyncEngine,
        publish: Publish,
        *,
        batch_size: int = 200,
        interval_seconds: float = 1.0,
        keep_days: int = 7,
    ) -> None:
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.publish = publish
        self.batch_size = batch_size
        self.interval = interval_seconds
        self.keep = timedelta(days=keep_days)
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()
        self._engine = engine

    async def relay_once(self) -> int:
        """Publish one batch from each lane, the live one first, each committed on its own;
        the number of events published (0: nothing to do, or another relay holds the lock).
        A failed publish marks nothing of its batch and raises."""
        return await self._relay_lane(LIVE) + await self._relay_lane(BULK)

    async def _relay_lane(self, lane: int) -> int:
        async with self.sessions() as session, session.begin():
            # The poll makes no spans (an idle relay would fill the traces with a query every
            # fifth of a second); a batch it finds is one trace of its own.
            with suppress_instrumentation():
                if not (await session.execute(TRY_LOCK, {"key": RELAY_LOCK})).scalar():
                    return 0
                result = await session.execute(
                    UNPUBLISHED, {"lane": lane, "limit": self.batch_size}
                )
                rows = [OutboxRow(**dict(row)) for row in result.mappings()]
                if rows:
                    rows = await self._in_client_order(session, lane, rows)
            if not rows:
                return 0
            with TRACER.start_as_current_span("clients.outbox.relay"):
                return await self._publish(session, rows)

    @staticmethod
    async def _in_client_order(
        session: AsyncSession, lane: int, rows: list[OutboxRow]
    ) -> list[OutboxRow]:
        """The rows not preceded by an unpublished row of their client in the other lane."""
        clients = list({r.client_id for r in rows})
        found = await session.execute(OTHER_LANE_FIRST, {"lane": lane, "clients": clients})
        first = {client_id: first_id for client_id, first_id in found.tuples()}
        return [r for r in rows if r.client_id not in first or r.id < first[r.client_id]]

    async def _publish(self, session: AsyncSession, rows: list[OutboxRow]) -> int:
        """Publish the batch, then mark it (in the poll's transaction, under its lock)."""
        now = datetime.now(UTC)
        flows = await flows_since(
            session,
            {r.client_id for r in rows if r.type == "transaction.recorded"},
            two_quarters_start(now),
        )
        totals = await quarter_totals(
            session,
            {(r.client_id, r.entity_id.partition("/")[0]) for r in rows if r.entity == "record"},
            quarter_start(now, FIRM_ZONE),
        )
        await self.publish(
            [
                change_event(
                    row,
                    flows.get(row.client_id),
                    totals.get((row.client_id, row.entity_id.partition("/")[0])),
                )
                for row in rows
            ]
        )
        await session.execute(MARK, {"now": datetime.now(UTC), "ids": [r.id for r in rows]})
        return len(rows)

    async def drain(self) -> int:
        """Publish until the outbox is empty (tests, and the loop's bursts)."""
        total = 0
        while (published := await self.relay_once()) > 0:
            total += published
        return total

    async def prune(self) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(PRUNE, {"before": datetime.now(UTC) - self.keep})

    async def _listen(self) -> None:
        """Wake the loop on each NOTIFY; reconnect after a lost connection (the poll covers
        the gap)."""
        while not self._stop.is_set():
            try:
                async with self._engine.connect() as connection:
                    driver = await driver_connection(connection)

                    def wake(*_: Any) -> None:
                        self._wake.set()

                    await driver.add_listener(CHANNEL, wake)
                    try:
                        await self._stop.wait()
                    finally:
                        await driver.remove_listener(CHANNEL, wake)
            except Exception as error:  # the database away: the poll goes on
                log.info("outbox relay: not listening (%s); polling", error)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), timeout=5.0)

    async def _run(self) -> None:
        listener = asyncio.create_task(self._listen(), name="outbox-listen")
        try:
            await self._loop()
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await listener

    async def _loop(self) -> None:
        failures = 0
        last_prune = datetime.now(UTC)
        while not self._stop.is_set():
            self._wake.clear()
            try:
                await self.drain()
                failures = 0
                if datetime.now(UTC) - last_prune > timedelta(hours=1):
                    await self.prune()
                    last_prune = datetime.now(UTC)
            except Exception as error:  # the receiver down: wait longer, keep the events
                failures += 1
                log.warning("outbox relay: publish failed (%s); will retry", error)
            delay = min(self.interval * 2**failures, 30.0)
            # A notification wakes it at once, unless publishing is failing (then it backs off).
            waiters = [asyncio.ensure_future(self._stop.wait())]
            if not failures:
                waiters.append(asyncio.ensure_future(self._wake.wait()))
            await asyncio.wait(waiters, timeout=delay, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()

    def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
            self._task = None
