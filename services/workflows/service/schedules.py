"""Temporal Schedules for periodic work (never cron in a process), visible and pausable in
the Temporal UI:

- `clientflow-date-triggers`: 07:00 Asia/Shanghai, the date rules (birthdays, anniversaries,
  renewals, KYC expiries), catching up on days it missed;
- `clientflow-dormant-scan`: 09:00 Asia/Shanghai, the dormant-client scan;
- `clientflow-quarterly-reports`: 09:00 on the first day of each quarter, the firm's report
  run for the quarter that ended;
- `clientflow-annual-reviews`: 09:00 on 2 January, an annual review for every CORE and
  STRATEGIC client;
- `clientflow-in-doubt-digest`: 08:30, the operators' digest of deliveries in doubt.

`clientflow schedules sync` creates the missing ones and brings existing ones to this
definition (spec and action), keeping whether an operator paused them. The workflows
service only creates missing ones at start-up, so an operator's change survives restarts
until the next sync.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
)

from services.workflows.worker.processes import annual_review, lifecycle_sweep, ops_digest
from services.workflows.worker.processes.annual_review import (
    AnnualReviewKickoffInput,
    AnnualReviewKickoffWorkflow,
)
from services.workflows.worker.processes.date_sweep import (
    SCHEDULE_ID,
    ZONE,
    DateTriggersSweepWorkflow,
)
from services.workflows.worker.processes.dormant import (
    SCAN_SCHEDULE_ID,
    DormantScanInput,
    DormantScanWorkflow,
)
from services.workflows.worker.processes.quarterly import (
    QUARTERLY_SCHEDULE_ID,
    QuarterlyKickoffInput,
    QuarterlyReportKickoffWorkflow,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncResult:
    created: list[str]
    updated: list[str]


def schedules(task_queue: str) -> dict[str, Schedule]:
    """Every schedule by id, as it should be."""
    # A run still going when the next is due (a long catch-up) is not doubled.
    policy = SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP)
    return {
        SCHEDULE_ID: Schedule(
            action=ScheduleActionStartWorkflow(
                DateTriggersSweepWorkflow.run, id="date-triggers", task_queue=task_queue
            ),
            # 07:00 in the firm's zone: greetings go out in the morning.
            spec=ScheduleSpec(cron_expressions=["0 7 * * *"], time_zone_name=ZONE),
            policy=policy,
        ),
        SCAN_SCHEDULE_ID: Schedule(
            action=ScheduleActionStartWorkflow(
                DormantScanWorkflow.run,
                DormantScanInput(),
                id="dormant-scan",
                task_queue=task_queue,
            ),
            # 09:00: the reactivation messages leave inside business hours (not deferred by
            # quiet hours) and the advisors' call tasks arrive at the start of the day.
            spec=ScheduleSpec(cron_expressions=["0 9 * * *"], time_zone_name=ZONE),
            policy=policy,
        ),
        QUARTERLY_SCHEDULE_ID: Schedule(
            action=ScheduleActionStartWorkflow(
                QuarterlyReportKickoffWorkflow.run,
                QuarterlyKickoffInput(),
                id="quarterly-report-kickoff",
                task_queue=task_queue,
            ),
            # The first day of each quarter, for the quarter that just ended.
            spec=ScheduleSpec(cron_expressions=["0 9 1 1,4,7,10 *"], time_zone_name=ZONE),
            policy=policy,
        ),
        lifecycle_sweep.SCHEDULE_ID: Schedule(
            action=ScheduleActionStartWorkflow(
                lifecycle_sweep.LifecycleSweepWorkflow.run,
                id="lifecycle-sweep",
                task_queue=task_queue,
            ),
            # 06:30, before the working day: stages are current when advisors start.
            spec=ScheduleSpec(cron_expressions=["30 6 * * *"], time_zone_name=ZONE),
            policy=policy,
        ),
        annual_review.SCHEDULE_ID: Schedule(
            action=ScheduleActionStartWorkflow(
                AnnualReviewKickoffWorkflow.run,
                AnnualReviewKickoffInput(),
                id="annual-review-kickoff",
                task_queue=task_queue,
            ),
            spec=ScheduleSpec(cron_expressions=["0 9 2 1 *"], time_zone_name=ZONE),
            policy=policy,
        ),
        ops_digest.SCHEDULE_ID: Schedule(
            action=ScheduleActionStartWorkflow(
                ops_digest.InDoubtDigestWorkflow.run,
                id="in-doubt-digest",
                task_queue=task_queue,
            ),
            spec=ScheduleSpec(cron_expressions=["30 8 * * *"], time_zone_name=ZONE),
            policy=policy,
        ),
    }


async def sync_schedules(client: Client, task_queue: str, *, update: bool = True) -> SyncResult:
    """Create the missing schedules and, with `update`, bring the others to their definition
    (an operator's pause stays)."""
    result = SyncResult(created=[], updated=[])
    for schedule_id, schedule in schedules(task_queue).items():
        try:
            await client.create_schedule(schedule_id, schedule)
            result.created.append(schedule_id)
            continue
        except ScheduleAlreadyRunningError:
            if not update:
                continue

        def updater(current: ScheduleUpdateInput, wanted: Schedule = schedule) -> ScheduleUpdate:
            wanted.state = current.description.schedule.state
            return ScheduleUpdate(schedule=wanted)

        await client.get_schedule_handle(schedule_id).update(updater)
        result.updated.append(schedule_id)
    if result.created or result.updated:
        log.info("schedules synced", extra={"created": result.created, "updated": result.updated})
    return result


async def ensure_schedules(client: Client, task_queue: str) -> list[str]:
    """Create the missing schedules only; returns the ids created."""
    return (await sync_schedules(client, task_queue, update=False)).created
