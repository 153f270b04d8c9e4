"""The audit trail: who changed what, with before and after, in a hash chain per client that
`verify_chains` recomputes (an edited or deleted entry breaks it)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import AuditEntry
from services.common.internal_auth import current_cause


def jsonable(value: Any) -> Any:
    """Values as they are stored in the audit JSON."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """field -> {before, after} for every field whose value changed."""
    changes = {}
    for key in sorted(set(before) | set(after)):
        old, new = jsonable(before.get(key)), jsonable(after.get(key))
        if old != new:
            changes[key] = {"before": old, "after": new}
    return changes


def record(
    session: AsyncSession,
    *,
    actor_id: str,
    client_id: uuid.UUID | None,
    entity: str,
    entity_id: object,
    action: str,
    changes: dict[str, Any],
) -> None:
    """Add an audit entry to the current transaction (it commits or rolls back with the change);
    the entry's change event goes to the outbox with it (a trigger)."""
    cause, depth = current_cause()
    session.add(
        AuditEntry(
            client_id=client_id,
            entity=entity,
            entity_id=str(entity_id),
            action=action,
            actor_id=actor_id,
            changes=jsonable(changes),
            cause=cause,
            depth=depth,
        )
    )


@dataclass(frozen=True)
class ChainBreak:
    """An audit entry whose chain does not hold."""

    id: int
    client_id: uuid.UUID | None
    seq: int | None
    problem: str


VERIFY = text(
    """
    WITH ordered AS (
        SELECT id, client_id, seq, prev_hash, hash,
               clients.audit_entry_hash(prev_hash, seq, client_id, entity, entity_id, action,
                                        actor_id, changes, at) AS computed,
               lag(hash) OVER chain AS previous_hash,
               lag(seq) OVER chain AS previous_seq
          FROM clients.audit_log
        WINDOW chain AS (PARTITION BY client_id ORDER BY seq)
    )
    SELECT id, client_id, seq,
           CASE
             WHEN seq IS NULL OR hash IS NULL THEN 'not chained'
             WHEN hash <> computed THEN 'edited: its content no longer matches its hash'
             WHEN seq <> coalesce(previous_seq, 0) + 1
               THEN 'entries before it are missing (deleted)'
             WHEN prev_hash <> coalesce(previous_hash, '')
               THEN 'the entry before it was changed or replaced'
           END AS problem
      FROM ordered
     ORDER BY client_id NULLS FIRST, seq
    """
)


async def verify_chains(session: AsyncSession) -> tuple[int, list[ChainBreak]]:
    """Recompute every chain: (entries checked, the entries where a chain breaks)."""
    checked = 0
    breaks: list[ChainBreak] = []
    for row in (await session.execute(VERIFY)).tuples():
        checked += 1
        if row[3] is not None:
            breaks.append(ChainBreak(row[0], row[1], row[2], row[3]))
    return checked, breaks
