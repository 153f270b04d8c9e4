"""Repository queries on a per-test transaction that is rolled back afterwards."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import Client
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
