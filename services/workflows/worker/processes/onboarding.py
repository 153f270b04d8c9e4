"""onboarding: from a signed prospect to an active client.

    stage ONBOARDING → KYC record (opened as pending if missing) → risk questionnaire sent
    → wait for the answers (reminder to the client after 3 days; after 14 days the advisor
    gets a task to collect them) → risk level and initial tier → welcome message
    → introduction call (advisor task, 2 business days, escalation) → day 30: follow-up call
    (advisor task) → stage ACTIVE.

The answers arrive as the `submit_questionnaire` Update (from a client portal as the service
role, or from the advisor); its validator refuses bad answers and the wrong caller.
Cancelling (the client withdrew) cancels the open task, records the reason and returns the
client to PROSPECT. Every side effect's key is `onboarding/{client}/{step}`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ApplicationError

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.contract import QuestionnaireSubmission
    from services.workflows.worker.activities.types import (
        ENSURE_KYC,
        RECORD_RISK_PROFILE,
        ClientSummaryRequest,
        KycState,
        RiskProfile,
        RiskProfileResult,
    )
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes import questionnaire
    from services.workflows.worker.processes.models import (
        OnboardingInput as OnboardingInput,
        OnboardingResult as OnboardingResult,
    )
    from services.workflows.worker.processes.params import whole_number
    from services.workflows.worker.processes.steps import (
        RETRY,
        TIMEOUT,
        advisor_task,
        client_summary,
        notify_client,
        set_stage,
    )
    from services.workflows.worker.processes.tasking import TaskingWorkflow
    from services.workflows.worker.task_specs import (
        FormField,
        TaskOutcome,
        invalid_argument,
        titled,
    )

KIND = "onboarding"


def onboarding_workflow_id(client_id: str) -> str:
    return f"{KIND}/{client_id}"


def make_input(client: Any, params: Mapping[str, str]) -> OnboardingInput:
    reminder = whole_number(params, "reminder_days", 3, 1, 30)
    expiry = whole_number(params, "expiry_days", 14, 2, 90)
    if expiry <= reminder:
        raise ValueError(f"parameters.expiry_days={expiry}: must be after reminder_days")
    return OnboardingInput(
        client_id=client.id,
        advisor_id=client.advisor_id,
        team_id=client.team_id,
        manager_id=params.get("manager_id", ""),
        second_level_id=params.get("second_level_id", ""),
        timezone=client.timezone or "Asia/Shanghai",
        reminder_days=reminder,
        expiry_days=expiry,
        intro_call_business_days=whole_number(params, "intro_call_business_days", 2, 1, 10),
        follow_up_day=whole_number(params, "follow_up_day", 30, 0, 365),
    )


@workflow.defn(name="Onboarding")
class OnboardingWorkflow(TaskingWorkflow, FollowsClient):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"
        self.params: OnboardingInput | None = None
        self.answers: dict[str, str] | None = None
        self.answered_by = ""

    # -- the questionnaire Update ------------------------------------------------------

    @workflow.update(name="submit_questionnaire")
    def submit_questionnaire(self, submission: QuestionnaireSubmission) -> str:
        self.answers = questionnaire.validate(submission.answers_json)
        self.answered_by = submission.actor_user
        self.note(f"questionnaire answered by {submission.actor_user}")
        # The advisor's collect task, if it was opened, is no longer needed.
        self.tasks.withdraw("collect-questionnaire", "the questionnaire was answered")
        return self.step

    @submit_questionnaire.validator
    def _validate_questionnaire(self, submission: QuestionnaireSubmission) -> None:
        params = self.params
        if params is None:
            raise ApplicationError(
                "the onboarding has not started yet", type="FailedPrecondition", non_retryable=True
            )
        if self.answers is not None:
            raise ApplicationError(
                "the questionnaire was already answered",
                type="FailedPrecondition",
                non_retryable=True,
            )
        roles = set(submission.actor_roles)
        allowed = (
            bool(roles & {"service", "admin"})
            or submission.actor_user == params.advisor_id
            or ("manager" in roles and submission.actor_team in ("", params.team_id))
        )
        if not allowed:
            raise ApplicationError(
                "only the client (through the portal), the advisor or the team's manager "
                "may answer the questionnaire",
                type="PermissionDenied",
                non_retryable=True,
            )
        try:
            questionnaire.validate(submission.answers_json)
        except ValueError as error:
            raise invalid_argument(str(error)) from None

    # -- the process -------------------------------------------------------------------

    @workflow.run
    async def run(self, params: OnboardingInput) -> OnboardingResult:
        self.params = params
        try:
            return await self._onboard(params)
        except asyncio.CancelledError:
            reason = self.cancel_reason.reason if self.cancel_reason else "cancelled"
            by = self.cancel_reason.by if self.cancel_reason else ""
            self.note(f"cancelled by {by or 'an operator'}: {reason}")
            self.enter("onboarding cancelled")
            await set_stage(
                params.client_id,
                "PROSPECT",
                f"onboarding cancelled: {reason}",
                only_from=("ONBOARDING",),
            )
            raise

    async def _onboard(self, params: OnboardingInput) -> OnboardingResult:
        self.enter("onboarding started")
        # A prospect becomes ONBOARDING; a client someone already moved on keeps its stage.
        await set_stage(
            params.client_id, "ONBOARDING", "onboarding started", only_from=("PROSPECT",)
        )
        client = await client_summary(params.client_id)

        self.enter("KYC record")
        kyc: KycState = await workflow.execute_activity(
            ENSURE_KYC,
            ClientSummaryRequest(client_id=params.client_id),
            result_type=KycState,
            start_to_close_timeout=TIMEOUT,
            retry_policy=RETRY,
        )
        self.note(f"KYC {kyc.status}{' (opened)' if kyc.opened else ''}")

        answers = await self._questionnaire(params, client.name)
        points, level = questionnaire.score(answers)
        self.enter("risk profile recorded")
        profile: RiskProfileResult = await workflow.execute_activity(
            RECORD_RISK_PROFILE,
            RiskProfile(
                client_id=params.client_id,
                risk_level=level,
                answers_json=json.dumps(
                    {**answers, "_version": questionnaire.VERSION, "_points": points},
                    sort_keys=True,
                ),
            ),
            result_type=RiskProfileResult,
            start_to_close_timeout=TIMEOUT,
            retry_policy=RETRY,
        )
        self.note(f"risk level {level} ({points} points), tier {profile.tier}")

        self.enter("welcome message sent")
        welcome = await notify_client(
            "welcome",
            params.client_id,
            "welcome",
            {"client_name": client.name, "advisor_id": params.advisor_id},
        )
        self.note(f"welcome message {welcome.status} {welcome.reason}".strip())

        self.enter("introduction call")
        intro = await self.tasks.ask(
            advisor_task(
                params,
                "intro-call",
                "Introduction call with the new client",
                business_days=params.intro_call_business_days,
            )
        )

        follow_up_at = workflow.info().start_time + timedelta(days=params.follow_up_day)
        self.enter(f"day-{params.follow_up_day} follow-up")
        wait = (follow_up_at - workflow.now()).total_seconds()
        if wait > 0:
            await workflow.sleep(wait)
        follow_up = await self.tasks.ask(
            advisor_task(
                params,
                "follow-up-call",
                titled(
                    "Day-{day} follow-up call with the new client", day=str(params.follow_up_day)
                ),
            )
        )

        await set_stage(
            params.client_id, "ACTIVE", "onboarding complete", only_from=("ONBOARDING",)
        )
        self.enter("onboarding complete")
        return OnboardingResult(
            client_id=params.client_id,
            risk_level=level,
            risk_points=points,
            tier=profile.tier,
            answered_by=self.answered_by,
            intro_call=intro.outcome,
            follow_up_call=follow_up.outcome,
        )

    async def _questionnaire(self, params: OnboardingInput, name: str) -> dict[str, str]:
        self.enter("risk questionnaire sent")
        variables = {"client_name": name, "workflow_id": workflow.info().workflow_id}
        if self.answers is None:  # answers may come early (the advisor, at the signing)
            await notify_client("questionnaire", params.client_id, "risk-questionnaire", variables)
        started = workflow.now()
        self.waiting_hint = "the client"
        self.due_hint = (started + timedelta(days=params.expiry_days)).isoformat()
        if not await self._answered_within(timedelta(days=params.reminder_days)):
            await notify_client(
                "questionnaire-reminder",
                params.client_id,
                "risk-questionnaire-reminder",
                variables,
            )
            self.note("questionnaire reminder sent to the client")
            left = started + timedelta(days=params.expiry_days) - workflow.now()
            await self._answered_within(left)
        self.waiting_hint = self.due_hint = ""
        if self.answers is None:
            self.enter("questionnaire expired: the advisor collects the answers")
            outcome = await self.tasks.ask(
                advisor_task(
                    params,
                    "collect-questionnaire",
                    titled(
                        "Collect the risk questionnaire (not answered in {days} days)",
                        days=str(params.expiry_days),
                    ),
                    outcomes=("answers_collected",),
                    form=tuple(
                        FormField(question, kind="choice", options=tuple(options))
                        for question, options in questionnaire.QUESTIONS.items()
                    ),
                )
            )
            if self.answers is None:  # completed with the form, not withdrawn
                self.answers = questionnaire.validate(outcome.form_json)
                self.answered_by = outcome.completed_by
        assert self.answers is not None
        return self.answers

    async def _answered_within(self, window: timedelta) -> bool:
        if window.total_seconds() <= 0:
            return self.answers is not None
        try:
            await workflow.wait_condition(
                lambda: self.answers is not None, timeout=window.total_seconds()
            )
        except TimeoutError:
            return False
        return True


__all__ = ["OnboardingInput", "OnboardingResult", "OnboardingWorkflow", "TaskOutcome"]
