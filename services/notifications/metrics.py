"""The delivery gauges: deliveries not yet settled by state, dead letters, and the in-doubt
ones (the service stopped while a provider was being called) that someone must look at."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.metrics import Reading, TableGauge
from services.notifications.models import Delivery

PENDING = ("accepted", "deferred", "sending", "retrying")


def delivery_gauges(engine: AsyncEngine) -> list[TableGauge]:
    async def pending() -> Reading:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(Delivery.status, func.count())
                .where(Delivery.status.in_(PENDING))
                .group_by(Delivery.status)
            )
            return [(float(n), {"status": status}) for status, n in rows]

    async def dead_letters() -> Reading:
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    select(
                        func.count(),
                        func.count().filter(Delivery.reason.like("in_doubt%")),
                    ).where(Delivery.status == "failed")
                )
            ).one()
            return [(float(row[0]), {"kind": "all"}), (float(row[1]), {"kind": "in_doubt"})]

    return [
        TableGauge("clientflow.notifications.pending", "deliveries not yet settled", pending),
        TableGauge(
            "clientflow.notifications.dead_letters",
            "deliveries that failed for good (kind=in_doubt: may or may not have been sent)",
            dead_letters,
        ),
    ]
