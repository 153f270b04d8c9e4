"""service-request: a client's request or complaint as a process. The type (defined by admins,
versioned) gives the steps, the role acting at each, the SLA per step and client tier, and
which steps the client sees:

```
open        requests.open: the row, the type's plan for the client's tier
steps       one human task per step (SLA in business hours, reminder, escalation to the
            team's manager on breach and to the second level, compliance for complaints);
            an outcome "rejected" ends the request as rejected
complaint   after its last step, the client confirms (≤ 7 days; silence confirms); a
            refusal sends it back to the second step, a new round
effect      contact_change: the approved fields applied to the client record, as the request
resolved    CSAT invitation to the client; a rating 1-2 starts a follow-up task for the
            advisor (2 business days, escalated on breach); reopen within reopen_days
closed      when the window ends
```

The client-safe progress is the `request_progress` query; the staff's the `progress` query.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.contract import (
        RequestAction,
        RequestPlan,
        RequestProgressView,
        RequestStep,
        RequestStepView,
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
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.models import (
        ServiceRequestInput as ServiceRequestInput,
        ServiceRequestResult as ServiceRequestResult,
    )
    from services.workflows.worker.processes.request_updates import RequestUpdates, workflow_time
    from services.workflows.worker.processes.steps import advisor_task
    from services.workflows.worker.processes.tasking import TaskingWorkflow
    from services.workflows.worker.task_specs import (
        FormField,
        SlaPolicy,
        TaskSpec,
        titled,
    )

KIND = "service-request"
CONFIRMATION_DAYS = 7
RATING_DAYS = 14
DETRACTOR_CSAT = 2  # a rating at or below this is a detractor
REJECTED_OUTCOMES = ("rejected", "declined")
RETRY = RetryPolicy(maximum_interval=timedelta(seconds=60))
TIMEOUT = timedelta(seconds=60)


def request_workflow_id(client_id: str, request_id: str) -> str:
    return f"{KIND}/{client_id}/{request_id}"


def make_input(client: Any, params: Mapping[str, str]) -> ServiceRequestInput:
    """A request started as a process (by a rule on an event, or `POST .../processes`):
    parameters `type`, `subject`, `fields` (a JSON object) and `request_id`."""
    type_key = params.get("type", "")
    if not type_key:
        raise ValueError("parameters.type='': must name a request type")
    fields = params.get("fields", "{}") or "{}"
    try:
        if not isinstance(json.loads(fields), dict):
            raise ValueError
    except ValueError:
        raise ValueError(f"parameters.fields={fields[:60]!r}: must be a JSON object") from None
    return ServiceRequestInput(
        request_id=params.get("request_id", "") or str(uuid.uuid4()),
        client_id=client.id,
        advisor_id=client.advisor_id,
        type_key=type_key,
        subject=params.get("subject", "")[:200],
        fields_json=fields,
        channel=params.get("channel", "event"),
        created_by=params.get("created_by", ""),
        team_id=client.team_id,
        tier=client.tier,
        manager_id=params.get("manager_id", ""),
        second_level_id=params.get("second_level_id", ""),
        timezone=client.timezone or "Asia/Shanghai",
    )


@workflow.defn(name="ServiceRequest")
class ServiceRequestWorkflow(RequestUpdates, TaskingWorkflow, FollowsClient):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "received"
        self.status = "open"
        self.plan: RequestPlan | None = None
        self.views: list[RequestStepView] = []
        self.round = 1
        self.revision = 0
        self.resolution = ""
        self.first_response_at = ""
        self.resolved_at = ""
        self.closed_at = ""
        self.reopen_until = ""
        self.reopen: RequestAction | None = None
        self.confirmation: RequestAction | None = None
        self.rating: RequestAction | None = None
        self.rated_round = 0
        self.rating_until = ""
        self.csat_score = 0
        self.request_id = ""
        self.current_task = ""
        self.artifact_id = ""

    @workflow.run
    async def run(self, params: ServiceRequestInput) -> ServiceRequestResult:
        self.request_id = params.request_id or str(workflow.uuid4())
        self.plan = await workflow.execute_activity(
            OPEN_REQUEST,
            RequestOpening(
                request_id=self.request_id,
                workflow_id=workflow.info().workflow_id,
                client_id=params.client_id,
                type_key=params.type_key,
                subject=params.subject,
                fields_json=params.fields_json,
                channel=params.channel,
                created_by=params.created_by,
                tier=params.tier,
                advisor_id=params.advisor_id,
                team_id=params.team_id,
            ),
            result_type=RequestPlan,
            start_to_close_timeout=TIMEOUT,
            retry_policy=RETRY,
        )
        plan = self.plan
        if plan.error:
            self.note(f"refused: {plan.error}")
            return await self._finish(params, "rejected")
        self._reset_views(0)
        await self._project()
        start_at = 0
        while True:
            resolution = await self._run_steps(params, plan, start_at)
            confirming = resolution == "resolved" and plan.effect == "complaint"
            if confirming and not await self._client_confirms():
                self.round += 1
                start_at = 1 if len(plan.steps) > 1 else 0
                self._reset_views(start_at)
                self.status = "open"
                await self._project()
                continue
            if resolution == "resolved" and plan.effect == "contact_change":
                await self._apply_contact_change(params)
            if resolution == "rejected":
                return await self._finish(params, "rejected")
            await self._resolved(params, plan)
            if not await self._after_resolution(params, plan):
                return await self._finish(params, "closed")
            self.round += 1
            self.reopen = None
            start_at = 0
            self._reset_views(0)
            self.status = "open"
            self.enter("reopened")
            await self._project()

    # -- steps -------------------------------------------------------------------------

    async def _run_steps(self, params: ServiceRequestInput, plan: RequestPlan, start: int) -> str:
        for index in range(start, len(plan.steps)):
            step = plan.steps[index]
            if step.client_visible:
                self.enter(step.name_en)
            else:
                self.note(f"step {step.key}")
            task_id = step.key if self.round == 1 else f"{step.key}-{self.round}"
            spec = self._task(params, plan, step, task_id)
            if index == 0 and self.round == 1 and params.filed_at:
                spec = replace(spec, clock_from=params.filed_at)
            task = asyncio.create_task(self.tasks.ask(spec))
            await workflow.wait_condition(lambda tid=task_id: tid in self.tasks.tasks)  # type: ignore[misc]
            self.current_task = task_id
            self._set_view(index, "current")
            await self._project()
            outcome = await task
            now = workflow.now().isoformat()
            if not self.first_response_at:
                self.first_response_at = now
            self._set_view(index, "done", done_at=now)
            if plan.effect == "document" and outcome.form_value("artifact_id"):
                # What answers a document request: the client downloads it in the portal
                # (reporting serves it only if it is that client's).
                self.artifact_id = outcome.form_value("artifact_id")[:64]
            if outcome.outcome in REJECTED_OUTCOMES:
                for later in range(index + 1, len(plan.steps)):
                    self._set_view(later, "skipped")
                return "rejected"
        return "resolved"

    def _task(
        self, params: ServiceRequestInput, plan: RequestPlan, step: RequestStep, task_id: str
    ) -> TaskSpec:
        assignee = {"advisor": params.advisor_id, "manager": params.manager_id}.get(step.role, "")
        names = {
            "request": {"zh-CN": plan.name_zh, "en": plan.name_en},
            "step": {"zh-CN": step.name_zh, "en": step.name_en},
        }
        title = (
            titled("{request}: {step} — {subject}", subject=params.subject, **names)
            if params.subject
            else titled("{request}: {step}", **names)
        )
        return TaskSpec(
            task_id=task_id,
            title=title.text,
            title_key=title.key,
            title_params=title.params,
            sla=SlaPolicy(amount=step.sla_hours, unit="business_hours", timezone=params.timezone),
            outcomes=step.outcomes,
            assignee_user=assignee,
            assignee_role=step.role,
            team_id=params.team_id,
            client_id=params.client_id,
            manager_id=params.manager_id,
            second_level_id=params.second_level_id,
            form=tuple(FormField(name) for name in step.form),
        )

    def _due_of(self, task_id: str) -> str:
        state = self.tasks.tasks.get(task_id)
        due = self.tasks.due_at(state) if state is not None else None
        return due.isoformat() if due else ""

    async def _client_confirms(self) -> bool:
        """A complaint's resolution waits for the client's word; silence confirms."""
        self.status = "awaiting_client"
        self.confirmation = None
        self.enter("awaiting your confirmation")
        await self._project()
        try:
            await workflow.wait_condition(
                lambda: self.confirmation is not None,
                timeout=timedelta(days=CONFIRMATION_DAYS),
            )
        except TimeoutError:
            self.note("no answer from the client: the resolution stands")
            return True
        assert self.confirmation is not None
        if self.confirmation.accepted:
            return True
        self.note(f"the client does not accept the resolution: {self.confirmation.comment}")
        return False

    async def _apply_contact_change(self, params: ServiceRequestInput) -> None:
        result = await workflow.execute_activity(
            APPLY_CONTACT_CHANGE,
            ContactChange(self.request_id, params.client_id, params.fields_json),
            result_type=ContactChangeResult,
            start_to_close_timeout=TIMEOUT,
            retry_policy=RETRY,
        )
        self.note("applied to the client record: " + (", ".join(result.applied) or "nothing"))

    # -- after the resolution ----------------------------------------------------------

    async def _resolved(self, params: ServiceRequestInput, plan: RequestPlan) -> None:
        now = workflow.now()
        self.status, self.resolution = "resolved", "resolved"
        self.resolved_at = now.isoformat()
        self.reopen_until = (now + timedelta(days=plan.reopen_days)).isoformat()
        self.enter("resolved")
        if plan.csat and self.rated_round < self.round:
            self.rating_until = (now + timedelta(days=RATING_DAYS)).isoformat()
            try:
                await workflow.execute_activity(
                    INVITE_TO_SURVEY,
                    SurveyInvitation(
                        idempotency_key=f"{workflow.info().workflow_id}/csat-{self.round}",
                        client_id=params.client_id,
                        workflow_id=workflow.info().workflow_id,
                        survey="csat",
                        round=self.round,
                        template_key="csat-invitation",
                        variables_json=json.dumps(
                            {
                                "request": plan.name_en,
                                "request_zh": plan.name_zh,
                                "subject": params.subject,
                            },
                            ensure_ascii=False,
                        ),
                        answer_days=RATING_DAYS,
                    ),
                    result_type=NotificationOutcome,
                    start_to_close_timeout=TIMEOUT,
                    retry_policy=RETRY,
                )
            except ActivityError as error:
                # The survey stays open in the portal; the request is resolved either way.
                self.note(f"survey invitation not sent: {error.cause or error}")
        await self._project()

    async def _after_resolution(self, params: ServiceRequestInput, plan: RequestPlan) -> bool:
        """Wait for a reopen or a rating until both windows close; True when reopened."""
        while True:
            now = workflow.now()
            ends = [self.reopen_until]
            if self.rating_open():
                ends.append(self.rating_until)
            until = max(workflow_time(e) for e in ends if e)
            if until <= now:
                return False
            try:
                await workflow.wait_condition(
                    lambda: self.reopen is not None or self.rating is not None,
                    timeout=until - now,
                )
            except TimeoutError:
                return False
            if self.rating is not None:
                await self._rated(params, plan, self.rating)
                self.rating = None
            if self.reopen is not None:
                self.note(f"reopened by {self.reopen.actor_kind}: {self.reopen.reason}")
                return True

    async def _rated(
        self, params: ServiceRequestInput, plan: RequestPlan, rating: RequestAction
    ) -> None:
        self.csat_score = rating.score
        await workflow.execute_activity(
            RECORD_RATING,
            RatingRecord(
                invitation_id=f"{workflow.info().workflow_id}/csat-{self.round}",
                client_id=params.client_id,
                request_type=plan.type_key,
                score=rating.score,
                comment=rating.comment,
                channel=rating.channel,
            ),
            start_to_close_timeout=TIMEOUT,
            retry_policy=RETRY,
        )
        await self._project()
        if rating.score <= DETRACTOR_CSAT:
            self.note(f"detractor ({rating.score}/5): follow-up task for the advisor")
            await self.tasks.ask(
                advisor_task(
                    params,
                    f"detractor-follow-up-{self.round}",
                    titled(
                        "Follow up an unhappy client ({score}/5): {request}",
                        score=str(rating.score),
                        request={"zh-CN": plan.name_zh, "en": plan.name_en},
                    ),
                    business_days=2,
                    outcomes=("resolved", "client_unreachable", "escalated"),
                )
            )

    def rating_open(self) -> bool:
        return bool(
            self.plan
            and self.plan.csat
            and self.rating_until
            and self.rated_round < self.round
            and self.status in ("resolved", "closed")
            and workflow.now() < workflow_time(self.rating_until)
        )

    async def _finish(self, params: ServiceRequestInput, status: str) -> ServiceRequestResult:
        self.status = status
        if status == "rejected":
            self.resolution = "rejected"
            self.resolved_at = self.resolved_at or workflow.now().isoformat()
            self.enter("not accepted")
        else:
            self.enter("closed")
        self.closed_at = workflow.now().isoformat()
        await self._project()
        return ServiceRequestResult(self.request_id, status, self.round, self.csat_score)

    # -- the client-safe view and the projection ---------------------------------------

    def _reset_views(self, start: int) -> None:
        assert self.plan is not None
        fresh = [RequestStepView(s.key, s.name_zh, s.name_en, "pending") for s in self.plan.steps]
        if self.views and start:
            fresh[:start] = self.views[:start]
        if start < len(fresh):
            # The step about to run is under way from the first report on: the client never
            # sees every step pending.
            fresh[start] = replace(fresh[start], state="current")
        self.views = fresh

    def _set_view(self, index: int, state: str, *, due_at: str = "", done_at: str = "") -> None:
        self.views[index] = replace(
            self.views[index],
            state=state,
            due_at=due_at or self.views[index].due_at,
            done_at=done_at,
        )

    @workflow.query(name="request_plan_names")
    def request_plan_names(self) -> list[str]:
        """The request type's names (zh-CN, en), for a survey page about it."""
        return [self.plan.name_zh, self.plan.name_en] if self.plan else []

    @workflow.query(name="request_progress")
    def request_progress(self) -> RequestProgressView:
        plan = self.plan
        visible = (
            tuple(v for v, s in zip(self.views, plan.steps, strict=True) if s.client_visible)
            if plan is not None and self.views
            else ()
        )
        # The open step's due date as its SLA clock says now (paused, extended).
        due = self._due_of(self.current_task) if self.current_task else ""
        visible = tuple(replace(v, due_at=due) if v.state == "current" else v for v in visible)
        expected = due if any(v.state == "current" for v in self.views) else ""
        return RequestProgressView(
            status=self.status,
            steps=visible,
            expected_by=expected,
            resolved_at=self.resolved_at,
            reopen_until=self.reopen_until if self.status == "resolved" else "",
            round=self.round,
            rated=self.rated_round >= self.round,
            rating_open=self.rating_open(),
        )

    async def _project(self) -> None:
        self.revision += 1
        view = self.request_progress()
        await workflow.execute_activity(
            PROJECT_REQUEST,
            RequestState(
                request_id=self.request_id,
                workflow_id=workflow.info().workflow_id,
                status=self.status,
                current_step=self.step,
                due_at=view.expected_by,
                resolution=self.resolution,
                first_response_at=self.first_response_at,
                resolved_at=self.resolved_at,
                closed_at=self.closed_at,
                round=self.round,
                csat_score=self.csat_score,
                revision=self.revision,
                progress_json=json.dumps(
                    {
                        "status": view.status,
                        "expected_by": view.expected_by,
                        "steps": [v.__dict__ for v in view.steps],
                        "reopen_until": view.reopen_until,
                        "rating_open": view.rating_open,
                        "rated": view.rated,
                        "artifact_id": self.artifact_id,
                    },
                    ensure_ascii=False,
                ),
            ),
            start_to_close_timeout=TIMEOUT,
            retry_policy=RETRY,
        )
