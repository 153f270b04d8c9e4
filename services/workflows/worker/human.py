"""Human tasks with durable SLA clocks: the building block every process uses to wait on a
person ("ask role R / user U to do T within S, wait for the outcome").

Inside a workflow::

    outcome = await self.tasks.ask(TaskSpec(task_id="call", title="Call the client", ...))

The workflow is the source of truth. Completing, claiming, releasing, reassigning, pausing,
resuming and extending are Temporal Updates whose validators refuse the wrong person or role,
a task already done, an outcome not offered, or a form that does not validate, so the
workflow history explains every change. The SLA clock counts business time only (see
`services.workflows.worker.calendar`): reminders at a fraction of the window, escalation to the
manager on breach and to a second level later, pause while waiting for the client. Every
change is projected to the workflows service's `tasks` table by an idempotent activity, and
reminders and escalations are in-app notifications with idempotency keys derived from the
workflow id, task and event, so retries never send twice.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from services.workflows.contract import StepRecord, TaskAction, TaskView
    from services.workflows.worker.activities.types import PROJECT_TASK, TaskProjection
    from services.workflows.worker.task_notices import (
        ACTIVITY_RETRY,
        CLIENT_HOLDER,
        notify_user,
        remind_client,
    )
    from services.workflows.worker.task_specs import (
        TaskOutcome,
        TaskSpec,
        failed_precondition,
        form_fields_json,
        invalid_argument,
        permission_denied,
        validate_form,
    )

OPEN, CLAIMED, DONE, ESCALATED, CANCELLED = "open", "claimed", "done", "escalated", "cancelled"


@dataclass
class TaskState:
    spec: TaskSpec
    created_at: datetime
    status: str = OPEN
    assignee_user: str = ""
    claimed_by: str = ""
    # SLA clock: budget and consumption in business seconds, counted while running.
    budget: float = 0.0
    consumed: float = 0.0
    running_since: datetime | None = None
    paused: bool = False
    reminders_sent: int = 0
    escalation_level: int = 0
    breached_at: datetime | None = None
    outcome: str = ""
    comment: str = ""
    form_json: str = "{}"
    completed_by: str = ""
    completed_at: datetime | None = None
    revision: int = 0
    # The revision the projection last wrote.
    projected: int = 0
    history: list[StepRecord] = field(default_factory=list)


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


class HumanTasks:
    """The task book of one workflow run. Create it in the workflow's __init__."""

    def __init__(self, process_kind: str) -> None:
        self.process_kind = process_kind
        self.tasks: dict[str, TaskState] = {}
        self._changed = 0

    # -- called from the workflow ------------------------------------------------------

    async def ask(self, spec: TaskSpec) -> TaskOutcome:
        """Create the task, run its SLA clock, and return once someone completes it."""
        if spec.task_id in self.tasks:
            raise ApplicationError(f"task {spec.task_id} asked twice", non_retryable=True)
        now = workflow.now()
        # The clock starts now, or when the client asked if that was earlier (a request
        # filed on another channel): a late arrival is late at once, and escalates.
        started = min(datetime.fromisoformat(spec.clock_from), now) if spec.clock_from else now
        calendar = spec.sla.calendar()
        if spec.sla.unit == "business_days":
            due = calendar.add_business_days(started, int(spec.sla.amount))
            budget = calendar.business_seconds_between(started, due)
        else:
            budget = spec.sla.amount * 3600
        state = TaskState(
            spec=spec,
            created_at=now,
            assignee_user=spec.assignee_user,
            budget=budget,
            running_since=started,
        )
        self.tasks[spec.task_id] = state
        self._record(state, "created", f"due {_iso(self.due_at(state))} ({spec.sla.describe()})")
        try:
            await self._project(state)
            await self._wait(state)
        except asyncio.CancelledError:
            # The process was cancelled: the task goes with it, visibly.
            state.status = CANCELLED
            self._record(state, "cancelled", "the process was cancelled")
            await self._project(state)
            raise
        # A change that landed while the task was first projected (completed or withdrawn at
        # once) is projected too, so the projection never stays behind the task.
        if state.projected != state.revision and workflow.patched("project-settled-task"):
            await self._project(state)
        return TaskOutcome(
            task_id=spec.task_id,
            outcome=state.outcome,
            comment=state.comment,
            form_json=state.form_json,
            completed_by=state.completed_by,
            completed_at=_iso(state.completed_at),
            breached=state.breached_at is not None,
        )

    async def _wait(self, state: TaskState) -> None:
        while state.status not in (DONE, CANCELLED):
            seen = self._changed
            event, at = self._next_timer(state)
            timeout = None if at is None else max(0.0, (at - workflow.now()).total_seconds())
            try:
                await workflow.wait_condition(
                    lambda seen=seen: self._changed != seen,  # type: ignore[misc]
                    timeout=timeout,
                )
            except TimeoutError:
                await self._fire(state, event)
                continue
            await self._project(state)

    # -- the clock ---------------------------------------------------------------------

    def due_at(self, state: TaskState) -> datetime | None:
        """The deadline given the business time left; None while paused."""
        if state.paused or state.running_since is None:
            return None
        left = max(0.0, state.budget - state.consumed)
        return state.spec.sla.calendar().add_business_seconds(state.running_since, left)

    def _point(self, state: TaskState, consumed_target: float) -> datetime | None:
        if state.paused or state.running_since is None:
            return None
        left = max(0.0, consumed_target - state.consumed)
        return state.spec.sla.calendar().add_business_seconds(state.running_since, left)

    def _next_timer(self, state: TaskState) -> tuple[str, datetime | None]:
        if state.paused or state.status in (DONE, CANCELLED):
            return "", None
        if state.reminders_sent == 0 and 0 < state.spec.sla.remind_at < 1:
            return "reminder", self._point(state, state.budget * state.spec.sla.remind_at)
        if state.escalation_level == 0:
            return "breach", self.due_at(state)
        if state.escalation_level == 1 and state.spec.second_level_id:
            return "second_level", self._point(
                state, state.budget + state.spec.sla.second_level_after_hours * 3600
            )
        return "", None

    async def _fire(self, state: TaskState, event: str) -> None:
        spec, key = state.spec, f"{workflow.info().workflow_id}/{state.spec.task_id}"
        if event:
            # Emitted through the Temporal runtime's meter (not on replay).
            workflow.metric_meter().create_counter(
                f"clientflow_task_{event}", "Task SLA events: reminders, breaches, second level"
            ).add(1, {"process_kind": self.process_kind})
        variables = {
            "title": spec.title,
            "due_at": _iso(self.due_at(state)),
            "workflow_id": workflow.info().workflow_id,
        }
        if event == "reminder":
            state.reminders_sent += 1
            self._record(state, "reminded", state.claimed_by or state.assignee_user)
            holder = self._holder(state)
            if holder.startswith(CLIENT_HOLDER):
                words = dict(state.spec.client_title)
                await remind_client(f"{key}/reminder", holder, words, variables["due_at"])
            else:
                await notify_user(f"{key}/reminder", holder, "task-reminder", variables)
        elif event == "breach":
            state.breached_at = workflow.now()
            state.escalation_level = 1
            state.status = ESCALATED if state.status != DONE else state.status
            self._record(state, "escalated", f"level 1 to {spec.manager_id or '(no manager)'}")
            workflow.logger.info("task SLA breached", extra={"task_id": spec.task_id})
            if spec.manager_id:
                await notify_user(
                    f"{key}/escalation-1", spec.manager_id, "task-escalation", variables
                )
        elif event == "second_level":
            state.escalation_level = 2
            self._record(state, "escalated", f"level 2 to {spec.second_level_id}")
            await notify_user(
                f"{key}/escalation-2", spec.second_level_id, "task-escalation", variables
            )
        await self._project(state)

    def withdraw(self, task_id: str, reason: str) -> None:
        """Close an open task the process no longer needs (what it waited for arrived by
        another way); `ask` then returns an outcome of "withdrawn"."""
        state = self.tasks.get(task_id)
        if state is None or state.status in (DONE, CANCELLED):
            return
        state.status, state.outcome = CANCELLED, "withdrawn"
        self._record(state, "withdrawn", reason)
        self._changed += 1

    def open_tasks(self) -> list[str]:
        return [key for key, state in self.tasks.items() if state.status not in (DONE, CANCELLED)]

    def _holder(self, state: TaskState) -> str:
        return state.claimed_by or state.assignee_user or state.spec.manager_id

    # -- updates (validators raise; handlers change state) ------------------------------

    def validate(self, action: TaskAction, kind: str) -> TaskState:
        state = self.tasks.get(action.task_id)
        if state is None:
            raise invalid_argument(f"task_id={action.task_id!r}: no such task in this process")
        if state.status in (DONE, CANCELLED):
            raise failed_precondition(
                f"task_id={action.task_id!r}: the task is already {state.status}"
            )
        roles = set(action.actor_roles)
        spec = state.spec
        is_manager = bool(roles & {"manager", "admin"}) and (
            not spec.team_id or action.actor_team in ("", spec.team_id) or "admin" in roles
        )
        holders = (state.assignee_user, state.claimed_by)
        is_assignee = (
            action.actor_user in holders
            or (bool(action.on_behalf_of) and action.on_behalf_of in holders)
            or (not state.assignee_user and spec.assignee_role in roles)
        )
        if kind in ("reassign", "pause", "resume", "extend"):
            if not is_manager and not (kind in ("pause", "resume") and is_assignee):
                raise permission_denied(f"only the team's manager may {kind} this task")
            if kind == "pause" and (state.paused or not spec.sla.pausable):
                raise failed_precondition(
                    "task_id: the SLA clock is already paused or cannot pause"
                )
            if kind == "resume" and not state.paused:
                raise failed_precondition("task_id: the SLA clock is not paused")
            if kind == "extend" and not 0 < action.business_hours <= 24 * 30:
                raise invalid_argument(
                    f"business_hours={action.business_hours}: must be between 0 and 720"
                )
            if kind == "reassign" and not action.assignee_user:
                raise invalid_argument("assignee_user: must name the new assignee")
            return state
        if spec.role_required and kind in ("complete", "claim"):
            if spec.assignee_role not in roles or (
                state.assignee_user and action.actor_user != state.assignee_user
            ):
                raise permission_denied(
                    f"task {action.task_id} needs the {spec.assignee_role} role"
                    + (f" and {state.assignee_user}" if state.assignee_user else "")
                )
            is_assignee = True
        if not (is_assignee or is_manager):
            raise permission_denied(
                f"task {action.task_id} is assigned to "
                f"{state.claimed_by or state.assignee_user or 'role ' + spec.assignee_role}"
            )
        if kind == "claim" and state.claimed_by and state.claimed_by != action.actor_user:
            raise failed_precondition(f"task_id: already claimed by {state.claimed_by}")
        if kind == "release" and state.claimed_by != action.actor_user and not is_manager:
            raise permission_denied("only whoever claimed the task may release it")
        if kind == "complete":
            if action.outcome not in spec.outcomes:
                raise invalid_argument(
                    f"outcome={action.outcome!r}: must be one of {', '.join(spec.outcomes)}"
                )
            validate_form(spec.form, action.form_json)
        return state

    def apply(self, action: TaskAction, kind: str) -> TaskView:
        state = self.validate(action, kind)
        now = workflow.now()
        if kind == "complete":
            state.status, state.outcome, state.comment = DONE, action.outcome, action.comment
            state.form_json, state.completed_by, state.completed_at = (
                action.form_json,
                action.actor_user,
                now,
            )
            by = action.actor_user
            self._record(
                state,
                "completed",
                action.outcome + (f" (for {action.on_behalf_of})" if action.on_behalf_of else ""),
                by,
            )
        elif kind == "claim":
            state.claimed_by = action.actor_user
            state.status = CLAIMED if state.status == OPEN else state.status
            self._record(state, "claimed", "", action.actor_user)
        elif kind == "release":
            state.claimed_by = ""
            state.status = OPEN if state.status == CLAIMED else state.status
            self._record(state, "released", "", action.actor_user)
        elif kind == "reassign":
            state.assignee_user, state.claimed_by = action.assignee_user, ""
            self._record(state, "reassigned", action.assignee_user, action.actor_user)
        elif kind == "pause":
            calendar = state.spec.sla.calendar()
            assert state.running_since is not None
            state.consumed += calendar.business_seconds_between(state.running_since, now)
            state.paused, state.running_since = True, None
            self._record(state, "paused", action.reason, action.actor_user)
        elif kind == "resume":
            state.paused, state.running_since = False, now
            self._record(state, "resumed", f"due {_iso(self.due_at(state))}", action.actor_user)
        elif kind == "extend":
            # A breach already recorded stays recorded; the new deadline applies from now on.
            state.budget += action.business_hours * 3600
            self._record(
                state,
                "extended",
                f"+{action.business_hours:g} business hours: {action.reason}",
                action.actor_user,
            )
        self._changed += 1
        return self.view(state)

    # -- views -------------------------------------------------------------------------

    def view(self, state: TaskState) -> TaskView:
        return TaskView(
            task_id=state.spec.task_id,
            title=state.spec.title,
            status=state.status,
            assignee_user=state.assignee_user,
            assignee_role=state.spec.assignee_role,
            claimed_by=state.claimed_by,
            due_at=_iso(self.due_at(state)),
            paused=state.paused,
            reminders_sent=state.reminders_sent,
            escalation_level=state.escalation_level,
            breached_at=_iso(state.breached_at),
            outcome=state.outcome,
            history=tuple(state.history),
            comment=state.comment,
            form_json=state.form_json,
            completed_by=state.completed_by,
            title_key=state.spec.title_key,
            title_params=state.spec.title_params,
            client_visible=state.spec.client_visible,
            client_title=state.spec.client_title,
        )

    def _record(self, state: TaskState, event: str, detail: str = "", by: str = "") -> None:
        state.revision += 1
        state.history.append(StepRecord(_iso(workflow.now()), event, detail, by))

    async def _project(self, state: TaskState) -> None:
        spec = state.spec
        projection = TaskProjection(
            task_id=spec.task_id,
            workflow_id=workflow.info().workflow_id,
            process_kind=self.process_kind,
            title=spec.title,
            client_id=spec.client_id,
            assignee_user=state.assignee_user,
            assignee_role=spec.assignee_role,
            team_id=spec.team_id,
            status=state.status,
            due_at=_iso(self.due_at(state)),
            sla=spec.sla.describe(),
            outcome=state.outcome,
            comment=state.comment,
            form_json=state.form_json,
            claimed_by=state.claimed_by,
            completed_by=state.completed_by,
            reminders_sent=state.reminders_sent,
            escalation_level=state.escalation_level,
            breached_at=_iso(state.breached_at),
            paused=state.paused,
            created_at=_iso(state.created_at),
            updated_at=_iso(workflow.now()),
            revision=state.revision,
            outcomes=spec.outcomes,
            form_fields_json=form_fields_json(spec.form),
            title_key=spec.title_key,
            title_params_json=json.dumps(dict(spec.title_params), ensure_ascii=False),
        )
        await workflow.execute_activity(
            PROJECT_TASK,
            projection,
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=ACTIVITY_RETRY,
        )
        state.projected = max(state.projected, projection.revision)


__all__ = ["HumanTasks"]
