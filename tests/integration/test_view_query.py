"""The 360° view's one statement gives what the separate queries give: the same rows, in the
same order, with the same types (money keeps its digits, instants their zone)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import (
    Client,
    ClientLink,
    Holding,
    Interaction,
    RelatedPerson,
    StageChange,
    TierChange,
    Transaction,
)
from services.clients.repository import ClientRepository
from services.clients.view_query import view_parts


def columns(row: Any) -> dict[str, Any]:
    mapper: Any = inspect(type(row))
    return {a.key: getattr(row, a.key) for a in mapper.column_attrs}


async def test_one_statement_equals_the_separate_queries(db_session: AsyncSession) -> None:
    repo = ClientRepository(db_session)
    client = await repo.add(Client(kind="individual", name="全景", advisor_id="adv-v"))
    other = await repo.add(Client(kind="individual", name="家人", advisor_id="adv-v"))
    now = datetime.now(UTC)
    for i in range(7):
        db_session.add(
            Holding(
                client_id=client.id,
                product_code=f"P{i}",
                product_name=f"产品{i}",
                units=Decimal("1234.567891"),
                cost=Decimal("1000.01"),
                market_value=Decimal(f"{1000 + (i % 3) * 500}.37"),
                as_of=date(2026, 11, 30),
            )
        )
    for i in range(12):
        db_session.add(
            Transaction(
                client_id=client.id,
                external_id=f"view-{uuid.uuid4()}",
                kind=("subscription", "redemption", "dividend")[i % 3],
                amount=Decimal("99999999.99") if i == 0 else Decimal(f"{i}.01"),
                occurred_at=now - timedelta(days=40 * i),
            )
        )
        db_session.add(
            Interaction(
                client_id=client.id,
                channel="call",
                direction="outbound",
                summary=f"第{i}次",
                occurred_at=now - timedelta(hours=i),
                by_user="adv-v",
            )
        )
    db_session.add(RelatedPerson(client_id=client.id, name="张三", role="family_member"))
    db_session.add(RelatedPerson(client_id=client.id, name="Alice", role="assistant"))
    db_session.add(ClientLink(client_id=other.id, related_client_id=client.id, kind="family"))
    for tier in ("CORE", "STRATEGIC"):
        db_session.add(
            TierChange(
                client_id=client.id,
                tier=tier,
                score=Decimal("71.2345"),
                inputs={"aum": 1.5},
                by_user="system",
                changed_at=now - timedelta(minutes=len(tier)),
            )
        )
    db_session.add(
        StageChange(client_id=client.id, stage="ACTIVE", explanation={"rule": "x"}, by_user="u")
    )
    await db_session.flush()

    since = now - timedelta(days=365)
    parts = await view_parts(db_session, client.id, recent=10, since=since)
    total, count = await repo.holdings_total(client.id)
    assert (parts.aum, parts.holdings_count) == (total, count)
    assert parts.net_flows == await repo.net_flows(client.id, since)
    expected = {
        "top_holdings": await repo.holdings(client.id, limit=5),
        "recent_interactions": await repo.recent(
            Interaction, client.id, Interaction.occurred_at, 10
        ),
        "recent_transactions": await repo.recent(
            Transaction, client.id, Transaction.occurred_at, 10
        ),
        "related_persons": await repo.related_persons(client.id),
        "links": await repo.links(client.id),
    }
    for name, rows in expected.items():
        assert [columns(r) for r in getattr(parts, name)] == [columns(r) for r in rows], name
    latest_tier = await repo.latest_tier_change(client.id)
    stage = await repo.latest_stage_change(client.id)
    assert parts.tier_reason is not None and latest_tier is not None
    assert columns(parts.tier_reason) == columns(latest_tier)
    assert parts.stage_reason is not None and stage is not None
    assert columns(parts.stage_reason) == columns(stage)
    assert parts.recent_transactions[-1].amount == Decimal("9.01")
    assert parts.top_holdings[0].units == Decimal("1234.567891")
