"""Who viewed which client's sensitive records: the 360 view (with KYC), holdings,
transactions, the audit trail and reports. A person's reads are recorded in the reading
transaction; services' and the system's reads (routing a message, a process step) are not."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, String, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from services.clients.models import Base
from services.common.errors import InvalidArgument, PermissionDenied
from services.common.identity import Actor, Role
from services.common.pagination import encode_cursor, page_size, parse_cursor


class AccessEntry(Base):
    """Who viewed which client's KYC, holdings, transactions or reports."""

    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_client_at", "client_id", "at"),
        Index("ix_access_log_actor_at", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor_id: Mapped[str] = mapped_column(String(64))
    client_id: Mapped[uuid.UUID] = mapped_column()
    what: Mapped[str] = mapped_column(String(32))


WHAT = ("view", "holdings", "transactions", "audit", "report")


def is_person(actor: Actor) -> bool:
    return not actor.has(Role.SERVICE) and not actor.user_id.startswith("system:")


async def record(session: AsyncSession, actor: Actor, client_id: uuid.UUID, what: str) -> None:
    """Note that `actor` read `what` of the client (people only)."""
    if is_person(actor):
        await session.execute(
            insert(AccessEntry).values(actor_id=actor.user_id, client_id=client_id, what=what)
        )


async def page(
    session: AsyncSession,
    actor: Actor,
    *,
    client_id: str,
    user_id: str,
    size: int,
    token: str,
) -> tuple[list[AccessEntry], str]:
    """Newest first, by client and/or person: admins only."""
    if not actor.has(Role.ADMIN):
        raise PermissionDenied("the access log is for admins")
    if not client_id and not user_id:
        raise InvalidArgument("client_id", "", "name a client_id or a user_id (or both)")
    statement = select(AccessEntry)
    if client_id:
        try:
            statement = statement.where(AccessEntry.client_id == uuid.UUID(client_id))
        except ValueError:
            raise InvalidArgument("client_id", client_id, "is not a client id") from None
    if user_id:
        statement = statement.where(AccessEntry.actor_id == user_id)
    after = parse_cursor(token, lambda c: int(c[0]), length=1)
    if after is not None:
        statement = statement.where(AccessEntry.id < after)
    limit = page_size(size)
    rows = list(
        (
            await session.execute(statement.order_by(AccessEntry.id.desc()).limit(limit + 1))
        ).scalars()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor([rows[-1].id]) if more else ""
