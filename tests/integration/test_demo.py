"""The demo book: realistic spread, deterministic, seeded once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.demo import ADVISORS, DEMO_SOURCE, demo_clients, seed_demo
from services.clients.models import Client, ExternalId, Transaction
from services.common.db import session_factory
from services.reporting.demo import seed_demo_answers
from services.workflows.service.demo import demo_ratings, seed_demo_requests
from tests.support import token


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


async def test_a_year_of_requests_and_answers_adds_up_on_the_dashboard(
    engine: AsyncEngine, gateway: httpx.AsyncClient
) -> None:
    await seed_demo(engine, clients=90)
    book = await demo_clients(engine)
    requests = await seed_demo_requests(engine, book)
    if not requests:
        pytest.skip("this database has its demo requests from an earlier run")
    assert await seed_demo_requests(engine, book) == []
    ratings = demo_ratings(requests)
    assert await seed_demo_answers(engine, [c[0] for c in book], ratings) > len(ratings)
    year = datetime.now(UTC).year
    advisor = "adv-chen"
    mine = [r for r in requests if r["advisor_id"] == advisor and r["opened_at"].year == year]
    kpis = (
        await gateway.get(
            "/v1/dashboards/kpis",
            params={"period": str(year), "advisor_id": advisor},
            headers=token("admin-demo", "admin"),
        )
    ).json()
    opened = {row["type"]: row["opened"] for row in kpis["requests"]["by_type"]}
    assert opened == dict(Counter(r["type_key"] for r in mine))
    for row in kpis["requests"]["by_type"]:
        assert row["resolution_hours_p50"] <= row["resolution_hours_p90"]
    scores = [
        score
        for client, _kind, score, when, _inv in ratings
        if when.year == year and client in {c[0] for c in book if c[1] == advisor}
    ]
    assert kpis["csat"]["responses"] == len(scores)
    assert kpis["csat"]["mean"] == round(sum(scores) / len(scores), 2)
    follow_ups = kpis["detractor_follow_up"]
    assert follow_ups["followed_up"] <= follow_ups["follow_ups_created"]
    assert 0 < kpis["requests"]["sla_compliance"] < 1
