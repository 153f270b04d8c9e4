"""Client requests under the time-skipping server: steps as tasks with the SLA of the client's
tier, a rejection ending the request, a complaint's escalation chain (manager, then
compliance) and the client's confirmation, the contact change applied after approval, the
CSAT rating and the detractor follow-up, reopening within the window, and a replay of a
recorded history."""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from temporalio import activity
from temporalio.client import (
    WorkflowExecutionStatus,
    WorkflowHandle,
    WorkflowHistory,
    WorkflowUpdateFailedError,
)
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from services.workflows.contract import (
    RequestAction,
    RequestPlan,
    RequestProgressView,
    RequestStep,
    TaskAction,
)
from services.workflows.worker.activities.types import (
    APPLY_CONTACT_CHANGE,
    INVITE_TO_SURVEY,
    OPEN_REQUEST,
    PROJECT_REQUEST,
    RECORD_RATING,
    ContactChange,
    ContactChangeResult,
    NotificationOutcome,
    RatingRecord,
    RequestOpening,
    RequestState,
    SurveyInvitation,
)
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.processes.service_request import (
    ServiceRequestInput,
    ServiceRequestResult,
    ServiceRequestWorkflow,
)
from services.workflows.worker.sandbox import workflow_runner
from tests.conftest import _test_server_binary
from tests.workflows.fakes import FakeServices, fake_worker, open_task, until

HISTORY = Path(__file__).resolve().parent.parent / "histories" / "service_request.json"
Handle = WorkflowHandle[ServiceRequestWorkflow, ServiceRequestResult]
STARTED: list[Handle] = []


def step(key: str, role: str, hours: float, *outcomes: str, visible: bool = True) -> RequestStep:
    return RequestStep(key, key, key.capitalize(), role, visible, hours, outcomes or ("done",))


PLANS = {
    "redemption": RequestPlan(
        "redemption",
        1,
        "赎回",
        "Redemption",
        (
            step("review", "advisor", 8, "approved", "rejected"),
            step("check", "manager", 4, visible=False),
            step("settlement", "accountant", 16),
        ),
        reopen_days=14,
    ),
    "contact-change": RequestPlan(
        "contact-change",
        1,
        "变更",
        "Contact change",
        (step("approval", "manager", 8, "approved", "rejected"),),
        effect="contact_change",
        csat=False,
    ),
    "complaint": RequestPlan(
        "complaint",
        1,
        "投诉",
        "Complaint",
        (
            step("triage", "manager", 4),
            step("investigation", "advisor", 16),
            step("resolution", "manager", 8),
        ),
        effect="complaint",
        reopen_days=0,
    ),
}


@dataclass
class RequestFakes:
    openings: list[RequestOpening] = field(default_factory=list)
    states: list[RequestState] = field(default_factory=list)
    changes: list[ContactChange] = field(default_factory=list)
    ratings: list[RatingRecord] = field(default_factory=list)
    invitations: list[SurveyInvitation] = field(default_factory=list)
    invitation_status: str = "sent"

    def activities(self) -> list[Callable[..., Any]]:
        @activity.defn(name=OPEN_REQUEST)
        async def open_request(opening: RequestOpening) -> RequestPlan:
            self.openings.append(opening)
            plan = PLANS[opening.type_key]
            if opening.tier == "STRATEGIC":  # the service resolves the tier's SLA
                halved = tuple(
                    RequestStep(**{**s.__dict__, "sla_hours": s.sla_hours / 2}) for s in plan.steps
                )
                plan = RequestPlan(**{**plan.__dict__, "steps": halved})
            return plan

        @activity.defn(name=PROJECT_REQUEST)
        async def project(state: RequestState) -> None:
            self.states.append(state)

        @activity.defn(name=APPLY_CONTACT_CHANGE)
        async def apply(change: ContactChange) -> ContactChangeResult:
            self.changes.append(change)
            return ContactChangeResult(tuple(sorted(json.loads(change.fields_json))))

        @activity.defn(name=RECORD_RATING)
        async def rate(record: RatingRecord) -> None:
            self.ratings.append(record)

        @activity.defn(name=INVITE_TO_SURVEY)
        async def invite(invitation: SurveyInvitation) -> NotificationOutcome:
            replayed = any(
                i.idempotency_key == invitation.idempotency_key for i in self.invitations
            )
            if not replayed:
                self.invitations.append(invitation)
            return NotificationOutcome("d-1", self.invitation_status, "", replayed)

        return [open_request, project, apply, rate, invite]


async def skip_a_day(env: WorkflowEnvironment) -> None:
    """A day of the test server's time. Its call has a deadline, which firing a day's timers
    can pass on a loaded machine while the skip itself goes on: then ask again (the steps
    that follow wait for a state, not an exact day)."""
    for attempt in range(3):
        try:
            await env.sleep(timedelta(days=1))
            return
        except RPCError as error:
            if "Timeout" not in str(error) or attempt == 2:
                raise


@pytest.fixture(scope="module")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server for this module alone: its tests skip days at a time, and the
    timers and activities of every other module's processes on the session's server would
    all have to fire on the way (under load, past the test service's deadline)."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=_test_server_binary()
    )
    yield env
    await env.shutdown()


@pytest.fixture
async def env_queue(
    time_skipping_env: WorkflowEnvironment,
) -> AsyncIterator[tuple[FakeServices, RequestFakes, str]]:
    services, fakes = FakeServices(), RequestFakes()
    async with fake_worker(time_skipping_env, services, fakes.activities()) as queue:
        yield services, fakes, queue
        # A request left running would keep firing timers no worker answers, and the
        # time-skipping server does not skip past a pending task: stop them.
        while STARTED:
            handle = STARTED.pop()
            if (await handle.describe()).status == WorkflowExecutionStatus.RUNNING:
                await handle.terminate()


async def start(
    env: WorkflowEnvironment, queue: str, type_key: str, *, tier: str = "CORE", **extra: str
) -> Handle:
    client_id = str(uuid.uuid4())
    params = ServiceRequestInput(
        request_id=str(uuid.uuid4()),
        client_id=client_id,
        advisor_id="adv-li",
        type_key=type_key,
        subject="Q4",
        team_id="team-sh",
        tier=tier,
        manager_id="mgr-zhao",
        channel="portal",
        **extra,
    )
    handle = await env.client.start_workflow(
        ServiceRequestWorkflow.run,
        params,
        id=f"service-request/{client_id}/{params.request_id}",
        task_queue=queue,
    )
    STARTED.append(handle)
    return handle


def done(task_id: str, user: str, role: str, outcome: str = "done", **form: str) -> TaskAction:
    return TaskAction(
        task_id=task_id,
        actor_user=user,
        actor_roles=(role,),
        actor_team="team-sh",
        outcome=outcome,
        form_json=json.dumps(form),
    )


async def client_view(handle: Handle) -> RequestProgressView:
    view: RequestProgressView = await handle.query(
        "request_progress", result_type=RequestProgressView
    )
    return view


async def run_redemption(handle: Handle) -> None:
    await until(handle, open_task("review"))
    await handle.execute_update("complete_task", done("review", "adv-li", "advisor", "approved"))
    await until(handle, open_task("check"))
    await handle.execute_update("complete_task", done("check", "mgr-zhao", "manager"))
    await until(handle, open_task("settlement"))
    await handle.execute_update("complete_task", done("settlement", "acc-sun", "accountant"))


async def test_a_strategic_client_gets_the_tier_sla_and_sees_only_client_steps(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, RequestFakes, str]
) -> None:
    services, fakes, queue = env_queue
    core = await start(time_skipping_env, queue, "redemption")
    strategic = await start(time_skipping_env, queue, "redemption", tier="STRATEGIC")
    for handle in (core, strategic):
        await until(handle, open_task("review"))
    core_task = services.task("review")
    slas = {p.workflow_id: p.sla for p in services.projections if p.task_id == "review"}
    assert slas[core.id] == "8 business hours"
    assert slas[strategic.id] == "4 business hours"
    assert core_task.assignee_user in ("adv-li",)

    view = await client_view(core)
    assert [s.key for s in view.steps] == ["review", "settlement"]  # "check" is internal
    assert view.steps[0].state == "current" and view.expected_by
    assert view.status == "open"

    await run_redemption(core)
    view = await until_view(core, lambda v: v.status == "resolved")
    assert [s.state for s in view.steps] == ["done", "done"]
    [invitation] = [i for i in fakes.invitations if i.workflow_id == core.id]
    assert (invitation.survey, invitation.template_key, invitation.round) == (
        "csat",
        "csat-invitation",
        1,
    )
    # The projection is an activity after the state change: it may land a moment later.
    for _ in range(200):
        row = [s for s in fakes.states if s.workflow_id == core.id][-1]
        if row.status == "resolved":
            break
        await asyncio.sleep(0.05)
    assert row.status == "resolved" and row.first_response_at and row.resolved_at


async def test_a_rejection_ends_the_request(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, RequestFakes, str]
) -> None:
    _services, fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "redemption")
    await until(handle, open_task("review"))
    await handle.execute_update("complete_task", done("review", "adv-li", "advisor", "rejected"))
    result = await handle.result()
    assert result.status == "rejected"
    view = await client_view(handle)
    assert [s.state for s in view.steps] == ["done", "skipped"]
    assert [s for s in fakes.states if s.workflow_id == handle.id][-1].status == "rejected"


async def test_a_contact_change_is_applied_only_after_approval(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, RequestFakes, str]
) -> None:
    _services, fakes, queue = env_queue
    changes = json.dumps({"email": "new@example.com"})
    refused = await start(time_skipping_env, queue, "contact-change", fields_json=changes)
    await until(refused, open_task("approval"))
    await refused.execute_update(
        "complete_task", done("approval", "mgr-zhao", "manager", "rejected")
    )
    assert (await refused.result()).status == "rejected"
    assert fakes.changes == []

    approved = await start(time_skipping_env, queue, "contact-change", fields_json=changes)
    await until(approved, open_task("approval"))
    await approved.execute_update(
        "complete_task", done("approval", "mgr-zhao", "manager", "approved")
    )
    await until_view(approved, lambda v: v.status == "resolved")
    assert [c.fields_json for c in fakes.changes] == [changes]


async def test_a_late_complaint_escalates_to_the_manager_then_compliance(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, RequestFakes, str]
) -> None:
    services, _fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "complaint", second_level_id="compliance")
    await until(handle, open_task("triage"))
    for _ in range(10):
        await skip_a_day(time_skipping_env)
    escalations = [m for m in services.to_users if m.template_key == "task-escalation"]
    assert [m.user_id for m in escalations if handle.id in m.idempotency_key] == [
        "mgr-zhao",
        "compliance",
    ]
    await settled(lambda: services.task("triage").escalation_level == 2)


async def test_a_request_filed_days_ago_elsewhere_is_late_at_once_and_titled_as_a_message(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, RequestFakes, str]
) -> None:
    services, _fakes, queue = env_queue
    now = await time_skipping_env.get_current_time()
    filed = (now - timedelta(days=5)).isoformat()
    handle = await start(time_skipping_env, queue, "redemption", filed_at=filed)
    await until(handle, open_task("review"))

    def escalated() -> bool:
        return any(
            m.template_key == "task-escalation" and handle.id in m.idempotency_key
            for m in services.to_users
        )

    for _ in range(50):
        if escalated():
            break
        await time_skipping_env.sleep(timedelta(seconds=1))
    assert escalated()
    await settled(lambda: services.task("review").escalation_level == 1)
    task = services.task("review")
    assert task.title == "Redemption: Review — Q4"
    assert task.title_key == "{request}: {step} — {subject}"
    params = json.loads(task.title_params_json)
    assert params["request.zh-CN"] == "赎回" and params["subject"] == "Q4"


async def test_a_complaint_waits_for_the_client_and_a_refusal_reopens_the_investigation(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, RequestFakes, str]
) -> None:
    _services, _fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "complaint")
    for task_id, user, role in (
        ("triage", "mgr-zhao", "manager"),
        ("investigation", "adv-li", "advisor"),
        ("resolution", "mgr-zhao", "manager"),
    ):
        await until(handle, open_task(task_id))
        await handle.execute_update("complete_task", done(task_id, user, role))
    await until_view(handle, lambda v: v.status == "awaiting_client")
    staff = RequestAction(actor_user="adv-li", actor_kind="staff", accepted=True)
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update("confirm_resolution", staff)
    refusal = RequestAction(
        actor_user="client", actor_kind="client", accepted=False, comment="not fixed"
    )
    await handle.execute_update("confirm_resolution", refusal)
    await until(handle, open_task("investigation-2"))
    view = await client_view(handle)
    assert view.round == 2
    assert [s.state for s in view.steps] == ["done", "current", "pending"]
    await handle.execute_update("complete_task", done("investigation-2", "adv-li", "advisor"))
    await until(handle, open_task("resolution-2"))
    await handle.execute_update("complete_task", done("resolution-2", "mgr-zhao", "manager"))
    await until_view(handle, lambda v: v.status == "awaiting_client")
    for _ in range(8):  # silence confirms
        await skip_a_day(time_skipping_env)
    await until_view(handle, lambda v: v.status in ("resolved", "closed"))


async def test_a_detractor_rating_gives_the_advisor_a_follow_up_and_reopen_starts_a_round(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, RequestFakes, str]
) -> None:
    services, fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "redemption")
    await run_redemption(handle)
    await until_view(handle, lambda v: v.status == "resolved" and v.rating_open)

    staff = RequestAction(actor_user="adv-li", actor_kind="staff", score=5)
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update("rate_request", staff)  # only the client rates
    out_of_range = RequestAction(actor_user="client", actor_kind="client", score=9)
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update("rate_request", out_of_range)
    rating = RequestAction(actor_user="client", actor_kind="client", score=2, comment="slow")
    await handle.execute_update("rate_request", rating)
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update("rate_request", rating)  # once per invitation
    await until(handle, open_task("detractor-follow-up-1"))
    follow_up = services.task("detractor-follow-up-1")
    assert follow_up.assignee_user == "adv-li" and follow_up.sla == "2 business days"
    assert [(r.score, r.survey, r.invitation_id) for r in fakes.ratings] == [
        (2, "csat", f"{handle.id}/csat-1")
    ]
    await handle.execute_update(
        "complete_task",
        done("detractor-follow-up-1", "adv-li", "advisor", "resolved", summary="called"),
    )

    no_reason = RequestAction(actor_user="client", actor_kind="client", reason=" ")
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update("reopen_request", no_reason)
    reopen = RequestAction(actor_user="client", actor_kind="client", reason="money not arrived")
    await handle.execute_update("reopen_request", reopen)
    await until(handle, open_task("review-2"))
    assert (await client_view(handle)).round == 2
    await run_round_two(handle)
    await until_view(handle, lambda v: v.status == "resolved")
    for _ in range(15):
        await skip_a_day(time_skipping_env)
    result = await handle.result()
    assert (result.status, result.rounds, result.csat_score) == ("closed", 2, 2)
    with pytest.raises(RPCError):  # the request has closed: nothing answers updates
        await handle.execute_update("reopen_request", reopen)
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        HISTORY.write_text(json.dumps((await handle.fetch_history()).to_json_dict(), indent=1))


async def run_round_two(handle: Handle) -> None:
    await handle.execute_update("complete_task", done("review-2", "adv-li", "advisor", "approved"))
    await until(handle, open_task("check-2"))
    await handle.execute_update("complete_task", done("check-2", "mgr-zhao", "manager"))
    await until(handle, open_task("settlement-2"))
    await handle.execute_update("complete_task", done("settlement-2", "acc-sun", "accountant"))


async def settled(check: Callable[[], bool]) -> None:
    """Wait for a projection that lands an activity after what the test saw."""
    for _ in range(200):
        if check():
            return
        await asyncio.sleep(0.05)
    assert check()


async def until_view(
    handle: Handle, check: Callable[[RequestProgressView], bool]
) -> RequestProgressView:
    import asyncio

    for _ in range(200):
        view = await client_view(handle)
        if check(view):
            return view
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened; last view: {view}")


async def test_replays_the_recorded_history() -> None:
    history = WorkflowHistory.from_json("service-request", json.loads(HISTORY.read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
