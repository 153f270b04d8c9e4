"""Events the workflows service writes itself — `task.breached`, `request.resolved`,
`survey.answered` — are stored with the change that causes them (in the same transaction,
with no firings yet), and evaluated just after by a background loop, which also finishes any
event whose evaluation was cut short (a service that died mid-way). Each event is claimed
with a try-lock, so a loop never waits on a publish in flight nor evaluates an event twice."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from opentelemetry import trace
from opentelemetry.instrumentation.utils import suppress_instrumentation
from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.workflows.service.models import Event
from services.workflows.service.repository import EventRepository

log = logging.getLogger(__name__)
TRACER = trace.get_tracer(__name__)
# A publish in flight is left alone this long before the loop takes it over.
GRACE = timedelta(seconds=10)
BATCH = 50


async def record_event(
    session: AsyncSession,
    *,
    event_id: str,
    event_type: str,
    client_id: str,
    payload: dict[str, Any],
) -> None:
    """Store an event of this service in the caller's transaction (once per id)."""
    if not client_id:
        return
    now = datetime.now(UTC)
    await session.execute(
        insert(Event)
        .values(
            event_id=event_id[:200],
            type=event_type,
            client_id=client_id,
            occurred_at=now,
            received_at=now - GRACE,  # evaluated on the loop's next turn
            payload=payload,
            published_by="system:workflows",
            firings=None,
        )
        .on_conflict_do_nothing(index_elements=["event_id"])
    )


class PendingEvents:
    """Evaluates stored events without firings, oldest first."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        intake: Callable[[AsyncSession], Any],
        *,
        interval_seconds: float = 0.5,
    ) -> None:
        self.sessions = sessions
        self.intake = intake  # session -> an EventIntake over it
        self.interval = interval_seconds
        self._task: asyncio.Task[None] | None = None

    async def evaluate_pending(self) -> int:
        # The poll makes no spans (an idle loop would fill the traces); each event it takes
        # is one trace of its own.
        with suppress_instrumentation():
            ids = await self._pending()
        done = 0
        for event_id in ids:
            with TRACER.start_as_current_span("workflows.events.pending"):
                done += await self._evaluate(event_id)
        return done

    async def _pending(self) -> list[str]:
        async with self.sessions() as session:
            return list(
                (
                    await session.execute(
                        select(Event.event_id)
                        .where(
                            # stored as SQL NULL or as JSON null ("firings": None)
                            or_(
                                Event.firings.is_(None),
                                func.jsonb_typeof(Event.firings) == "null",
                            ),
                            Event.received_at <= datetime.now(UTC) - GRACE,
                        )
                        .order_by(Event.received_at)
                        .limit(BATCH)
                    )
                ).scalars()
            )

    async def _evaluate(self, event_id: str) -> int:
        async with self.sessions() as session:
            event = await EventRepository(session).claim(event_id, skip_locked=True)
            if event is None or event.firings is not None:
                return 0
            firings = await self.intake(session).fire_stored(event)
            event.firings = [f.__dict__ for f in firings]
            await session.commit()
            return 1

    async def _run(self) -> None:
        while True:
            try:
                await self.evaluate_pending()
            except Exception as error:  # keep the loop; the event stays pending
                log.warning("pending events: evaluation failed: %s", error)
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
