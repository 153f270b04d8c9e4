"""Survey answers for the demo book: NPS answers spread over the past year and the CSAT
answers of the demo requests; seeded once, deterministic."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.db import session_factory
from services.reporting.models import SurveyAnswer

DEMO_BY = "demo"


async def seed_demo_answers(
    engine: AsyncEngine,
    clients: Sequence[str],
    csat: Sequence[tuple[str, str, int, datetime, str]],
    *,
    seed: int = 13,
) -> int:
    """NPS answers from about a third of `clients` and the given CSAT answers (client,
    request type, score, when, invitation); how many were written (0 when seeded)."""
    async with session_factory(engine)() as session:
        if await session.scalar(
            select(func.count())
            .select_from(SurveyAnswer)
            .where(SurveyAnswer.recorded_by == DEMO_BY)
        ):
            return 0
        rng = random.Random(seed)
        now = datetime.now(UTC)
        rows = [
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "client_id": uuid.UUID(client),
                "score": rng.choice((10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3)),
                "comment": "",
                "channel": "link",
                "answered_at": now - timedelta(days=rng.uniform(1, 360)),
                "recorded_by": DEMO_BY,
                "survey": "nps",
                "invitation_id": f"demo-nps/{client}",
                "request_type": "",
            }
            for client in clients
            if rng.random() < 0.35
        ]
        rows += [
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "client_id": uuid.UUID(client),
                "score": score,
                "comment": "",
                "channel": "link",
                "answered_at": min(when, now),
                "recorded_by": DEMO_BY,
                "survey": "csat",
                "invitation_id": invitation,
                "request_type": kind,
            }
            for client, kind, score, when, invitation in csat
        ]
        for start in range(0, len(rows), 2000):
            await session.execute(insert(SurveyAnswer), rows[start : start + 2000])
        await session.commit()
        return len(rows)
