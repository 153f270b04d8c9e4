"""client-care: a task for the advisor ahead of a key date of the client — a contract
renewal or a KYC expiry 30 days ahead (started by the date rules of the daily sweep, once
per occurrence). Greetings (birthdays, signing anniversaries) need no task: the date rules
send them as notifications."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from temporalio import workflow

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.models import (
        ClientCareInput as ClientCareInput,
        ClientCareResult as ClientCareResult,
        Occasion as Occasion,
    )
    from services.workflows.worker.processes.steps import advisor_task
    from services.workflows.worker.processes.tasking import TaskingWorkflow
    from services.workflows.worker.task_specs import FormField

KIND = "client-care"


OCCASIONS = {
    "contract-renewal": Occasion(
        "Prepare the contract renewal with the client", ("renewed", "not_renewing", "postponed"), 10
    ),
    "kyc-renewal": Occasion(
        "Renew the client's KYC before it expires", ("kyc_renewed", "client_unreachable"), 10
    ),
    "check-in": Occasion("Check in with the client", ("reached", "no_answer"), 5),
}


def client_care_workflow_id(client_id: str, params: Mapping[str, str]) -> str:
    return f"{KIND}/{client_id}/{params.get('occasion', 'check-in')}"


def make_input(client: Any, params: Mapping[str, str]) -> ClientCareInput:
    occasion = params.get("occasion", "check-in")
    if occasion not in OCCASIONS:
        raise ValueError(f"parameters.occasion={occasion!r}: must be one of {', '.join(OCCASIONS)}")
    return ClientCareInput(
        client_id=client.id,
        advisor_id=client.advisor_id,
        occasion=occasion,
        team_id=client.team_id,
        manager_id=params.get("manager_id", ""),
        second_level_id=params.get("second_level_id", ""),
        timezone=client.timezone or "Asia/Shanghai",
    )


@workflow.defn(name="ClientCare")
class ClientCareWorkflow(TaskingWorkflow, FollowsClient):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"

    @workflow.run
    async def run(self, params: ClientCareInput) -> ClientCareResult:
        occasion = OCCASIONS[params.occasion]
        self.enter(occasion.title)
        outcome = await self.tasks.ask(
            advisor_task(
                params,
                params.occasion,
                occasion.title,
                business_days=occasion.business_days,
                outcomes=occasion.outcomes,
                form=(FormField("summary", required=False),),
            )
        )
        self.enter("done")
        return ClientCareResult(params.client_id, params.occasion, outcome)
