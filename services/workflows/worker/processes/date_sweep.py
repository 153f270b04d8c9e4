"""date-triggers: run daily by a Temporal Schedule (visible in the Temporal UI), it fires the
date rules (birthdays, anniversaries, contract ends, KYC expiries) due that day, catching up
on days it did not run."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.types import (
        SWEEP_DATES,
        SweepDatesInput,
        SweepDatesResult,
    )
    from services.workflows.worker.calendar import local_date

SCHEDULE_ID = "clientflow-date-triggers"
ZONE = "Asia/Shanghai"


@workflow.defn(name="DateTriggersSweep")
class DateTriggersSweepWorkflow:
    @workflow.run
    async def run(self) -> SweepDatesResult:
        day = local_date(workflow.now(), ZONE)
        result: SweepDatesResult = await workflow.execute_activity(
            SWEEP_DATES,
            SweepDatesInput(day=day.isoformat()),
            result_type=SweepDatesResult,
            start_to_close_timeout=timedelta(minutes=30),
            # The activity heartbeats: a worker that dies mid-call is noticed in 30 s.
            heartbeat_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=5), maximum_attempts=5),
        )
        return result
