"""Every SQL statement of the clients service."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import Client
from services.clients.scope import ClientScope


class ClientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @staticmethod
    def _scoped(statement: Select[tuple[Client]], scope: ClientScope) -> Select[tuple[Client]]:
        if scope.advisor_id is not None:
            statement = statement.where(Client.advisor_id == scope.advisor_id)
        if scope.team_id is not None:
            statement = statement.where(Client.team_id == scope.team_id)
        return statement

    async def get(self, client_id: uuid.UUID, scope: ClientScope) -> Client | None:
        """The client, if it exists and is inside `scope`."""
        statement = self._scoped(select(Client).where(Client.id == client_id), scope)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def add(self, client: Client) -> Client:
        """Insert and flush so database defaults are loaded."""
        self.session.add(client)
        await self.session.flush()
        await self.session.refresh(client)
        return client
