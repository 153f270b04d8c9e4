"""Domain logic of the notifications service."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import InvalidArgument, NotFound
from services.common.identity import Actor, Role
from services.common.pagination import encode_cursor, page_size, parse_cursor
from services.notifications.models import InboxMessage
from services.notifications.repository import InboxRepository


class InboxService:
    def __init__(self, session: AsyncSession) -> None:
        self.repository = InboxRepository(session)

    async def list(
        self, actor: Actor | None, user_id: str, *, size: int, token: str
    ) -> tuple[list[InboxMessage], str]:
        """A page of the user's inbox; only the user (or a service/admin) may read it."""
        if not user_id:
            raise InvalidArgument("user_id", user_id, "must not be empty")
        if actor is None or (actor.user_id != user_id and not actor.has(Role.ADMIN, Role.SERVICE)):
            # Another user's inbox is indistinguishable from one that does not exist.
            raise NotFound(f"inbox of {user_id} not found", field="user_id", value=user_id)
        limit = page_size(size)
        after = parse_cursor(token, lambda c: (datetime.fromisoformat(c[0]), uuid.UUID(c[1])))
        rows = await self.repository.page(user_id, limit=limit + 1, after=after)
        next_token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            last = rows[-1]
            next_token = encode_cursor([last.created_at.isoformat(), str(last.id)])
        return rows, next_token
