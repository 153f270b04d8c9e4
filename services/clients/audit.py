"""The audit trail: who changed what, with before and after."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import AuditEntry


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
    """Add an audit entry to the current transaction (it commits or rolls back with the change)."""
    session.add(
        AuditEntry(
            client_id=client_id,
            entity=entity,
            entity_id=str(entity_id),
            action=action,
            actor_id=actor_id,
            changes=jsonable(changes),
        )
    )
