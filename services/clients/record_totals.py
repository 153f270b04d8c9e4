"""What a rule on a record's event knows of the client's other records of the type: this
quarter's count and the totals of its number and money fields (records created since the
quarter began in the firm's zone, active ones), computed when the event is relayed — "a
dealer's orders this quarter crossed ¥1,000,000"."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.record_models import RecordRow

MAX_ROWS = 20_000

Key = tuple[uuid.UUID, str]


def quarter_start(now: datetime, zone: Any) -> datetime:
    local = now.astimezone(zone)
    return datetime(local.year, (local.month - 1) // 3 * 3 + 1, 1, tzinfo=zone)


def _amount(value: Any) -> float | None:
    if isinstance(value, dict):
        value = value.get("amount")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


async def quarter_totals(
    session: AsyncSession, keys: set[Key], since: datetime
) -> dict[Key, dict[str, Any]]:
    """(client, type) → {"count", "totals": {field: sum}} of this quarter's active records."""
    if not keys:
        return {}
    clients = {client for client, _type in keys}
    types = {kind for _client, kind in keys}
    rows = await session.execute(
        select(RecordRow.client_id, RecordRow.type_key, RecordRow.data)
        .where(
            RecordRow.client_id.in_(clients),
            RecordRow.type_key.in_(types),
            RecordRow.status == "active",
            RecordRow.created_at >= since,
        )
        .limit(MAX_ROWS)
    )
    found: dict[Key, dict[str, Any]] = {
        key: {"count": 0, "totals": defaultdict(float)} for key in keys
    }
    for client_id, type_key, data in rows.tuples():
        entry = found.get((client_id, type_key))
        if entry is None:
            continue
        entry["count"] += 1
        for field, value in (data or {}).items():
            amount = _amount(value)
            if amount is not None:
                entry["totals"][field] += amount
    return {key: {"count": v["count"], "totals": dict(v["totals"])} for key, v in found.items()}
