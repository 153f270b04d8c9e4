"""in-doubt-digest: run daily by the Temporal Schedule `clientflow-in-doubt-digest`, it tells
the operators which deliveries still wait for a person's decision (see
`activities/ops.py`)."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.types import (
        SEND_IN_DOUBT_DIGEST,
        DigestRequest,
        DigestResult,
    )
    from services.workflows.worker.calendar import local_date

SCHEDULE_ID = "clientflow-in-doubt-digest"
ZONE = "Asia/Shanghai"


@workflow.defn(name="InDoubtDigest")
class InDoubtDigestWorkflow:
    @workflow.run
    async def run(self) -> DigestResult:
        day = local_date(workflow.now(), ZONE).isoformat()
        result: DigestResult = await workflow.execute_activity(
            SEND_IN_DOUBT_DIGEST,
            DigestRequest(day=day),
            result_type=DigestResult,
            start_to_close_timeout=timedelta(minutes=5),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=5), maximum_attempts=10),
        )
        return result
