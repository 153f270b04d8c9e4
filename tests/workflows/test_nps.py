"""NPS surveys under the time-skipping server: the invitation with its link (marketing, so
consent applies), one answer, a detractor's follow-up task for the advisor escalated to the
manager when late, a survey nobody answers closing, a suppressed invitation ending it, and
a replay of a recorded history."""

from __future__ import annotations

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
from temporalio.client import WorkflowHandle, WorkflowHistory, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from services.workflows.contract import RequestAction, TaskAction
from services.workflows.worker.activities.types import (
    INVITE_TO_SURVEY,
    RECORD_RATING,
    START_NPS_PAGE,
    NotificationOutcome,
    NpsPage,
    NpsPageResult,
    RatingRecord,
    SurveyInvitation,
)
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.nps import (
    NpsCampaignInput,
    NpsCampaignWorkflow,
    NpsSurveyInput,
    NpsSurveyResult,
    NpsSurveyWorkflow,
)
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner
from tests.workflows.fakes import FakeServices, fake_worker, open_task, until

HISTORY = Path(__file__).resolve().parent.parent / "histories" / "nps_survey.json"
Handle = WorkflowHandle[NpsSurveyWorkflow, NpsSurveyResult]


@dataclass
class SurveyFakes:
    invitations: list[SurveyInvitation] = field(default_factory=list)
    ratings: list[RatingRecord] = field(default_factory=list)
    status: str = "sent"

    def activities(self) -> list[Callable[..., Any]]:
        @activity.defn(name=INVITE_TO_SURVEY)
        async def invite(invitation: SurveyInvitation) -> NotificationOutcome:
            self.invitations.append(invitation)
            return NotificationOutcome(
                "d-1", self.status, "opted_out" if self.status != "sent" else ""
            )

        @activity.defn(name=RECORD_RATING)
        async def rate(record: RatingRecord) -> None:
            self.ratings.append(record)

        return [invite, rate]


@pytest.fixture
async def env_queue(
    time_skipping_env: WorkflowEnvironment,
) -> AsyncIterator[tuple[FakeServices, SurveyFakes, str]]:
    services, fakes = FakeServices(), SurveyFakes()
    async with fake_worker(time_skipping_env, services, fakes.activities()) as queue:
        yield services, fakes, queue


async def start(env: WorkflowEnvironment, queue: str) -> Handle:
    params = NpsSurveyInput(
        client_id=str(uuid.uuid4()),
        advisor_id="adv-li",
        campaign="spring@2026-03-01",
        team_id="team-sh",
        manager_id="mgr-zhao",
    )
    return await env.client.start_workflow(
        NpsSurveyWorkflow.run,
        params,
        id=f"nps-survey/{params.client_id}/{params.campaign}",
        task_queue=queue,
    )


def client_says(score: int, comment: str = "") -> RequestAction:
    return RequestAction(actor_user="client:x", actor_kind="client", score=score, comment=comment)


async def test_a_detractor_gets_a_follow_up_that_escalates_when_late(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, SurveyFakes, str]
) -> None:
    services, fakes, queue = env_queue
    handle = await start(time_skipping_env, queue)
    await until(handle, lambda _: bool(fakes.invitations))
    [invitation] = fakes.invitations
    assert (invitation.survey, invitation.category, invitation.template_key) == (
        "nps",
        "marketing",
        "nps-invitation",
    )
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update("answer_survey", client_says(11))
    await handle.execute_update("answer_survey", client_says(4, "fees too high"))
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update("answer_survey", client_says(9))  # one answer
    await until(handle, open_task("detractor-follow-up"))
    assert [(r.survey, r.score, r.invitation_id) for r in fakes.ratings] == [
        ("nps", 4, f"{handle.id}/nps")
    ]
    for _ in range(6):
        await time_skipping_env.sleep(timedelta(days=1))
    escalated = [m for m in services.to_users if m.template_key == "task-escalation"]
    assert [m.user_id for m in escalated] == ["mgr-zhao"]
    await handle.execute_update(
        "complete_task",
        TaskAction(
            task_id="detractor-follow-up",
            actor_user="adv-li",
            actor_roles=("advisor",),
            actor_team="team-sh",
            outcome="resolved",
            form_json=json.dumps({"summary": "called, fee waived"}),
        ),
    )
    result = await handle.result()
    assert (result.status, result.score) == ("answered", 4)
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        HISTORY.write_text(json.dumps((await handle.fetch_history()).to_json_dict(), indent=1))


async def test_a_promoter_needs_nothing_and_silence_closes_the_survey(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, SurveyFakes, str]
) -> None:
    services, _fakes, queue = env_queue
    promoter = await start(time_skipping_env, queue)
    await until(promoter, lambda view: view.current_step == "survey sent")
    await promoter.execute_update("answer_survey", client_says(10))
    assert (await promoter.result()).status == "answered"
    assert not any(t.task_id == "detractor-follow-up" for t in services.projections)

    silent = await start(time_skipping_env, queue)
    await until(silent, lambda view: view.current_step == "survey sent")
    for _ in range(15):
        await time_skipping_env.sleep(timedelta(days=1))
    assert (await silent.result()).status == "unanswered"
    with pytest.raises(Exception):  # noqa: B017 - closed: nothing takes an answer
        await silent.execute_update("answer_survey", client_says(3))


async def test_an_opted_out_client_is_not_surveyed(
    time_skipping_env: WorkflowEnvironment, env_queue: tuple[FakeServices, SurveyFakes, str]
) -> None:
    _services, fakes, queue = env_queue
    fakes.status = "suppressed"
    handle = await start(time_skipping_env, queue)
    assert (await handle.result()).status == "not_sent"


async def test_replays_the_recorded_history() -> None:
    history = WorkflowHistory.from_json("nps-survey", json.loads(HISTORY.read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)


CAMPAIGN_HISTORY = Path(__file__).resolve().parent.parent / "histories" / "nps_campaign.json"


async def test_a_campaign_pages_through_its_segment(time_skipping_env: WorkflowEnvironment) -> None:
    pages: list[NpsPage] = []

    @activity.defn(name=START_NPS_PAGE)
    async def start_page(page: NpsPage) -> NpsPageResult:
        pages.append(page)
        following = {"": "p2", "p2": "p3"}.get(page.page_token, "")
        return NpsPageResult(scanned=200, started=150, skipped_recent=50, next_page_token=following)

    services = FakeServices()
    async with fake_worker(time_skipping_env, services, [start_page]) as queue:
        handle = await time_skipping_env.client.start_workflow(
            NpsCampaignWorkflow.run,
            NpsCampaignInput(segment_id="seg-1", campaign="spring", min_days_between=180),
            id="nps-campaign/spring-test",
            task_queue=queue,
        )
        assert await handle.result() == {"scanned": 600, "started": 450}
    assert [p.page_token for p in pages] == ["", "p2", "p3"]
    assert {p.campaign for p in pages} == {pages[0].campaign}
    assert pages[0].campaign.startswith("spring@") and pages[0].min_days_between == 180
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        CAMPAIGN_HISTORY.write_text(
            json.dumps((await handle.fetch_history()).to_json_dict(), indent=1)
        )


async def test_replays_the_recorded_campaign_history() -> None:
    history = WorkflowHistory.from_json("nps-campaign", json.loads(CAMPAIGN_HISTORY.read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
