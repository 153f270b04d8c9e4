"""Every SQL statement of the notifications service."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.models import InboxMessage


class InboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(
        self, user_id: str, *, limit: int, after: tuple[datetime, uuid.UUID] | None
    ) -> list[InboxMessage]:
        """Newest first, keyset-paginated on (created_at, id)."""
        statement = select(InboxMessage).where(InboxMessage.user_id == user_id)
        if after is not None:
            statement = statement.where(tuple_(InboxMessage.created_at, InboxMessage.id) < after)
        statement = statement.order_by(
            InboxMessage.created_at.desc(), InboxMessage.id.desc()
        ).limit(limit)
        return list((await self.session.execute(statement)).scalars())

    async def add(self, message: InboxMessage) -> InboxMessage:
        """Insert and flush."""
        self.session.add(message)
        await self.session.flush()
        await self.session.refresh(message)
        return message
