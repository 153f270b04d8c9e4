"""Onboarding under the time-skipping server: the questionnaire answered through the
Update, its reminder after 3 days and expiry after 14 (the advisor's collect task), the
validators, the day-30 follow-up timer, cancellation (the client withdrew) and a replay of
a recorded history."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from temporalio.client import (
    WorkflowFailureError,
    WorkflowHandle,
    WorkflowHistory,
    WorkflowUpdateFailedError,
)
from temporalio.exceptions import ApplicationError, CancelledError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from services.workflows.contract import CancelReason, QuestionnaireSubmission, TaskAction
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.onboarding import (
    OnboardingInput,
    OnboardingResult,
    OnboardingWorkflow,
)
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner
from tests.workflows.fakes import (
    ANSWERS,
    FakeServices,
    at_step,
    fake_worker,
    open_task,
    progress,
    until,
)

HISTORY = Path(__file__).resolve().parent.parent / "histories" / "onboarding.json"
Handle = WorkflowHandle[OnboardingWorkflow, OnboardingResult]


@pytest.fixture
async def care(time_skipping_env: WorkflowEnvironment) -> AsyncIterator[tuple[FakeServices, str]]:
    services = FakeServices()
    async with fake_worker(time_skipping_env, services) as queue:
        yield services, queue


async def start(env: WorkflowEnvironment, queue: str) -> Handle:
    params = OnboardingInput(
        client_id=str(uuid.uuid4()),
        advisor_id="adv-li",
        team_id="team-sh",
        manager_id="mgr-zhao",
    )
    handle = await env.client.start_workflow(
        OnboardingWorkflow.run, params, id=f"onboarding/{params.client_id}", task_queue=queue
    )
    await until(handle, at_step("risk questionnaire sent"))
    return handle


def portal(answers: dict[str, str] | None = None) -> QuestionnaireSubmission:
    return QuestionnaireSubmission(
        answers_json=json.dumps(answers or ANSWERS), actor_user="portal", actor_roles=("service",)
    )


def call_done(task_id: str) -> TaskAction:
    return TaskAction(
        task_id=task_id,
        actor_user="adv-li",
        actor_roles=("advisor",),
        actor_team="team-sh",
        outcome="reached",
        form_json=json.dumps({"summary": "介绍了服务团队"}),
    )


async def finish_calls(env: WorkflowEnvironment, handle: Handle) -> OnboardingResult:
    await until(handle, open_task("intro-call"))
    await handle.execute_update(OnboardingWorkflow.complete_task, call_done("intro-call"))
    await until(handle, lambda v: v.current_step == "day-30 follow-up")
    started = (await handle.describe()).start_time
    assert started is not None
    await env.sleep(started + timedelta(days=29) - await env.get_current_time())
    assert not open_task("follow-up-call")(await progress(handle))
    await env.sleep(timedelta(days=1, minutes=1))
    await until(handle, open_task("follow-up-call"))
    await handle.execute_update(OnboardingWorkflow.complete_task, call_done("follow-up-call"))
    return await handle.result()


async def cancelled(handle: Handle) -> None:
    """Cancel and wait for the end while the worker runs (a workflow left waiting for a
    worker would hold the test server's clock for every later test)."""
    await handle.cancel()
    with pytest.raises(WorkflowFailureError):
        await handle.result()


async def test_answered_through_the_portal_then_calls_then_active(
    time_skipping_env: WorkflowEnvironment, care: tuple[FakeServices, str]
) -> None:
    services, queue = care
    env = time_skipping_env
    handle = await start(env, queue)
    waiting = await progress(handle)
    assert waiting.waiting_on == "the client" and waiting.due_at
    await env.sleep(timedelta(days=1))
    await handle.execute_update(OnboardingWorkflow.submit_questionnaire, portal())
    result = await finish_calls(env, handle)

    assert (result.risk_level, result.risk_points, result.tier) == ("C3", 12, "CORE")
    assert (result.answered_by, result.intro_call, result.follow_up_call) == (
        "portal",
        "reached",
        "reached",
    )
    # No reminder: answered within 3 days. Each message once, keyed by workflow and step.
    assert services.client_templates() == ["risk-questionnaire", "welcome"]
    keys = [m.idempotency_key for m in services.to_clients]
    assert keys == [f"{handle.id}/questionnaire", f"{handle.id}/welcome"]
    assert [stage for stage, _ in services.stages] == ["ONBOARDING", "ACTIVE"]
    assert services.kyc_status == "pending"
    stored = json.loads(services.risk[0].answers_json)
    assert stored["_points"] == 12 and stored["horizon"] == "3_5y"
    steps = [s.detail for s in (await progress(handle)).steps if s.event == "step"]
    assert steps == [
        "onboarding started",
        "KYC record",
        "risk questionnaire sent",
        "risk profile recorded",
        "welcome message sent",
        "introduction call",
        "day-30 follow-up",
        "onboarding complete",
    ]
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        HISTORY.write_text(json.dumps((await handle.fetch_history()).to_json_dict(), indent=1))


async def test_reminder_after_3_days_and_the_advisor_collects_after_14(
    time_skipping_env: WorkflowEnvironment, care: tuple[FakeServices, str]
) -> None:
    services, queue = care
    env = time_skipping_env
    handle = await start(env, queue)
    await env.sleep(timedelta(days=3) - timedelta(minutes=5))
    assert services.client_templates() == ["risk-questionnaire"]
    await env.sleep(timedelta(minutes=10))
    await until(handle, lambda _v: len(services.to_clients) == 2)
    assert services.client_templates() == ["risk-questionnaire", "risk-questionnaire-reminder"]
    await env.sleep(timedelta(days=11) - timedelta(minutes=10))
    assert not open_task("collect-questionnaire")(await progress(handle))
    await env.sleep(timedelta(minutes=10))
    view = await until(handle, open_task("collect-questionnaire"))
    assert view.waiting_on == "adv-li"
    collect = services.task("collect-questionnaire")
    assert (collect.assignee_user, collect.status) == ("adv-li", "open")
    # The advisor enters the answers in the task's form.
    await handle.execute_update(
        OnboardingWorkflow.complete_task,
        TaskAction(
            task_id="collect-questionnaire",
            actor_user="adv-li",
            actor_roles=("advisor",),
            outcome="answers_collected",
            form_json=json.dumps({**ANSWERS, "loss_tolerance": "over_20pct"}),
        ),
    )
    result = await finish_calls(env, handle)
    assert (result.answered_by, result.risk_level) == ("adv-li", "C4")
    assert services.client_templates() == [
        "risk-questionnaire",
        "risk-questionnaire-reminder",
        "welcome",
    ]


async def test_answers_arriving_while_the_advisor_task_is_open_withdraw_it(
    time_skipping_env: WorkflowEnvironment, care: tuple[FakeServices, str]
) -> None:
    services, queue = care
    env = time_skipping_env
    handle = await start(env, queue)
    await env.sleep(timedelta(days=14, minutes=1))
    await until(handle, open_task("collect-questionnaire"))
    await handle.execute_update(OnboardingWorkflow.submit_questionnaire, portal())
    await until(handle, open_task("intro-call"))
    withdrawn = services.task("collect-questionnaire")
    assert (withdrawn.status, withdrawn.outcome) == ("cancelled", "withdrawn")
    await cancelled(handle)


async def test_validators_refuse_bad_answers_the_wrong_person_and_a_second_answer(
    time_skipping_env: WorkflowEnvironment, care: tuple[FakeServices, str]
) -> None:
    _services, queue = care
    handle = await start(time_skipping_env, queue)

    async def refused(submission: QuestionnaireSubmission) -> ApplicationError:
        with pytest.raises(WorkflowUpdateFailedError) as raised:
            await handle.execute_update(OnboardingWorkflow.submit_questionnaire, submission)
        assert isinstance(raised.value.cause, ApplicationError)
        return raised.value.cause

    bad = await refused(portal({**ANSWERS, "horizon": "forever"}))
    assert bad.type == "InvalidArgument" and bad.message.startswith("answers.horizon='forever'")
    missing = await refused(portal({k: v for k, v in ANSWERS.items() if k != "experience"}))
    assert missing.message == "answers.experience: is required"
    other = await refused(
        QuestionnaireSubmission(json.dumps(ANSWERS), "adv-wang", ("advisor",), "team-sh")
    )
    assert other.type == "PermissionDenied"
    # The client's own advisor may answer on the client's behalf.
    await handle.execute_update(
        OnboardingWorkflow.submit_questionnaire,
        QuestionnaireSubmission(json.dumps(ANSWERS), "adv-li", ("advisor",), "team-sh"),
    )
    again = await refused(portal())
    assert again.type == "FailedPrecondition"
    await cancelled(handle)


async def test_cancelling_closes_the_open_task_and_records_why(
    time_skipping_env: WorkflowEnvironment, care: tuple[FakeServices, str]
) -> None:
    services, queue = care
    handle = await start(time_skipping_env, queue)
    await handle.execute_update(OnboardingWorkflow.submit_questionnaire, portal())
    await until(handle, open_task("intro-call"))
    await handle.signal(
        OnboardingWorkflow.record_cancel_reason, CancelReason("the client withdrew", "mgr-zhao")
    )
    await handle.cancel()
    with pytest.raises(WorkflowFailureError) as failed:
        await handle.result()
    assert isinstance(failed.value.cause, CancelledError)
    assert services.task("intro-call").status == "cancelled"
    assert services.stages[-1] == ("PROSPECT", "onboarding cancelled: the client withdrew")
    view = await progress(handle)
    assert view.current_step == "onboarding cancelled"
    notes = [s.detail for s in view.steps if s.event == "note"]
    assert "cancelled by mgr-zhao: the client withdrew" in notes


async def test_replays_the_recorded_history() -> None:
    """A change that breaks determinism for running onboardings fails here."""
    history = WorkflowHistory.from_json("onboarding-recorded", json.loads(HISTORY.read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
