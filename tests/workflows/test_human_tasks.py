"""Human tasks and their SLA clocks under the time-skipping test server: a deadline across
the New Year holiday and a weekend, reminder then two escalation levels, completion just
before and just after the deadline, pause/resume and extension, and validators refusing the
wrong person, a wrong outcome, a bad form and a task already done. The projection and
notification activities are recorded in memory here; their real versions are tested
against the services."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from temporalio import activity
from temporalio.client import WorkflowHandle, WorkflowHistory, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from services.workflows.contract import ProcessProgress, TaskAction
from services.workflows.worker.activities.types import (
    NOTIFY_USER,
    PROJECT_TASK,
    TaskProjection,
    UserNotification,
)
from services.workflows.worker.calendar import BusinessCalendar
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.call_client import (
    CallClientInput,
    CallClientResult,
    CallClientWorkflow,
)
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner
from tests.workflows.fakes import until

SH = ZoneInfo("Asia/Shanghai")
CAL = BusinessCalendar()
HISTORY = Path(__file__).resolve().parent.parent / "histories" / "call_client.json"


@dataclass
class Recorder:
    projections: list[TaskProjection] = field(default_factory=list)
    notifications: list[UserNotification] = field(default_factory=list)

    def activities(self) -> list[Callable[..., Any]]:
        @activity.defn(name=PROJECT_TASK)
        async def project(projection: TaskProjection) -> None:
            self.projections.append(projection)

        @activity.defn(name=NOTIFY_USER)
        async def notify(message: UserNotification) -> None:
            self.notifications.append(message)

        return [project, notify]

    def sent(self) -> list[str]:
        return [n.idempotency_key.rsplit("/", 1)[-1] for n in self.notifications]


@pytest.fixture
async def recorder(time_skipping_env: WorkflowEnvironment) -> AsyncIterator[tuple[Recorder, str]]:
    record = Recorder()
    queue = f"tasks-{uuid.uuid4()}"
    async with Worker(
        time_skipping_env.client,
        task_queue=queue,
        workflows=WORKFLOWS,
        activities=record.activities(),
        workflow_runner=workflow_runner(),
    ):
        yield record, queue


async def skip_to(env: WorkflowEnvironment, local: datetime) -> None:
    """Move the test server's clock to `local` (it only moves forward)."""
    now = await env.get_current_time()
    if local > now:
        await env.sleep(local - now)


async def next_new_years_eve(env: WorkflowEnvironment) -> datetime:
    now = (await env.get_current_time()).astimezone(SH)
    target = datetime(now.year, 12, 31, 17, 0, tzinfo=SH)
    while target <= now:
        target = target.replace(year=target.year + 1)
    return target


async def start(
    env: WorkflowEnvironment, queue: str, **overrides: object
) -> WorkflowHandle[CallClientWorkflow, CallClientResult]:
    params = CallClientInput(
        client_id=str(uuid.uuid4()),
        advisor_id="adv-li",
        team_id="team-sh",
        manager_id="mgr-zhao",
        second_level_id="dir-qian",
        **overrides,  # type: ignore[arg-type]
    )
    handle = await env.client.start_workflow(
        CallClientWorkflow.run,
        params,
        id=f"call-client/{params.client_id}/test",
        task_queue=queue,
    )
    # Updates for a task the workflow has not created yet are refused: wait until it exists.
    await until(handle, lambda view: bool(view.tasks))
    return handle


def action(kind_user: str = "adv-li", *roles: str, **fields: object) -> TaskAction:
    return TaskAction(
        task_id="call",
        actor_user=kind_user,
        actor_roles=roles or ("advisor",),
        actor_team="team-sh",
        **fields,  # type: ignore[arg-type]
    )


def complete() -> TaskAction:
    return action(outcome="reached", form_json=json.dumps({"summary": "谈了新产品"}))


async def progress(handle: WorkflowHandle[CallClientWorkflow, CallClientResult]) -> ProcessProgress:
    return await handle.query(CallClientWorkflow.progress)


async def test_deadline_skips_the_holiday_and_the_weekend_then_reminds_and_escalates(
    time_skipping_env: WorkflowEnvironment, recorder: tuple[Recorder, str]
) -> None:
    record, queue = recorder
    env = time_skipping_env
    start_at = await next_new_years_eve(env)
    await skip_to(env, start_at)
    handle = await start(env, queue)
    view = await progress(handle)
    due = datetime.fromisoformat(view.due_at)
    # Dec 31 17:00 + 2 business days: Jan 1 is a holiday, weekends are off -> 18:00 on the
    # second working day of the new year, never on a weekend or Jan 1.
    expected = CAL.add_business_days(start_at, 2)
    assert due == expected and due.astimezone(SH).hour == 18
    assert due.astimezone(SH).date().month == 1 and due.astimezone(SH).day > 1
    assert due.astimezone(SH).weekday() < 5
    assert (view.waiting_on, view.current_step) == ("adv-li", "call the client")

    remind_at = CAL.add_business_seconds(start_at, CAL.business_seconds_between(start_at, due) / 2)
    await skip_to(env, remind_at - timedelta(minutes=1))
    assert record.sent() == []
    await skip_to(env, remind_at + timedelta(minutes=1))
    assert record.sent() == ["reminder"]
    assert record.notifications[0].user_id == "adv-li"

    await skip_to(env, due + timedelta(minutes=1))
    assert record.sent() == ["reminder", "escalation-1"]
    assert record.notifications[1].user_id == "mgr-zhao"
    breached = await progress(handle)
    assert breached.tasks[0].status == "escalated"
    assert abs(datetime.fromisoformat(breached.tasks[0].breached_at) - due) < timedelta(seconds=1)

    second = CAL.add_business_seconds(due, 4 * 3600)
    await skip_to(env, second + timedelta(minutes=1))
    assert record.sent() == ["reminder", "escalation-1", "escalation-2"]
    assert record.notifications[2].user_id == "dir-qian"

    result = await handle.execute_update(CallClientWorkflow.complete_task, complete())
    assert result.status == "done"
    outcome = (await handle.result()).outcome
    assert (outcome.outcome, outcome.completed_by, outcome.breached) == ("reached", "adv-li", True)
    # The projection agrees with the workflow after every step, ending done.
    last = record.projections[-1]
    assert (last.status, last.outcome, last.escalation_level, last.reminders_sent) == (
        "done",
        "reached",
        2,
        1,
    )
    assert [p.revision for p in record.projections] == sorted(
        p.revision for p in record.projections
    )
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        HISTORY.write_text(json.dumps((await handle.fetch_history()).to_json_dict(), indent=1))


@pytest.mark.parametrize(("offset", "breached"), [(-1, False), (1, True)])
async def test_completion_just_before_or_after_the_deadline(
    time_skipping_env: WorkflowEnvironment,
    recorder: tuple[Recorder, str],
    offset: int,
    breached: bool,
) -> None:
    record, queue = recorder
    handle = await start(time_skipping_env, queue, business_days=1)
    due = datetime.fromisoformat((await progress(handle)).due_at)
    await skip_to(time_skipping_env, due + timedelta(minutes=offset))
    await handle.execute_update(CallClientWorkflow.complete_task, complete())
    result = await handle.result()
    assert result.outcome.breached is breached
    assert ("escalation-1" in record.sent()) is breached


async def test_pause_resume_and_extension_move_the_deadline_by_business_time(
    time_skipping_env: WorkflowEnvironment, recorder: tuple[Recorder, str]
) -> None:
    _record, queue = recorder
    env = time_skipping_env
    handle = await start(env, queue, business_days=2)
    first_due = datetime.fromisoformat((await progress(handle)).due_at)
    now = await env.get_current_time()
    await handle.execute_update(
        CallClientWorkflow.pause_task, action(reason="waiting for the client's documents")
    )
    paused = await progress(handle)
    assert paused.tasks[0].paused and paused.due_at == ""
    await env.sleep(timedelta(days=3))
    resumed_at = await env.get_current_time()
    await handle.execute_update(CallClientWorkflow.resume_task, action())
    used = CAL.business_seconds_between(now, now)  # nothing was consumed before the pause
    left = CAL.business_seconds_between(now, first_due) - used
    # The test reads the clock a moment after the workflow did: equal to the millisecond.
    resumed_due = datetime.fromisoformat((await progress(handle)).due_at)
    assert abs(resumed_due - CAL.add_business_seconds(resumed_at, left)) < timedelta(seconds=1)
    before = datetime.fromisoformat((await progress(handle)).due_at)
    with pytest.raises(WorkflowUpdateFailedError) as denied:
        await handle.execute_update(
            CallClientWorkflow.extend_task, action(business_hours=4, reason="client abroad")
        )
    assert isinstance(denied.value.cause, ApplicationError)
    assert denied.value.cause.type == "PermissionDenied", denied.value.cause.message
    await handle.execute_update(
        CallClientWorkflow.extend_task,
        action("mgr-zhao", "manager", business_hours=4, reason="client abroad"),
    )
    after = datetime.fromisoformat((await progress(handle)).due_at)
    assert abs(after - CAL.add_business_seconds(before, 4 * 3600)) < timedelta(seconds=1)
    steps = [s.event for s in (await progress(handle)).steps]
    assert steps == ["created", "paused", "resumed", "extended"]
    await handle.execute_update(CallClientWorkflow.complete_task, complete())
    # Finish while the worker runs: a workflow left waiting for a worker would hold the
    # test server's clock for every later test.
    await handle.result()


async def test_validators_refuse_wrong_people_outcomes_forms_and_done_tasks(
    time_skipping_env: WorkflowEnvironment, recorder: tuple[Recorder, str]
) -> None:
    _record, queue = recorder
    handle = await start(time_skipping_env, queue)

    async def refused(update: object, act: TaskAction) -> ApplicationError:
        with pytest.raises(WorkflowUpdateFailedError) as raised:
            await handle.execute_update(update, act)  # type: ignore[call-overload]
        cause = raised.value.cause
        assert isinstance(cause, ApplicationError)
        return cause

    other = await refused(
        CallClientWorkflow.complete_task,
        TaskAction(
            task_id="call",
            actor_user="adv-wang",
            actor_roles=("advisor",),
            outcome="reached",
            form_json='{"summary": "x"}',
        ),
    )
    assert other.type == "PermissionDenied" and "adv-li" in other.message
    wrong = await refused(
        CallClientWorkflow.complete_task, action(outcome="maybe", form_json='{"summary": "x"}')
    )
    assert wrong.type == "InvalidArgument" and wrong.message.startswith("outcome='maybe'")
    missing = await refused(CallClientWorkflow.complete_task, action(outcome="reached"))
    assert missing.type == "InvalidArgument" and missing.message.startswith("form.summary")
    # the manager of the team may complete it on the advisor's behalf
    done = await handle.execute_update(
        CallClientWorkflow.complete_task,
        action("mgr-zhao", "manager", outcome="no_answer", form_json='{"summary": "无人接听"}'),
    )
    assert done.status == "done"
    twice = await refused(CallClientWorkflow.complete_task, complete())
    assert twice.type == "FailedPrecondition"
    assert (await handle.result()).outcome.completed_by == "mgr-zhao"


async def test_replays_the_recorded_history() -> None:
    """A change that breaks determinism for running CallClient processes fails here.
    Re-record with CLIENTFLOW_RECORD_HISTORIES=1 only for an intended, versioned change."""
    history = WorkflowHistory.from_json("call-client-recorded", json.loads(HISTORY.read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
