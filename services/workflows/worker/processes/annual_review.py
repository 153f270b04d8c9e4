"""annual-review: the yearly strategy review of a CORE or STRATEGIC client.

    book the meeting      task → advisor, 5 business days (the meeting date in the form,
                          and its time if known); the client gets an .ics invitation and
                          their answer (accept / decline), captured from mail, is noted
    summary report        the past year's summary PDF, generated and kept with the review
    review meeting        task → advisor, 10 business days
    minutes uploaded      task → advisor, 2 business days (the minutes in the form)
    new strategy sent     task → advisor, 5 business days (the strategy in the form); the
                          client gets it by e-mail with the summary attached

Every human step has its SLA clock, a reminder half-way and escalation to the manager. The
client follows the named steps in the client-safe progress view. Started in January by the
`clientflow-annual-reviews` Schedule for every CORE and STRATEGIC client, once per client and
year (`annual-review/{client}/{year}`), or for one client through the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.meetings import (
        PREPARE_MEETING_INVITATION,
        MeetingInvitation,
        MeetingRequest,
    )
    from services.workflows.worker.activities.types import (
        RENDER_CLIENT_REPORT,
        START_ANNUAL_REVIEWS,
        AnnualReviewsPage,
        AnnualReviewsPageRequest,
        RenderedReport,
        RenderRequest,
    )
    from services.workflows.worker.calendar import local_date
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.models import (
        AnnualReviewInput as AnnualReviewInput,
        AnnualReviewKickoffInput as AnnualReviewKickoffInput,
        AnnualReviewResult as AnnualReviewResult,
    )
    from services.workflows.worker.processes.steps import (
        advisor_task,
        client_summary,
        notify_client,
    )
    from services.workflows.worker.processes.tasking import TaskingWorkflow
    from services.workflows.worker.task_specs import FormField, titled

KIND = "annual-review"
SCHEDULE_ID = "clientflow-annual-reviews"
TIERS = ("STRATEGIC", "CORE")


def annual_review_workflow_id(client_id: str, year: int) -> str:
    return f"{KIND}/{client_id}/{year}"


def make_input(client: Any, params: Mapping[str, str]) -> AnnualReviewInput:
    text = params.get("year") or str(datetime.now(UTC).year)
    try:
        year = int(text)
    except ValueError:
        raise ValueError(f"parameters.year={text!r}: must be a year such as 2027") from None
    if not 2000 <= year <= 2100:
        raise ValueError(f"parameters.year={year}: must be between 2000 and 2100")
    return AnnualReviewInput(
        client_id=client.id,
        advisor_id=client.advisor_id,
        year=year,
        team_id=client.team_id,
        manager_id=params.get("manager_id", ""),
        second_level_id=params.get("second_level_id", ""),
        timezone=client.timezone or "Asia/Shanghai",
    )


@workflow.defn(name="AnnualReview")
class AnnualReviewWorkflow(TaskingWorkflow, FollowsClient):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"
        self.summary_artifact_id = ""
        self.meeting_reply = ""

    @workflow.signal(name="meeting_reply")
    def on_meeting_reply(self, reply: dict[str, Any]) -> None:
        """The client answered the invitation (their calendar's REPLY, captured from mail)."""
        answer = str(reply.get("partstat", "")).lower()[:20]
        if answer:
            self.meeting_reply = answer
            self.note(f"the client answered the meeting invitation: {answer}")

    @workflow.run
    async def run(self, params: AnnualReviewInput) -> AnnualReviewResult:
        client = await client_summary(params.client_id)
        self.enter("review meeting being booked")
        booked = await self.tasks.ask(
            advisor_task(
                params,
                "book-meeting",
                titled("Book the {year} strategy review meeting", year=str(params.year)),
                business_days=5,
                outcomes=("booked",),
                form=(
                    FormField("meeting_on", kind="date"),
                    FormField("meeting_time", required=False),
                ),
            )
        )
        meeting_on = booked.form_value("meeting_on")
        if meeting_on and workflow.patched("meeting-invitation"):
            await self._invite(params, client.name, meeting_on, booked.form_value("meeting_time"))

        report: RenderedReport = await workflow.execute_activity(
            RENDER_CLIENT_REPORT,
            RenderRequest(
                client_id=params.client_id,
                period=str(params.year - 1),
                commentary="",
                workflow_id=workflow.info().workflow_id,
                kind="annual-summary",
            ),
            result_type=RenderedReport,
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
        )
        self.summary_artifact_id = report.artifact_id
        self.enter(f"{params.year - 1} summary report ready")
        self.note(f"summary report: artifact {report.artifact_id}")

        self.enter(f"review meeting on {meeting_on}" if meeting_on else "review meeting")
        await self.tasks.ask(
            advisor_task(
                params,
                "hold-meeting",
                titled("Hold the review meeting (booked for {date})", date=meeting_on)
                if meeting_on
                else "Hold the review meeting",
                business_days=10,
                outcomes=("held",),
                form=(FormField("summary", required=False),),
            )
        )
        self.enter("meeting minutes uploaded")
        await self.tasks.ask(
            advisor_task(
                params,
                "minutes",
                "Upload the review meeting's minutes",
                outcomes=("uploaded",),
                form=(FormField("minutes"),),
            )
        )
        self.enter("new strategy being prepared")
        strategy = await self.tasks.ask(
            advisor_task(
                params,
                "strategy",
                titled("Send the client the {year} strategy", year=str(params.year)),
                business_days=5,
                outcomes=("sent",),
                form=(FormField("strategy"),),
            )
        )
        sent = await notify_client(
            "strategy",
            params.client_id,
            "annual-strategy",
            {
                "client_name": client.name,
                "year": str(params.year),
                "strategy": strategy.form_value("strategy"),
            },
            attachments=(report.artifact_id,),
        )
        self.enter("new strategy sent")
        return AnnualReviewResult(
            params.client_id,
            params.year,
            report.artifact_id,
            meeting_on,
            sent.status,
            self.meeting_reply,
        )

    async def _invite(
        self, params: AnnualReviewInput, client_name: str, meeting_on: str, meeting_time: str
    ) -> None:
        """The client's invitation, an .ics they can accept or decline."""
        invited: MeetingInvitation = await workflow.execute_activity(
            PREPARE_MEETING_INVITATION,
            MeetingRequest(
                workflow_id=workflow.info().workflow_id,
                client_id=params.client_id,
                advisor_id=params.advisor_id,
                year=params.year,
                meeting_on=meeting_on,
                meeting_time=meeting_time,
            ),
            result_type=MeetingInvitation,
            start_to_close_timeout=timedelta(seconds=60),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
        )
        sent = await notify_client(
            "invitation",
            params.client_id,
            "annual-review-invitation",
            {"client_name": client_name, "year": str(params.year), "starts": invited.starts},
            attachments=(invited.artifact_id,),
        )
        self.note(f"meeting invitation {sent.status} {sent.reason}".strip())


@workflow.defn(name="AnnualReviewKickoff")
class AnnualReviewKickoffWorkflow:
    """Start the year's reviews, a page of clients per activity."""

    @workflow.run
    async def run(self, kickoff: AnnualReviewKickoffInput) -> dict[str, int]:
        year = kickoff.year or local_date(workflow.now(), "Asia/Shanghai").year
        totals = {"scanned": 0, "started": 0, "already_started": 0, "errors": 0}
        totals.update(kickoff.totals or {})
        token, pages = kickoff.page_token, 0
        while True:
            if pages >= kickoff.pages_per_run:
                workflow.continue_as_new(
                    AnnualReviewKickoffInput(year, token, totals, kickoff.pages_per_run)
                )
            page: AnnualReviewsPage = await workflow.execute_activity(
                START_ANNUAL_REVIEWS,
                AnnualReviewsPageRequest(year=year, page_token=token),
                result_type=AnnualReviewsPage,
                start_to_close_timeout=timedelta(minutes=5),
                heartbeat_timeout=timedelta(seconds=30),  # the activity heartbeats
                retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=2)),
            )
            pages += 1
            for key in totals:
                totals[key] += getattr(page, key)
            token = page.next_page_token
            if not token:
                return totals
