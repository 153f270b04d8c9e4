"""`process.completed` for the coded processes: a worker interceptor publishes it when a
process about one client returns (the definition interpreter publishes its own), so a rule
can answer the end of onboarding, a review or a reactivation as it answers a definition's.
Runs recorded before this replay without it (workflow.patched)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.worker import (
    ExecuteWorkflowInput,
    Interceptor,
    WorkflowInboundInterceptor,
    WorkflowInterceptorClassInput,
)

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.definition_types import (
        PROCESS_COMPLETED,
        ProcessCompleted,
    )

PATCH = "coded-process-completed-event"
# The interpreter publishes its own; ClientCheck is the worker's check that it reaches the
# record, no business process; batch runs are about no one client (no client_id).
SKIPPED = frozenset({"Definition", "ClientCheck"})


def outcome_of(result: Any) -> str:
    """The result's outcome (a task's, when the process ends with one), status, or done."""
    for name in ("outcome", "status", "state"):
        value = getattr(result, name, None)
        value = getattr(value, "outcome", value)  # a TaskOutcome
        if isinstance(value, str) and value:
            return value[:64]
    return "done"


class _Completions(WorkflowInboundInterceptor):
    async def execute_workflow(self, input: ExecuteWorkflowInput) -> Any:
        result = await super().execute_workflow(input)
        info = workflow.info()
        client_id = str(getattr(input.args[0], "client_id", "") or "") if input.args else ""
        if info.workflow_type in SKIPPED or not client_id:
            return result
        if workflow.patched(PATCH):
            await workflow.execute_activity(
                PROCESS_COMPLETED,
                ProcessCompleted(
                    workflow_id=info.workflow_id,
                    client_id=client_id,
                    key=info.workflow_id.split("/", 1)[0],
                    version=0,
                    outcome=outcome_of(result),
                    kind=info.workflow_id.split("/", 1)[0],
                ),
                start_to_close_timeout=timedelta(seconds=60),
            )
        return result


class ProcessCompletions(Interceptor):
    def workflow_interceptor_class(
        self, input: WorkflowInterceptorClassInput
    ) -> type[WorkflowInboundInterceptor] | None:
        return _Completions
