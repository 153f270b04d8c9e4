"""Dormant-client reactivation and the daily scan under the time-skipping server: activity
within the 14 days ends it with the client ACTIVE again, no activity leads to the advisor's
call and, 30 days later, to DORMANT and the manager's alert; activity during the call task
withdraws it; the scan continues as new and resumes where it was; replay of a recorded
history."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from temporalio import activity
from temporalio.client import WorkflowHandle, WorkflowHistory
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from services.workflows.contract import TaskAction
from services.workflows.worker.activities.types import (
    COMPLETE_DORMANT_SCAN,
    PLAN_DORMANT_SCAN,
    SCAN_DORMANT_PAGE,
    DormantPageRequest,
    DormantPageResult,
    DormantScanPlan,
    DormantWindow,
)
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.client_care import (
    ClientCareInput,
    ClientCareResult,
    ClientCareWorkflow,
)
from services.workflows.worker.processes.dormant import (
    DormantReactivationWorkflow,
    DormantScanInput,
    DormantScanWorkflow,
    ReactivationInput,
    ReactivationResult,
)
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner
from tests.workflows.fakes import FakeServices, at_step, fake_worker, open_task, progress, until

HISTORIES = Path(__file__).resolve().parent.parent / "histories"
Handle = WorkflowHandle[DormantReactivationWorkflow, ReactivationResult]


@pytest.fixture
async def care(time_skipping_env: WorkflowEnvironment) -> AsyncIterator[tuple[FakeServices, str]]:
    services = FakeServices(stage="DECLINING")
    async with fake_worker(time_skipping_env, services) as queue:
        yield services, queue


async def start(env: WorkflowEnvironment, queue: str) -> Handle:
    params = ReactivationInput(
        client_id=str(uuid.uuid4()),
        advisor_id="adv-li",
        episode="20260501T080000Z",
        team_id="team-sh",
        manager_id="mgr-zhao",
        client_name="王小明",
        last_activity_at="2026-05-01T08:00:00+00:00",
    )
    handle = await env.client.start_workflow(
        DormantReactivationWorkflow.run,
        params,
        id=f"dormant-reactivation/{params.client_id}/{params.episode}",
        task_queue=queue,
    )
    await until(handle, lambda v: v.current_step == "reactivation message sent")
    return handle


def activity_event() -> dict[str, str]:
    return {"event_id": str(uuid.uuid4()), "type": "client.activity"}


async def test_activity_within_14_days_ends_it_and_the_client_is_active_again(
    time_skipping_env: WorkflowEnvironment, care: tuple[FakeServices, str]
) -> None:
    services, queue = care
    env = time_skipping_env
    handle = await start(env, queue)
    await env.sleep(timedelta(days=13))
    await handle.signal(DormantReactivationWorkflow.on_activity, activity_event())
    result = await handle.result()
    assert (result.outcome, result.reactivated_during) == ("reactivated", "message")
    assert services.client_templates() == ["reactivation"]
    assert services.to_clients[0].category == "marketing"
    assert services.stages == [("ACTIVE", "active again during reactivation")]
    assert services.projections == []  # no call task was needed


async def test_no_activity_leads_to_a_call_then_dormant_and_the_manager_is_told(
    time_skipping_env: WorkflowEnvironment, care: tuple[FakeServices, str]
) -> None:
    services, queue = care
    env = time_skipping_env
    services.outcome_of["reactivation"] = "suppressed"  # opted out of marketing: goes on
    handle = await start(env, queue)
    await env.sleep(timedelta(days=14) - timedelta(minutes=5))
    assert not (await progress(handle)).tasks
    await env.sleep(timedelta(minutes=10))
    await until(handle, open_task("call"))
    await handle.execute_update(
        DormantReactivationWorkflow.complete_task,
        TaskAction(
            task_id="call",
            actor_user="adv-li",
            actor_roles=("advisor",),
            outcome="no_answer",
            form_json=json.dumps({"summary": "电话无人接听"}),
        ),
    )
    await until(handle, at_step("waiting for activity"))
    await env.sleep(timedelta(days=30) - timedelta(minutes=5))
    assert services.stages == []
    result = await handle.result()
    assert (result.outcome, result.message_status, result.call_outcome) == (
        "dormant",
        "suppressed",
        "no_answer",
    )
    assert [stage for stage, _ in services.stages] == ["DORMANT"]
    alert = services.to_users[-1]
    assert (alert.user_id, alert.template_key) == ("mgr-zhao", "dormant-alert")
    assert alert.idempotency_key == f"{handle.id}/manager-alert"
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        (HISTORIES / "dormant_reactivation.json").write_text(
            json.dumps((await handle.fetch_history()).to_json_dict(), indent=1)
        )


async def test_activity_during_the_call_task_withdraws_it(
    time_skipping_env: WorkflowEnvironment, care: tuple[FakeServices, str]
) -> None:
    services, queue = care
    env = time_skipping_env
    handle = await start(env, queue)
    await env.sleep(timedelta(days=14, minutes=1))
    await until(handle, open_task("call"))
    await handle.signal(DormantReactivationWorkflow.on_activity, activity_event())
    result = await handle.result()
    assert (result.outcome, result.reactivated_during, result.call_outcome) == (
        "reactivated",
        "call",
        "withdrawn",
    )
    assert services.task("call").status == "cancelled"


async def test_the_scan_pages_continues_as_new_and_moves_the_watermarks_once(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    window = DormantWindow("GROWTH", "2026-01-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00", 180)
    pages: list[str] = []
    completed: list[DormantScanPlan] = []
    plans: list[str] = []

    @activity.defn(name=PLAN_DORMANT_SCAN)
    async def plan_scan(as_of: str) -> DormantScanPlan:
        plans.append(as_of)
        return DormantScanPlan(windows=(window,))

    @activity.defn(name=SCAN_DORMANT_PAGE)
    async def scan_page(request: DormantPageRequest) -> DormantPageResult:
        pages.append(request.page_token)
        number = int(request.page_token or "0") + 1
        return DormantPageResult(
            scanned=10,
            started=9,
            already_started=1,
            errors=0,
            next_page_token=str(number) if number < 7 else "",
        )

    @activity.defn(name=COMPLETE_DORMANT_SCAN)
    async def complete(done: DormantScanPlan) -> int:
        completed.append(done)
        return len(done.windows)

    async with fake_worker(
        time_skipping_env, FakeServices(), [plan_scan, scan_page, complete]
    ) as queue:
        result = await time_skipping_env.client.execute_workflow(
            DormantScanWorkflow.run,
            DormantScanInput(pages_per_run=3),
            id=f"dormant-scan-{uuid.uuid4()}",
            task_queue=queue,
        )
    # 7 pages over three runs (continue-as-new after 3 and 6), one plan, one completion.
    assert pages == ["", "1", "2", "3", "4", "5", "6"]
    assert len(plans) == 1 and completed == [DormantScanPlan(windows=(window,))]
    assert (result.windows, result.scanned, result.started, result.already_started) == (
        1,
        70,
        63,
        7,
    )


async def test_client_care_asks_the_advisor_for_the_occasion(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    services = FakeServices()
    async with fake_worker(time_skipping_env, services) as queue:
        params = ClientCareInput(
            client_id=str(uuid.uuid4()),
            advisor_id="adv-li",
            occasion="contract-renewal",
            team_id="team-sh",
            manager_id="mgr-zhao",
        )
        handle: WorkflowHandle[
            ClientCareWorkflow, ClientCareResult
        ] = await time_skipping_env.client.start_workflow(
            ClientCareWorkflow.run,
            params,
            id=f"client-care/{params.client_id}/contract-renewal",
            task_queue=queue,
        )
        view = await until(handle, open_task("contract-renewal"))
        assert view.tasks[0].title == "Prepare the contract renewal with the client"
        await handle.execute_update(
            ClientCareWorkflow.complete_task,
            TaskAction(
                task_id="contract-renewal",
                actor_user="adv-li",
                actor_roles=("advisor",),
                outcome="renewed",
            ),
        )
        result = await handle.result()
        assert (result.occasion, result.outcome.outcome) == ("contract-renewal", "renewed")
        if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
            (HISTORIES / "client_care.json").write_text(
                json.dumps((await handle.fetch_history()).to_json_dict(), indent=1)
            )


@pytest.mark.parametrize("name", ["dormant_reactivation", "client_care"])
async def test_replays_the_recorded_history(name: str) -> None:
    """A change that breaks determinism for running processes fails here."""
    history = WorkflowHistory.from_json(name, json.loads((HISTORIES / f"{name}.json").read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
