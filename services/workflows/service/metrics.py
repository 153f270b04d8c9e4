"""The human-task gauges: open tasks by process kind and state, overdue ones by kind."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.metrics import Reading, TableGauge
from services.workflows.service.models import Task

ACTIVE = ("open", "claimed", "escalated")


def task_gauges(engine: AsyncEngine) -> list[TableGauge]:
    async def backlog() -> Reading:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(Task.process_kind, Task.status, func.count())
                .where(Task.status.in_(ACTIVE))
                .group_by(Task.process_kind, Task.status)
            )
            return [(float(n), {"process_kind": kind, "status": st}) for kind, st, n in rows]

    async def overdue() -> Reading:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(Task.process_kind, func.count())
                .where(Task.status.in_(ACTIVE), Task.due_at < func.now())
                .group_by(Task.process_kind)
            )
            return [(float(n), {"process_kind": kind}) for kind, n in rows]

    return [
        TableGauge("clientflow.tasks.open", "human tasks waiting on someone", backlog),
        TableGauge("clientflow.tasks.overdue", "human tasks past their due time", overdue),
    ]
