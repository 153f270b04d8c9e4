"""Repository queries on a per-test transaction that is rolled back afterwards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import Client, Holding
from services.clients.repository import ClientRepository
from services.clients.scope import ClientScope


async def _add(session: AsyncSession, advisor: str, team: str | None = None) -> Client:
    return await ClientRepository(session).add(
        Client(kind="individual", name="x", advisor_id=advisor, team_id=team)
    )


class TestScopedGet:
    async def test_advisor_scope_filters_in_sql(self, db_session: AsyncSession) -> None:
        mine = await _add(db_session, "adv-r1")
        theirs = await _add(db_session, "adv-r2")
        repository = ClientRepository(db_session)
        assert await repository.get(mine.id, ClientScope(advisor_id="adv-r1")) is mine
        assert await repository.get(theirs.id, ClientScope(advisor_id="adv-r1")) is None

    async def test_team_scope_filters_in_sql(self, db_session: AsyncSession) -> None:
        in_team = await _add(db_session, "adv-r3", team="team-r")
        outside = await _add(db_session, "adv-r3", team=None)
        repository = ClientRepository(db_session)
        assert (
            await repository.get(in_team.id, ClientScope(team_ids=frozenset({"team-r"}))) is in_team
        )
        assert await repository.get(outside.id, ClientScope(team_ids=frozenset({"team-r"}))) is None


async def test_rows_from_earlier_tests_were_rolled_back(db_session: AsyncSession) -> None:
    count = await db_session.scalar(
        select(func.count()).select_from(Client).where(Client.advisor_id.like("adv-r%"))
    )
    assert count == 0


async def test_top_holdings_carry_the_total_of_all_of_them(db_session: AsyncSession) -> None:
    client = await _add(db_session, "adv-top")
    repository = ClientRepository(db_session)
    assert await repository.top_holdings(client.id, 5) == ([], Decimal(0), 0)
    for value in range(1, 8):
        db_session.add(
            Holding(
                client_id=client.id,
                product_code=f"P{value}",
                product_name=f"产品{value}",
                units=Decimal(value),
                cost=Decimal(value),
                market_value=Decimal(value * 1000),
                as_of=date(2026, 12, 1),
            )
        )
    await db_session.flush()
    top, total, count = await repository.top_holdings(client.id, 5)
    assert [h.product_code for h in top] == ["P7", "P6", "P5", "P4", "P3"]
    assert (total, count) == (Decimal(28000), 7)
    assert (total, count) == await repository.holdings_total(client.id)
