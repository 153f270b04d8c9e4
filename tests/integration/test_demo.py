"""The demo book: realistic spread, deterministic, seeded once."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.demo import ADVISORS, DEMO_SOURCE, seed_demo
from services.clients.models import Client, ExternalId, Transaction
from services.common.db import session_factory


async def test_seeds_a_book_once(engine: AsyncEngine) -> None:
    added = await seed_demo(engine, clients=90)
    assert added in (90, 0)  # 0 when another test run already seeded this database
    assert await seed_demo(engine, clients=90) == 0
    async with session_factory(engine)() as session:
        demo = select(ExternalId.client_id).where(ExternalId.source == DEMO_SOURCE)
        by_advisor = dict(
            (
                await session.execute(
                    select(Client.advisor_id, func.count())
                    .where(Client.id.in_(demo))
                    .group_by(Client.advisor_id)
                )
            )
            .tuples()
            .all()
        )
        stages = set(
            (
                await session.execute(select(Client.lifecycle_stage).where(Client.id.in_(demo)))
            ).scalars()
        )
        tiers = set(
            (await session.execute(select(Client.tier).where(Client.id.in_(demo)))).scalars()
        )
        transactions = await session.scalar(
            select(func.count()).select_from(Transaction).where(Transaction.client_id.in_(demo))
        )
    assert set(by_advisor) == {advisor for advisor, _ in ADVISORS}
    assert {"ACTIVE", "DORMANT"} <= stages
    assert len(tiers) >= 2  # the scorecard spread the book over tiers
    assert transactions and transactions > 90 * 4
