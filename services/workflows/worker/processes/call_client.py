"""call-client: "call the client within N business days" — the smallest process with a
human task: the advisor is asked, reminded half-way, and the manager (then the second level)
is alerted when the deadline passes; the advisor completes it with an outcome and a summary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from temporalio import workflow

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.models import (
        CallClientInput as CallClientInput,
        CallClientResult as CallClientResult,
    )
    from services.workflows.worker.processes.steps import advisor_task
    from services.workflows.worker.processes.tasking import TaskingWorkflow
    from services.workflows.worker.task_specs import titled

KIND = "call-client"
OUTCOMES = ("reached", "no_answer", "declined")


def call_client_workflow_id(client_id: str, reason: str) -> str:
    return f"{KIND}/{client_id}/{reason}"


def make_input(client: Any, params: Mapping[str, str]) -> CallClientInput:
    """From a start request's parameters; a bad one raises ValueError naming it."""
    days_text = params.get("business_days", "2")
    try:
        days = int(days_text)
    except ValueError:
        raise ValueError(
            f"parameters.business_days={days_text!r}: must be a whole number"
        ) from None
    if not 1 <= days <= 30:
        raise ValueError(f"parameters.business_days={days}: must be between 1 and 30")
    reason = params.get("reason", "follow-up")
    if not reason or len(reason) > 64 or "/" in reason:
        raise ValueError(f"parameters.reason={reason!r}: 1-64 characters, no '/'")
    return CallClientInput(
        client_id=client.id,
        advisor_id=client.advisor_id,
        team_id=client.team_id,
        manager_id=params.get("manager_id", ""),
        second_level_id=params.get("second_level_id", ""),
        business_days=days,
        reason=reason,
        timezone=client.timezone or "Asia/Shanghai",
    )


@workflow.defn(name="CallClient")
class CallClientWorkflow(TaskingWorkflow, FollowsClient):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"

    @workflow.run
    async def run(self, params: CallClientInput) -> CallClientResult:
        self.step = "call the client"
        outcome = await self.tasks.ask(
            advisor_task(
                params,
                "call",
                titled("Call the client ({reason})", reason=params.reason),
                business_days=params.business_days,
                outcomes=OUTCOMES,
            )
        )
        self.step = "done"
        return CallClientResult(client_id=params.client_id, outcome=outcome)
