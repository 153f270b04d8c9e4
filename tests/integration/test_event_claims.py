"""Claiming a stored event for evaluation: the row's lock makes a second publisher wait and
then read the firings the first one wrote; the pending-events loop passes over a held row."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.workflows.service.repository import EventRepository


async def test_a_claimed_event_waits_for_its_holder_and_reads_its_firings(
    engine: AsyncEngine,
) -> None:
    event_id = f"claim-{uuid.uuid4()}"
    now = datetime.now(UTC)
    async with AsyncSession(engine) as session:
        await EventRepository(session).insert_once(
            {
                "event_id": event_id,
                "type": "transaction.recorded",
                "client_id": str(uuid.uuid4()),
                "occurred_at": now,
                "received_at": now,
                "payload": {},
                "published_by": "svc-test",
                "firings": None,
            }
        )
        await session.commit()

    async with AsyncSession(engine) as first, AsyncSession(engine) as second:
        held = await EventRepository(first).claim(event_id)
        assert held is not None and held.firings is None
        assert await EventRepository(second).claim(event_id, skip_locked=True) is None
        await second.rollback()

        waiting = asyncio.create_task(EventRepository(second).claim(event_id))
        await asyncio.sleep(0.3)
        assert not waiting.done()  # the second publisher waits for the first
        held.firings = [{"outcome": "started"}]
        await first.commit()
        seen = await asyncio.wait_for(waiting, 10)
        assert seen is not None and seen.firings == [{"outcome": "started"}]
        await second.rollback()
