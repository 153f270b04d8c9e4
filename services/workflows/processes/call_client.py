"""call-client: "call the client within N business days" — the smallest process with a
human task: the advisor is asked, reminded half-way, and the manager (then the second level)
is alerted when the deadline passes; the advisor completes it with an outcome and a summary."""

from __future__ import annotations

from dataclasses import dataclass

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services.workflows.human import FormField, HumanTasks, SlaPolicy, TaskOutcome, TaskSpec
    from services.workflows.processes.tasking import TaskingWorkflow

KIND = "call-client"
OUTCOMES = ("reached", "no_answer", "declined")


def call_client_workflow_id(client_id: str, reason: str) -> str:
    return f"{KIND}/{client_id}/{reason}"


@dataclass(frozen=True)
class CallClientInput:
    client_id: str
    advisor_id: str
    team_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    business_days: int = 2
    reason: str = "follow-up"
    timezone: str = "Asia/Shanghai"


@dataclass(frozen=True)
class CallClientResult:
    client_id: str
    outcome: TaskOutcome


@workflow.defn(name="CallClient")
class CallClientWorkflow(TaskingWorkflow):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"

    @workflow.run
    async def run(self, params: CallClientInput) -> CallClientResult:
        self.step = "call the client"
        outcome = await self.tasks.ask(
            TaskSpec(
                task_id="call",
                title=f"Call the client ({params.reason})",
                sla=SlaPolicy(
                    amount=params.business_days, unit="business_days", timezone=params.timezone
                ),
                outcomes=OUTCOMES,
                assignee_user=params.advisor_id,
                assignee_role="advisor",
                team_id=params.team_id,
                client_id=params.client_id,
                manager_id=params.manager_id,
                second_level_id=params.second_level_id,
                form=(FormField("summary"),),
            )
        )
        self.step = "done"
        return CallClientResult(client_id=params.client_id, outcome=outcome)
