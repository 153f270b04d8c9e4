"""What an outbox row becomes: the change event the rule engine receives (`change_event`),
with the facts rules on deposits and records ask for, and how the relay publishes a batch of
them (`grpc_publisher`: the workflows service's PublishEvents, as the clients service)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import Transaction, net_flow_amount

if TYPE_CHECKING:
    from services.clients.outbox import OutboxRow

FIRM_ZONE = ZoneInfo("Asia/Shanghai")
EVENT_ID_PREFIX = "clients/outbox/"


@dataclass(frozen=True)
class ChangeEvent:
    """One outbox row as the event the rule engine receives."""

    event_id: str
    type: str
    client_id: str
    occurred_at: datetime
    payload: dict[str, Any]


def field_changes(changes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """field -> {before, after}: custom fields one by one (`custom_fields.<key>`), tags with
    what was added and removed."""
    out: dict[str, dict[str, Any]] = {}
    for key, change in changes.items():
        if not isinstance(change, dict):
            continue
        before, after = change.get("before"), change.get("after")
        if key == "custom_fields":
            old = before if isinstance(before, dict) else {}
            new = after if isinstance(after, dict) else {}
            for name in sorted(set(old) | set(new)):
                if old.get(name) != new.get(name):
                    out[f"custom_fields.{name}"] = {
                        "before": old.get(name),
                        "after": new.get(name),
                    }
            continue
        if key == "tags":
            old_tags = before if isinstance(before, list) else []
            new_tags = after if isinstance(after, list) else []
            out[key] = {
                "before": old_tags,
                "after": new_tags,
                "added": [t for t in new_tags if t not in old_tags],
                "removed": [t for t in old_tags if t not in new_tags],
            }
            continue
        out[key] = {"before": before, "after": after}
    return out


def _number(value: Any) -> Any:
    """Amounts are stored as decimal text; conditions compare numbers."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def two_quarters_start(now: datetime) -> datetime:
    """The start of the previous quarter in the firm's zone: "the last two quarters" are it
    and the current one."""
    local = now.astimezone(FIRM_ZONE)
    quarter_month = (local.month - 1) // 3 * 3 + 1
    year, month = (local.year, quarter_month - 3) if quarter_month > 3 else (local.year - 1, 10)
    return datetime(year, month, 1, tzinfo=FIRM_ZONE)


async def flows_since(
    session: AsyncSession, client_ids: set[uuid.UUID], since: datetime
) -> dict[uuid.UUID, float]:
    """Each client's net flows (subscriptions - redemptions) since `since`."""
    if not client_ids:
        return {}
    statement = (
        select(Transaction.client_id, func.coalesce(func.sum(net_flow_amount()), 0))
        .where(Transaction.client_id.in_(client_ids), Transaction.occurred_at >= since)
        .group_by(Transaction.client_id)
    )
    found = {cid: float(total) for cid, total in (await session.execute(statement)).tuples()}
    return {cid: found.get(cid, 0.0) for cid in client_ids}


def change_event(
    row: OutboxRow, net_flows_2q: float | None = None, quarter: dict[str, Any] | None = None
) -> ChangeEvent:
    changes = field_changes(row.changes or {})
    # A new sub-record's values also sit at the top, as a published event's would
    # (event.payload.amount of a transaction.recorded).
    values = (
        {k: _number(c.get("after")) for k, c in changes.items()}
        if row.entity in ("transaction", "interaction", "holding")
        else {}
    )
    payload: dict[str, Any] = {
        **values,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "action": row.action,
        "actor_id": row.actor_id,
        "changes": changes,
        "fields": sorted(changes),
        "cause": {"event_id": row.cause, "depth": row.depth},
    }
    if row.entity == "record":
        # A record's type, for rules on record.created / record.changed (`{type}/{id}`).
        payload["record_type"], _, payload["record_id"] = row.entity_id.partition("/")
        if quarter is not None:
            payload["quarter"] = quarter
    if net_flows_2q is not None:
        # What rules on deposits ask: the client's net flows over this quarter and the last,
        # as of the relay.
        payload["net_flows_2q"] = net_flows_2q
    return ChangeEvent(
        event_id=f"{EVENT_ID_PREFIX}{row.id}",
        type=row.type,
        client_id=str(row.client_id),
        occurred_at=row.at,
        payload=payload,
    )


Publish = Callable[[Sequence[ChangeEvent]], Awaitable[None]]


def grpc_publisher(workflows: Any) -> Publish:
    """Publish through the workflows service's PublishEvents, as the clients service."""
    from clientflow.workflows.v1 import workflows_pb2
    from google.protobuf.struct_pb2 import Struct
    from google.protobuf.timestamp_pb2 import Timestamp

    from services.common.identity import Actor, Role

    relay_actor = Actor(user_id="system:clients-outbox", roles=frozenset({Role.SERVICE}))

    async def publish(events: Sequence[ChangeEvent]) -> None:
        messages = []
        for event in events:
            payload, at = Struct(), Timestamp()
            payload.update(event.payload)
            at.FromDatetime(event.occurred_at)
            messages.append(
                workflows_pb2.PublishEventRequest(
                    event_id=event.event_id,
                    type=event.type,
                    client_id=event.client_id,
                    occurred_at=at,
                    payload=payload,
                )
            )
        await workflows.PublishEvents(
            workflows_pb2.PublishEventsRequest(events=messages),
            metadata=relay_actor.to_metadata(),
            timeout=120,
        )

    return publish
