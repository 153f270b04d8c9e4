"""Every SQL statement of the workflows service over its own schema: the task projection,
rules, events, the dormant scan's watermarks and the default rules. (The task gauges in
`metrics.py` are aggregate queries that define the metric and stay with it.)"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, func, literal, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from services.common.insert_once import InsertOnce
from services.workflows.service.models import Event, Rule, ScanWatermark, Task

# Tasks without a due date sort after every dated one.
FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


def _due_key() -> ColumnElement[Any]:
    return func.coalesce(Task.due_at, literal(FAR_FUTURE))


# The projection's write, for every task a workflow opens, reminds, escalates or closes.
UPSERT_TASK = InsertOnce(
    cast(Table, Task.__table__), ("id",), update='"tasks"."revision" <= EXCLUDED."revision"'
)

TASK_COLUMNS = frozenset(Task.__table__.c.keys())


class TaskRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, values: dict[str, Any]) -> Task:
        """Insert or update, unless the stored revision is newer (a late activity retry).
        `values` names every column: the statement applies no Python-side defaults."""
        if missing := TASK_COLUMNS - values.keys():
            raise ValueError(f"a task projection without {sorted(missing)}")
        await self.session.execute(UPSERT_TASK.statement(values), values)
        row = await self.session.get(Task, values["id"], populate_existing=True)
        assert row is not None
        return row

    async def get(self, task_id: uuid.UUID) -> Task | None:
        return await self.session.get(Task, task_id)

    async def page(
        self,
        where: list[ColumnElement[bool]],
        *,
        limit: int,
        after: tuple[datetime, uuid.UUID] | None,
    ) -> list[Task]:
        statement = select(Task).where(*where)
        if after is not None:
            statement = statement.where(tuple_(_due_key(), Task.id) > after)
        statement = statement.order_by(_due_key(), Task.id).limit(limit)
        return list((await self.session.execute(statement)).scalars())


class RuleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def live(self, rule_id: uuid.UUID) -> Rule | None:
        """The rule unless it was deleted."""
        rule = await self.session.get(Rule, rule_id)
        return None if rule is None or rule.deleted_at is not None else rule

    async def listed(self, event_type: str) -> list[Rule]:
        """Every rule not deleted (of an event type, when given), by name."""
        statement = select(Rule).where(Rule.deleted_at.is_(None)).order_by(Rule.name, Rule.id)
        if event_type:
            statement = statement.where(Rule.event_type == event_type)
        return list((await self.session.execute(statement)).scalars())

    async def enabled(self, trigger: str, event_type: str | None = None) -> list[Rule]:
        """The enabled rules of a trigger (of an event type, when given)."""
        statement = select(Rule).where(
            Rule.trigger == trigger, Rule.enabled.is_(True), Rule.deleted_at.is_(None)
        )
        if event_type is not None:
            statement = statement.where(Rule.event_type == event_type)
        return list((await self.session.execute(statement)).scalars())

    async def record_error(self, rule_id: uuid.UUID, error: str) -> None:
        """Count a condition that failed to evaluate, and keep the last one."""
        await self.session.execute(
            update(Rule)
            .where(Rule.id == rule_id)
            .values(
                error_count=Rule.error_count + 1,
                last_error=error,
                last_error_at=datetime.now(UTC),
            )
        )


async def insert_rules_once(connection: AsyncConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Insert the rules whose ids are not there yet; how many were added."""
    result = await connection.execute(
        insert(Rule)
        .values(list(rows))
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(Rule.id)
    )
    return len(result.fetchall())


# One statement for every event, compiled once (see services/common/insert_once.py).
_INSERT_EVENT = InsertOnce(cast(Table, Event.__table__), ["event_id"], returning=["event_id"])


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, event_id: str) -> Event | None:
        return await self.session.get(Event, event_id)

    async def insert_once(self, values: dict[str, Any]) -> bool:
        """Store the event unless its id is there; True when it was already there."""
        inserted = await self.session.execute(_INSERT_EVENT.statement(values), values)
        return inserted.scalar_one_or_none() is None

    async def claim(self, event_id: str, *, skip_locked: bool = False) -> Event | None:
        """The event with its row locked until the transaction ends (or the connection of a
        publisher that died closes), read once the lock is granted, so its firings are the
        latest. With `skip_locked`, None when another transaction holds it."""
        statement = (
            select(Event)
            .where(Event.event_id == event_id)
            .with_for_update(skip_locked=skip_locked)
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()


class WatermarkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all(self) -> dict[str, datetime]:
        rows = (await self.session.execute(select(ScanWatermark))).scalars()
        return {row.name: row.watermark for row in rows}

    async def advance(self, name: str, watermark: datetime) -> None:
        """Move a watermark forward (never backwards)."""
        now = datetime.now(UTC)
        table = ScanWatermark.__table__
        statement = insert(ScanWatermark).values(name=name, watermark=watermark, updated_at=now)
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["name"],
                set_={"watermark": statement.excluded.watermark, "updated_at": now},
                where=table.c.watermark < statement.excluded.watermark,
            )
        )
