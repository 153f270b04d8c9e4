"""Domain logic of the clients service."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import Client, ClientKind
from services.clients.repository import ClientRepository
from services.clients.scope import ClientScope
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role

NAME_MAX = 200


@dataclass(frozen=True)
class NewClient:
    kind: str
    name: str
    advisor_id: str | None = None
    team_id: str | None = None


def parse_client_id(value: str, *, field: str = "id") -> uuid.UUID:
    """A client id, or INVALID_ARGUMENT naming the field and value."""
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise InvalidArgument(field, value, "is not a client id (a UUID)") from None


class ClientService:
    def __init__(self, session: AsyncSession) -> None:
        self.repository = ClientRepository(session)

    async def get(self, actor: Actor | None, client_id: str) -> Client:
        """The client, or NOT_FOUND when missing or outside the actor's scope."""
        scope = ClientScope.for_actor(actor)
        client = await self.repository.get(parse_client_id(client_id), scope)
        if client is None:
            raise NotFound(f"client {client_id} not found", field="id", value=client_id)
        return client

    async def create(self, actor: Actor | None, data: NewClient) -> Client:
        """Validate and insert a client; an advisor creates clients only for themselves."""
        scope = ClientScope.for_actor(actor)
        assert actor is not None
        if data.kind not in ClientKind.__members__.values():
            raise InvalidArgument("kind", data.kind, "must be individual or institution")
        name = data.name.strip()
        if not name:
            raise InvalidArgument("name", data.name, "must not be empty")
        if len(name) > NAME_MAX:
            raise InvalidArgument("name", f"{name[:20]}…", f"must be at most {NAME_MAX} characters")
        advisor_id = data.advisor_id or actor.user_id
        if scope.advisor_id is not None and advisor_id != scope.advisor_id:
            raise PermissionDenied(
                f"advisor {actor.user_id} may not create clients for {advisor_id}"
            )
        team_id = data.team_id or actor.team_id
        if scope.team_id is not None and team_id != scope.team_id:
            raise PermissionDenied(
                f"manager {actor.user_id} may only create clients in team {scope.team_id}"
            )
        if actor.has(Role.ADVISOR) and not actor.has(Role.ADMIN, Role.MANAGER) and not team_id:
            team_id = actor.team_id
        client = Client(kind=data.kind, name=name, advisor_id=advisor_id, team_id=team_id)
        return await self.repository.add(client)
