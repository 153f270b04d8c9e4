"""Task and approval nodes: the human-task engine (SLA, reminders, escalation, forms) asked
from a definition's node."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.definition_types import (
        RESOLVE_APPROVERS,
        ApproversRequest,
    )
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.models import DefinitionInput
    from services.workflows.worker.task_specs import (
        FormField,
        SlaPolicy,
        TaskOutcome,
        TaskSpec,
        titled,
    )

APPROVE, REJECT = "approve", "reject"
# A task to the client: its assignee is the portal identity `client:{client id}`.
CLIENT = "client"
COMMENT = (FormField("comment", required=False, label_zh="意见", label_en="Comment"),)


def words(value: Any) -> dict[str, str]:
    return dict(value) if isinstance(value, dict) else {}


def sla_of(node: dict[str, Any], params: DefinitionInput) -> SlaPolicy:
    sla = node.get("sla") or {"business_days": 2}
    days, hours = sla.get("business_days"), sla.get("business_hours")
    amount = float(days if days is not None else hours or 16)
    amount = float((sla.get("by_tier") or {}).get(params.tier, amount))
    return SlaPolicy(
        amount=amount,
        unit="business_days" if days is not None else "business_hours",
        remind_at=float(sla.get("remind_at", 0.5)),
        timezone=params.timezone,
    )


def spec_for(
    node: dict[str, Any],
    params: DefinitionInput,
    task_id: str,
    *,
    assignee_user: str,
    assignee_role: str,
    outcomes: tuple[str, ...],
    form: tuple[FormField, ...],
    returned: str = "",
    role_required: bool = False,
) -> TaskSpec:
    title = words(node.get("title"))
    if returned:
        message = titled("{title} (returned: {comment})", title=title, comment=returned)
    else:
        message = titled("{title}", title=title)
    client = words(node.get("client_title"))
    return TaskSpec(
        task_id=task_id,
        title=message.text,
        title_key=message.key,
        title_params=message.params,
        sla=sla_of(node, params),
        outcomes=outcomes,
        assignee_user=assignee_user,
        assignee_role=assignee_role,
        team_id=params.team_id,
        client_id=params.client_id,
        manager_id=params.manager_id,
        second_level_id=params.second_level_id,
        form=form,
        role_required=role_required,
        client_visible=bool(node.get("client_visible")) or assignee_role == CLIENT,
        client_title=tuple(sorted(client.items())),
    )


def form_of(node: dict[str, Any]) -> tuple[FormField, ...]:
    return tuple(
        FormField(
            name=f["name"],
            required=bool(f.get("required", True)),
            kind=f.get("type", "text"),
            options=tuple(f.get("options") or ()),
            label_zh=words(f.get("label")).get("zh-CN", ""),
            label_en=words(f.get("label")).get("en", ""),
        )
        for f in node.get("form") or ()
    )


def assignee_of(node: dict[str, Any], params: DefinitionInput) -> tuple[str, str]:
    """(user, role) the task goes to."""
    who = node.get("assignee") or {}
    if who.get("to") == CLIENT:
        return f"{CLIENT}:{params.client_id}", CLIENT
    if who.get("to") == "manager":
        return params.manager_id, "manager"
    if who.get("to") == "advisor":
        return params.advisor_id, "advisor"
    if who.get("user"):
        return str(who["user"]), ""
    return "", str(who.get("role") or "advisor")


async def ask_task(
    tasks: HumanTasks, node: dict[str, Any], params: DefinitionInput, task_id: str, returned: str
) -> TaskOutcome:
    user, role = assignee_of(node, params)
    return await tasks.ask(
        spec_for(
            node,
            params,
            task_id,
            assignee_user=user,
            assignee_role=role,
            outcomes=tuple(node.get("outcomes") or ("done",)),
            form=form_of(node),
            returned=returned,
        )
    )


@dataclass(frozen=True)
class Decision:
    approved: bool
    comment: str
    by: tuple[str, ...]


async def approve(
    tasks: HumanTasks, node: dict[str, Any], params: DefinitionInput, task_id: str
) -> Decision:
    """One of a role (whoever of it acts first), or all / n of the group, each asked in
    parallel; decided as soon as the outcome is certain, the rest of the asks cancelled."""
    group = node.get("approvers") or {}
    mode = node.get("mode", "any")
    users: list[str] = list(group.get("users") or ())
    if mode == "any" and not users:
        outcome = await tasks.ask(
            spec_for(
                node,
                params,
                task_id,
                assignee_user="",
                assignee_role=str(group.get("role")),
                outcomes=(APPROVE, REJECT),
                form=COMMENT,
                role_required=True,
            )
        )
        return Decision(outcome.outcome == APPROVE, outcome.comment, (outcome.completed_by,))
    if not users:
        users = await workflow.execute_activity(
            RESOLVE_APPROVERS,
            ApproversRequest(role=str(group.get("role")), team_id=params.team_id),
            start_to_close_timeout=timedelta(seconds=30),
            result_type=list[str],
        )
    needed = len(users) if mode == "all" else min(int(node.get("n", 1)), len(users))
    if not users or needed < 1:
        return Decision(False, "nobody may approve this step", ())
    asks = {
        f"{task_id}-{number}": asyncio.create_task(
            tasks.ask(
                spec_for(
                    node,
                    params,
                    f"{task_id}-{number}",
                    assignee_user=user,
                    assignee_role=str(group.get("role") or ""),
                    outcomes=(APPROVE, REJECT),
                    form=COMMENT,
                )
            )
        )
        for number, user in enumerate(users, start=1)
    }
    approved: list[str] = []
    rejections: list[TaskOutcome] = []
    pending = list(asks.values())
    while pending:
        done, pending = await workflow.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for finished in done:
            outcome = finished.result()
            if outcome.outcome == APPROVE:
                approved.append(outcome.completed_by)
            else:
                rejections.append(outcome)
        if len(approved) >= needed or len(users) - len(rejections) < needed:
            break
    # Decided: the asks still open are withdrawn (each returns, recorded and projected).
    for ask_id, ask in asks.items():
        if ask in pending:
            tasks.withdraw(ask_id, "decided without this approval")
    await asyncio.gather(*pending)
    if len(approved) >= needed:
        return Decision(True, "", tuple(approved))
    comment = "; ".join(r.comment for r in rejections if r.comment)
    return Decision(False, comment, tuple(r.completed_by for r in rejections))
