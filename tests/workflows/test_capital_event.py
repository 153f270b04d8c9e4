"""The capital event process under the time-skipping server: every investor's notice once,
a reminder at 09:00 three working days before the due date (New Year's Day is no working day)
to those who still owe, then at 09:00 on the first working day after it an overdue notice to
the late payer and a task only a partner may complete; a distribution sends notices and ends.
And a replay of the recorded history."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from temporalio import activity
from temporalio.client import WorkflowHistory, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from services.workflows.contract import TaskAction
from services.workflows.worker.activities.capital_types import (
    DELIVER_CAPITAL_NOTICE,
    LIST_EVENT_INVESTORS,
    LIST_UNPAID,
    CapitalEventInput,
    InvestorPage,
    InvestorPageRequest,
    NoticeDelivery,
    Unpaid,
    UnpaidList,
)
from services.workflows.worker.activities.types import ReportDeliveryOutcome
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.capital_event import CapitalEventWorkflow
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner
from tests.conftest import _test_server_binary
from tests.workflows.fakes import (
    FakeServices,
    at_step,
    fake_worker,
    open_task,
    progress,
    skip_to,
    until,
)

HISTORIES = Path(__file__).resolve().parent.parent / "histories"
EVENT = "0c0ffee0-0000-4000-8000-000000000001"
WORKFLOW_ID = f"capital-event/{EVENT}"
INVESTORS = ("lp-a", "lp-b", "lp-c")
# Due Friday 2031-01-03 (years ahead, so the test holds whenever it runs): three working days
# before it, with New Year's Day off, is Monday 30 December; overdue from 09:00 (Shanghai) on
# the next working day after the weekend, Monday 6 January.
DUE = "2031-01-03"
REMINDER = datetime(2030, 12, 30, 1, 0, tzinfo=UTC)
OVERDUE = datetime(2031, 1, 6, 1, 0, tzinfo=UTC)


class FakeFunds:
    def __init__(self) -> None:
        self.owed = {client: "100000.00" for client in INVESTORS}
        self.sent: Counter[tuple[str, str]] = Counter()
        self.at: dict[tuple[str, str], datetime] = {}

    def activities(self) -> list[Callable[..., Any]]:
        @activity.defn(name=LIST_EVENT_INVESTORS)
        async def investors(request: InvestorPageRequest) -> InvestorPage:
            start = int(request.page_token or "0")
            end = min(start + request.page_size, len(INVESTORS))
            return InvestorPage(INVESTORS[start:end], str(end) if end < len(INVESTORS) else "")

        @activity.defn(name=LIST_UNPAID)
        async def unpaid(request: InvestorPageRequest) -> UnpaidList:
            owing = tuple(Unpaid(c, a) for c, a in sorted(self.owed.items()))
            return UnpaidList(owing, str(sum(float(a) for a in self.owed.values())))

        @activity.defn(name=DELIVER_CAPITAL_NOTICE)
        async def deliver(request: NoticeDelivery) -> ReportDeliveryOutcome:
            self.sent[(request.stage, request.client_id)] += 1
            self.at[(request.stage, request.client_id)] = (
                activity.info().current_attempt_scheduled_time
            )
            return ReportDeliveryOutcome(request.client_id, "a", "d", "sent", "")

        return [investors, unpaid, deliver]


def act(user: str, *roles: str, outcome: str) -> TaskAction:
    return TaskAction(
        task_id="overdue", actor_user=user, actor_roles=roles, actor_team="", outcome=outcome
    )


@pytest.fixture
async def own_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server of this test's own: it moves the clock years ahead, which the
    session's shared server must not see."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=_test_server_binary()
    )
    yield env
    await env.shutdown()


async def test_a_late_payer_is_reminded_then_escalated_on_the_business_calendar(
    own_env: WorkflowEnvironment,
) -> None:
    time_skipping_env = own_env
    funds = FakeFunds()
    async with fake_worker(time_skipping_env, FakeServices(), funds.activities()) as queue:
        handle = await time_skipping_env.client.start_workflow(
            CapitalEventWorkflow.run,
            CapitalEventInput(event_id=EVENT, kind="call", fund_code="F-GROWTH", due_on=DUE),
            id=WORKFLOW_ID,
            task_queue=queue,
        )
        await until(handle, at_step("awaiting payment"))
        assert funds.sent == Counter({("notice", c): 1 for c in INVESTORS})
        del funds.owed["lp-a"]  # paid in full before the reminder
        await skip_to(time_skipping_env, REMINDER - timedelta(minutes=5))
        assert not [key for key in funds.sent if key[0] == "reminder"]
        await skip_to(time_skipping_env, REMINDER + timedelta(minutes=5))
        await until(handle, lambda view: view.due_at.startswith("2031-01-06T09:00"))
        assert {c for s, c in funds.sent if s == "reminder"} == {"lp-b", "lp-c"}
        assert funds.at[("reminder", "lp-b")] >= REMINDER
        del funds.owed["lp-b"]
        await skip_to(time_skipping_env, OVERDUE + timedelta(minutes=5))
        await until(handle, open_task("overdue"))
        assert {c for s, c in funds.sent if s == "overdue"} == {"lp-c"}
        assert funds.at[("overdue", "lp-c")] >= OVERDUE
        view = await progress(handle)
        [task] = [t for t in view.tasks if t.task_id == "overdue"]
        assert task.assignee_role == "partner" and "1 investors" in task.title
        assert "lp-c" in task.title and "F-GROWTH" in task.title
        with pytest.raises(WorkflowUpdateFailedError):
            await handle.execute_update(
                CapitalEventWorkflow.complete_task, act("mgr-zhao", "manager", outcome="chased")
            )
        await handle.execute_update(
            CapitalEventWorkflow.complete_task, act("ptr-sun", "partner", outcome="chased")
        )
        result = await handle.result()
    assert [u.client_id for u in result.overdue] == ["lp-c"]
    assert result.escalated_to == "ptr-sun"
    assert result.counts == {"notice:sent": 3, "reminder:sent": 2, "overdue:sent": 1}
    assert all(n == 1 for n in funds.sent.values())
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        (HISTORIES / "capital_event.json").write_text(
            json.dumps((await handle.fetch_history()).to_json_dict(), indent=1)
        )


async def test_a_distribution_sends_its_notices_and_ends(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    funds = FakeFunds()
    async with fake_worker(time_skipping_env, FakeServices(), funds.activities()) as queue:
        result = await time_skipping_env.client.execute_workflow(
            CapitalEventWorkflow.run,
            CapitalEventInput(event_id=EVENT, kind="distribution", fund_code="F-GROWTH"),
            id=f"capital-event/distribution-{EVENT}",
            task_queue=queue,
        )
    assert result.counts == {"notice:sent": 3} and not result.overdue
    assert set(funds.sent) == {("notice", c) for c in INVESTORS}


async def test_replays_the_recorded_history() -> None:
    history = WorkflowHistory.from_json(
        WORKFLOW_ID, json.loads((HISTORIES / "capital_event.json").read_text())
    )
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
