"""Temporal Schedules for periodic work (never cron in a process): created when the
workflows service starts, left alone when they exist (an operator may have paused one)."""

from __future__ import annotations

import logging

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleSpec,
)

from services.workflows.processes.date_sweep import SCHEDULE_ID, ZONE, DateTriggersSweepWorkflow

log = logging.getLogger(__name__)


async def ensure_schedules(client: Client, task_queue: str) -> list[str]:
    """Create the missing schedules; returns the ids created."""
    created = []
    try:
        await client.create_schedule(
            SCHEDULE_ID,
            Schedule(
                action=ScheduleActionStartWorkflow(
                    DateTriggersSweepWorkflow.run, id="date-triggers", task_queue=task_queue
                ),
                # 07:00 in the firm's zone: greetings go out in the morning.
                spec=ScheduleSpec(cron_expressions=["0 7 * * *"], time_zone_name=ZONE),
            ),
        )
        created.append(SCHEDULE_ID)
    except ScheduleAlreadyRunningError:
        pass
    if created:
        log.info("schedules created", extra={"schedules": created})
    return created
