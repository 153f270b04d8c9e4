"""nps-survey: ask one client "how likely are you to recommend us" (0-10) with a signed link
(marketing category: their opt-outs, the frequency cap and quiet hours apply), wait up to
`answer_days` for the answer (the `answer_survey` Update, once), record it, and give the
advisor a follow-up task when the client is a detractor (0-6), escalated to the team's
manager when it is late.

nps-campaign: one run of a campaign over a segment (started by its Schedule): page by page,
a survey for each member not surveyed within `min_days_between` days, workflow id
`nps-survey/{client}/{campaign run}`; continues as new every 100 pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.contract import RequestAction
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
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.models import (
        NpsCampaignInput as NpsCampaignInput,
        NpsSurveyInput as NpsSurveyInput,
        NpsSurveyResult as NpsSurveyResult,
    )
    from services.workflows.worker.processes.steps import advisor_task
    from services.workflows.worker.processes.tasking import TaskingWorkflow
    from services.workflows.worker.task_specs import (
        failed_precondition,
        invalid_argument,
        titled,
    )

KIND = "nps-survey"
CAMPAIGN_KIND = "nps-campaign"
DETRACTOR_NPS = 6
RETRY = RetryPolicy(maximum_interval=timedelta(seconds=60))
TIMEOUT = timedelta(seconds=90)
PAGES_PER_RUN = 100


def nps_workflow_id(client_id: str, campaign: str) -> str:
    return f"{KIND}/{client_id}/{campaign}"


def make_input(client: Any, params: Mapping[str, str]) -> NpsSurveyInput:
    campaign = params.get("campaign", "") or "ad-hoc"
    if len(campaign) > 80 or "/" in campaign:
        raise ValueError(f"parameters.campaign={campaign[:40]!r}: at most 80 characters, no '/'")
    return NpsSurveyInput(
        client_id=client.id,
        advisor_id=client.advisor_id,
        campaign=campaign,
        team_id=client.team_id,
        manager_id=params.get("manager_id", ""),
        timezone=client.timezone or "Asia/Shanghai",
    )


@workflow.defn(name="NpsSurvey")
class NpsSurveyWorkflow(TaskingWorkflow, FollowsClient):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"
        self.answer: RequestAction | None = None
        self.closes_at = ""

    @workflow.run
    async def run(self, params: NpsSurveyInput) -> NpsSurveyResult:
        self.enter("survey sent")
        wf = workflow.info().workflow_id
        self.closes_at = (workflow.now() + timedelta(days=params.answer_days)).isoformat()
        try:
            outcome: NotificationOutcome = await workflow.execute_activity(
                INVITE_TO_SURVEY,
                SurveyInvitation(
                    idempotency_key=f"{wf}/invitation",
                    client_id=params.client_id,
                    workflow_id=wf,
                    survey="nps",
                    round=1,
                    template_key="nps-invitation",
                    category="marketing",
                    answer_days=params.answer_days,
                ),
                result_type=NotificationOutcome,
                start_to_close_timeout=TIMEOUT,
                retry_policy=RETRY,
            )
        except ActivityError as error:
            self.note(f"invitation not sent: {error.cause or error}")
            self.closes_at = ""
            return NpsSurveyResult(params.client_id, "not_sent")
        if outcome.status in ("suppressed", "failed"):
            self.note(f"invitation {outcome.status}: {outcome.reason}")
            self.closes_at = ""
            return NpsSurveyResult(params.client_id, "not_sent")
        self.waiting_hint = "the client"
        self.due_hint = self.closes_at
        try:
            await workflow.wait_condition(
                lambda: self.answer is not None, timeout=timedelta(days=params.answer_days)
            )
        except TimeoutError:
            self.enter("no answer")
            self.closes_at = ""
            return NpsSurveyResult(params.client_id, "unanswered")
        self.waiting_hint = self.due_hint = ""
        answer = self.answer
        assert answer is not None
        await workflow.execute_activity(
            RECORD_RATING,
            RatingRecord(
                invitation_id=f"{wf}/nps",
                client_id=params.client_id,
                request_type="",
                score=answer.score,
                comment=answer.comment,
                channel=answer.channel,
                survey="nps",
            ),
            start_to_close_timeout=TIMEOUT,
            retry_policy=RETRY,
        )
        self.enter("answered")
        if answer.score <= DETRACTOR_NPS:
            self.note(f"detractor ({answer.score}/10): follow-up task for the advisor")
            await self.tasks.ask(
                advisor_task(
                    params,
                    "detractor-follow-up",
                    titled("Follow up an unhappy client (NPS {score}/10)", score=str(answer.score)),
                    business_days=2,
                    outcomes=("resolved", "client_unreachable", "escalated"),
                )
            )
            self.enter("followed up")
        return NpsSurveyResult(params.client_id, "answered", answer.score)

    @workflow.update(name="answer_survey")
    def answer_survey(self, action: RequestAction) -> str:
        self.answer = action
        return "recorded"

    @answer_survey.validator
    def _validate_answer(self, action: RequestAction) -> None:
        if self.answer is not None:
            raise failed_precondition("this survey has been answered already")
        if not self.closes_at:
            raise failed_precondition("this survey is closed")
        if action.actor_kind != "client":
            raise failed_precondition("only the client answers their survey")
        if not 0 <= action.score <= 10:
            raise invalid_argument(f"score={action.score}: must be between 0 and 10")
        if len(action.comment) > 2000:
            raise invalid_argument("comment: must be at most 2,000 characters")


@workflow.defn(name="NpsCampaign")
class NpsCampaignWorkflow:
    @workflow.run
    async def run(self, params: NpsCampaignInput) -> dict[str, int]:
        # A run started by the Schedule takes its date, so each run is its own campaign.
        campaign = params.campaign
        if "@" not in campaign:
            campaign = f"{campaign}@{workflow.now().date().isoformat()}"
        token, scanned, started = params.page_token, params.scanned, params.started
        for _ in range(PAGES_PER_RUN):
            page: NpsPageResult = await workflow.execute_activity(
                START_NPS_PAGE,
                NpsPage(params.segment_id, campaign, params.min_days_between, token),
                result_type=NpsPageResult,
                start_to_close_timeout=timedelta(minutes=5),
                retry_policy=RETRY,
            )
            scanned, started = scanned + page.scanned, started + page.started
            token = page.next_page_token
            if not token:
                return {"scanned": scanned, "started": started}
        workflow.continue_as_new(
            NpsCampaignInput(
                params.segment_id, campaign, params.min_days_between, token, scanned, started
            )
        )
