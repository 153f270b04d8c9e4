"""follow-up: one task a rule asks for ("a follow-up task due in 2 business days"): to a
named person, or to a role in the client's team (the client's advisor by default), with the
usual reminder and escalation to the team's manager when it is late."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from temporalio import workflow

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.models import (
        FollowUpInput as FollowUpInput,
        FollowUpResult as FollowUpResult,
    )
    from services.workflows.worker.processes.steps import SUMMARY
    from services.workflows.worker.processes.tasking import TaskingWorkflow
    from services.workflows.worker.task_specs import SlaPolicy, TaskSpec, titled

KIND = "follow-up"
ROLES = ("advisor", "manager", "service", "accountant", "partner")


def follow_up_workflow_id(client_id: str, params: Mapping[str, str]) -> str:
    """One follow-up per client and title, unless the starter names its own key."""
    key = params.get("key") or hashlib.sha256(params.get("title", "").encode()).hexdigest()[:16]
    return f"{KIND}/{client_id}/{key}"


def make_input(client: Any, params: Mapping[str, str]) -> FollowUpInput:
    """From a rule's action parameters; a bad one raises ValueError naming it."""
    title = params.get("title", "").strip()
    if not 1 <= len(title) <= 200:
        raise ValueError(f"parameters.title={title[:40]!r}: 1-200 characters")
    days_text = params.get("business_days", "2")
    if not days_text.isdigit() or not 1 <= int(days_text) <= 30:
        raise ValueError(f"parameters.business_days={days_text!r}: a whole number from 1 to 30")
    role = params.get("role", "advisor") or "advisor"
    if role not in ROLES:
        raise ValueError(f"parameters.role={role!r}: one of {', '.join(ROLES)}")
    return FollowUpInput(
        client_id=client.id,
        title=title,
        advisor_id=client.advisor_id,
        team_id=client.team_id,
        manager_id=params.get("manager_id", ""),
        second_level_id=params.get("second_level_id", ""),
        assignee_user=params.get("assignee", ""),
        assignee_role=role,
        business_days=int(days_text),
        timezone=client.timezone or "Asia/Shanghai",
    )


@workflow.defn(name="FollowUp")
class FollowUpWorkflow(TaskingWorkflow, FollowsClient):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"

    @workflow.run
    async def run(self, params: FollowUpInput) -> FollowUpResult:
        self.step = "follow up"
        assignee = params.assignee_user or (
            params.advisor_id if params.assignee_role == "advisor" else ""
        )
        message = titled("{title}", title=params.title)
        outcome = await self.tasks.ask(
            TaskSpec(
                task_id="follow-up",
                title=message.text,
                title_key=message.key,
                title_params=message.params,
                sla=SlaPolicy(
                    amount=params.business_days, unit="business_days", timezone=params.timezone
                ),
                outcomes=("done",),
                assignee_user=assignee,
                assignee_role=params.assignee_role,
                team_id=params.team_id,
                client_id=params.client_id,
                manager_id=params.manager_id,
                second_level_id=params.second_level_id,
                form=SUMMARY,
            )
        )
        self.step = "done"
        return FollowUpResult(client_id=params.client_id, outcome=outcome)
