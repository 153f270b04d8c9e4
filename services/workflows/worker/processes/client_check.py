"""client-check: the smallest real process. It reads the client through an activity
(activity -> clients gRPC -> PostgreSQL) and returns what it found, proving the path
gateway -> workflows service -> Temporal -> worker -> clients service end to end."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.types import (
        GET_CLIENT_SUMMARY,
        ClientSummary,
        ClientSummaryRequest,
    )
    from services.workflows.worker.processes.models import (
        ClientCheckInput as ClientCheckInput,
        ClientCheckResult as ClientCheckResult,
    )

KIND = "client-check"


def client_check_workflow_id(client_id: str) -> str:
    """One running check per client; a second start while it runs is rejected."""
    return f"{KIND}/{client_id}"


@workflow.defn(name="ClientCheck")
class ClientCheckWorkflow(FollowsClient):
    @workflow.run
    async def run(self, params: ClientCheckInput) -> ClientCheckResult:
        summary = await workflow.execute_activity(
            GET_CLIENT_SUMMARY,
            ClientSummaryRequest(client_id=params.client_id),
            result_type=ClientSummary,
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(maximum_interval=timedelta(seconds=30), maximum_attempts=10),
        )
        return ClientCheckResult(
            client_id=summary.client_id,
            name=summary.name,
            advisor_id=summary.advisor_id,
            checked_at=workflow.now().isoformat(),
        )
