"""lifecycle-sweep: run daily by a Temporal Schedule, it applies the lifecycle rules to every
client, so moves that follow from time passing (a quarter closing, days of inactivity) happen
without anyone asking; each move is recorded with its rule and inputs by the clients service."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.types import EVALUATE_LIFECYCLE, LifecycleSweepResult

SCHEDULE_ID = "clientflow-lifecycle"


@workflow.defn(name="LifecycleSweep")
class LifecycleSweepWorkflow:
    @workflow.run
    async def run(self) -> LifecycleSweepResult:
        result: LifecycleSweepResult = await workflow.execute_activity(
            EVALUATE_LIFECYCLE,
            result_type=LifecycleSweepResult,
            start_to_close_timeout=timedelta(minutes=30),
            # The activity heartbeats: a worker that dies mid-call is noticed in 30 s.
            heartbeat_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=5), maximum_attempts=5),
        )
        return result
