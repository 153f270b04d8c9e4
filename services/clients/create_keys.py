"""Idempotency keys of client creation (Stripe's semantics): the same caller's same key with
the same request returns the client the first request created; with another request it is a
conflict naming the key. The key is claimed in the creating transaction, so a concurrent
retry waits on the first and then finds its client."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, String, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from services.clients.models import Base
from services.common.errors import AlreadyExists, InvalidArgument
from services.common.identity import Actor

MAX_KEY_LENGTH = 200


class CreateKey(Base):
    __tablename__ = "create_keys"

    actor_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    client_id: Mapped[uuid.UUID]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def fingerprint(request: bytes) -> str:
    return hashlib.sha256(request).hexdigest()


def check_key(key: str) -> str:
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidArgument(
            "Idempotency-Key",
            key[:40],
            f"must be printable and at most {MAX_KEY_LENGTH} characters",
        )
    return key


async def claim_or_replay(
    session: AsyncSession, actor: Actor, key: str, print_: str, new_id: uuid.UUID
) -> uuid.UUID | None:
    """Claim `key` for the client about to be created as `new_id` (None: go ahead), or the
    client an earlier request with this key created. ALREADY_EXISTS when the key was used for
    another request. A concurrent request with the same key waits here on the first one's
    row until that commits (then replays it) or rolls back (then claims the key itself)."""
    claimed = await session.execute(
        insert(CreateKey)
        .values(
            actor_id=actor.user_id,
            key=key,
            fingerprint=print_,
            client_id=new_id,
            created_at=datetime.now(UTC),
        )
        .on_conflict_do_nothing()
        .returning(CreateKey.key)
    )
    if claimed.scalar_one_or_none() is not None:
        return None
    row = (
        await session.execute(
            select(CreateKey).where(CreateKey.actor_id == actor.user_id, CreateKey.key == key)
        )
    ).scalar_one()
    if row.fingerprint != print_:
        raise AlreadyExists(
            f"Idempotency-Key {key!r} was used for another request: the same key must carry "
            "the same body",
            field="Idempotency-Key",
            value=key,
        )
    return row.client_id
