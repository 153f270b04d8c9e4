"""The report processes under the time-skipping server: the quarterly run's approval loop
(a rejection sends it back to commentary; only a partner may decide), its distribution in
batches (every client once, failures to the manager's review), the annual review's steps,
and replays of recorded histories."""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from temporalio import activity
from temporalio.client import WorkflowHandle, WorkflowHistory, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from services.workflows.contract import TaskAction
from services.workflows.worker.activities.meetings import (
    PREPARE_MEETING_INVITATION,
    MeetingInvitation,
    MeetingRequest,
)
from services.workflows.worker.activities.types import (
    DELIVER_CLIENT_REPORT,
    DELIVER_CLIENT_REPORTS,
    LIST_BOOK,
    RENDER_CLIENT_REPORT,
    BookPage,
    BookPageRequest,
    RenderedReport,
    RenderRequest,
    ReportDelivery,
    ReportDeliveryOutcome,
    ReportsDelivery,
    ReportsDeliveryOutcome,
)
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.annual_review import (
    AnnualReviewInput,
    AnnualReviewResult,
    AnnualReviewWorkflow,
)
from services.workflows.worker.processes.quarterly import (
    QuarterlyReportInput,
    QuarterlyReportResult,
    QuarterlyReportWorkflow,
    previous_quarter,
)
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner
from tests.workflows.fakes import FakeServices, at_step, fake_worker, open_task, until

HISTORIES = Path(__file__).resolve().parent.parent / "histories"
BOOK = [str(uuid.UUID(int=i)) for i in range(1, 451)]
# Fixed: the batches' ids derive from it, and the replay must use the same.
QUARTERLY_ID = "quarterly-report/team-sh/2026Q3"
IDS = {
    "quarterly_report": QUARTERLY_ID,
    # the distribution's last batch (50 clients), recorded with one activity per client
    "quarterly_report_batch": f"{QUARTERLY_ID}/batch-3",
    # and the same batch with its reports made a call of 25 at a time
    "quarterly_report_batch_calls": f"{QUARTERLY_ID}/batch-3",
    # before the meeting invitation (replayed through its patch), and with it
    "annual_review": "annual-review/recorded/2027",
    "annual_review_invitation": "annual-review/recorded-invitation/2027",
}


class FakeReports:
    def __init__(self) -> None:
        self.delivered: Counter[str] = Counter()
        self.commentaries: set[str] = set()
        self.rendered: list[RenderRequest] = []
        self.calls: list[int] = []  # clients per batched call

    def activities(self) -> list[Callable[..., Any]]:
        @activity.defn(name=LIST_BOOK)
        async def list_book(request: BookPageRequest) -> BookPage:
            start = int(request.page_token or "0")
            end = min(start + request.page_size, len(BOOK))
            return BookPage(tuple(BOOK[start:end]), str(end) if end < len(BOOK) else "")

        @activity.defn(name=DELIVER_CLIENT_REPORT)
        async def deliver(request: ReportDelivery) -> ReportDeliveryOutcome:
            self.delivered[request.client_id] += 1
            self.commentaries.add(request.commentary)
            number = int(uuid.UUID(request.client_id))
            if number % 100 == 0:
                return ReportDeliveryOutcome(
                    request.client_id, "a", "", "failed", "no_channel: no e-mail address"
                )
            if number % 50 == 0:
                return ReportDeliveryOutcome(request.client_id, "a", "d", "suppressed", "opted_out")
            return ReportDeliveryOutcome(request.client_id, "a", "d", "sent", "")

        @activity.defn(name=DELIVER_CLIENT_REPORTS)
        async def deliver_many(request: ReportsDelivery) -> ReportsDeliveryOutcome:
            self.calls.append(len(request.client_ids))
            return ReportsDeliveryOutcome(
                tuple([await deliver(request.one(c)) for c in request.client_ids])
            )

        @activity.defn(name=RENDER_CLIENT_REPORT)
        async def render(request: RenderRequest) -> RenderedReport:
            self.rendered.append(request)
            return RenderedReport("artifact-1", "0" * 64, 1234)

        return [list_book, deliver, deliver_many, render]


def act(task_id: str, user: str, *roles: str, outcome: str, **form: str) -> TaskAction:
    return TaskAction(
        task_id=task_id,
        actor_user=user,
        actor_roles=roles,
        actor_team="team-sh",
        outcome=outcome,
        form_json=json.dumps(form),
    )


def test_the_previous_quarter() -> None:
    assert previous_quarter(2027, 1) == "2026Q4" and previous_quarter(2026, 10) == "2026Q3"


async def test_a_rejection_loops_back_and_only_a_partner_approves(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    reports = FakeReports()
    async with fake_worker(time_skipping_env, FakeServices(), reports.activities()) as queue:
        handle: WorkflowHandle[
            QuarterlyReportWorkflow, QuarterlyReportResult
        ] = await time_skipping_env.client.start_workflow(
            QuarterlyReportWorkflow.run,
            QuarterlyReportInput(
                book="team-sh", period="2026Q3", manager_id="mgr-zhao", batch_size=200
            ),
            id=QUARTERLY_ID,
            task_queue=queue,
        )
        update = QuarterlyReportWorkflow.complete_task
        await until(handle, open_task("data"))
        with pytest.raises(WorkflowUpdateFailedError) as wrong:
            await handle.execute_update(
                update, act("data", "adv-li", "advisor", outcome="confirmed")
            )
        assert isinstance(wrong.value.cause, ApplicationError)
        assert wrong.value.cause.type == "PermissionDenied"
        await handle.execute_update(
            update, act("data", "acc-qian", "accountant", outcome="confirmed")
        )

        await until(handle, open_task("commentary-1"))
        await handle.execute_update(
            update,
            act("commentary-1", "adv-li", "advisor", outcome="submitted", commentary="初稿"),
        )
        await until(handle, open_task("approval-1"))
        for user, roles in (("mgr-zhao", ("manager",)), ("adv-li", ("advisor",))):
            with pytest.raises(WorkflowUpdateFailedError) as refused:
                await handle.execute_update(
                    update, act("approval-1", user, *roles, outcome="approved")
                )
            assert isinstance(refused.value.cause, ApplicationError)
            assert refused.value.cause.type == "PermissionDenied"
            assert "partner" in refused.value.cause.message
        await handle.execute_update(
            update,
            act("approval-1", "ptr-sun", "partner", outcome="rejected", comment="补充债市观点"),
        )
        view = await until(handle, open_task("commentary-2"))
        assert "补充债市观点" in view.tasks[-1].title
        await handle.execute_update(
            update,
            act("commentary-2", "mgr-zhao", "manager", outcome="submitted", commentary="终稿"),
        )
        await until(handle, open_task("approval-2"))
        await handle.execute_update(
            update, act("approval-2", "ptr-sun", "partner", outcome="approved")
        )
        await until(handle, open_task("review-failures"))
        # 450 clients: 4 failed (no address), 5 suppressed; each delivered exactly once.
        assert len(reports.delivered) == 450 and set(reports.delivered.values()) == {1}
        # Batches of 200, 200 and 50, their reports made 25 at a time.
        assert sorted(reports.calls) == [25] * 18
        assert reports.commentaries == {"终稿"}
        await handle.execute_update(
            update, act("review-failures", "mgr-zhao", "manager", outcome="reviewed")
        )
        result = await handle.result()
    assert [(r.number, r.decision, r.decided_by) for r in result.rounds] == [
        (1, "rejected", "ptr-sun"),
        (2, "approved", "ptr-sun"),
    ]
    assert result.rounds[0].comment == "补充债市观点"
    assert (result.clients, result.counts) == (450, {"sent": 441, "suppressed": 5, "failed": 4})
    assert {p.reason for p in result.problems} == {"opted_out", "no_channel: no e-mail address"}
    assert result.reviewed_by == "mgr-zhao"
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        (HISTORIES / "quarterly_report.json").write_text(
            json.dumps((await handle.fetch_history()).to_json_dict(), indent=1)
        )
        batch = time_skipping_env.client.get_workflow_handle(f"{QUARTERLY_ID}/batch-3")
        (HISTORIES / "quarterly_report_batch_calls.json").write_text(
            json.dumps((await batch.fetch_history()).to_json_dict(), indent=1)
        )


async def test_the_annual_review_steps_and_the_summary_report(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    reports, services = FakeReports(), FakeServices()
    invited: list[MeetingRequest] = []

    @activity.defn(name=PREPARE_MEETING_INVITATION)
    async def prepare(request: MeetingRequest) -> MeetingInvitation:
        invited.append(request)
        return MeetingInvitation("invitation-1", f"{request.meeting_on} {request.meeting_time}")

    extra = [reports.activities()[-1], prepare]
    async with fake_worker(time_skipping_env, services, extra) as queue:
        params = AnnualReviewInput(
            client_id=str(uuid.uuid4()),
            advisor_id="adv-li",
            year=2027,
            team_id="team-sh",
            manager_id="mgr-zhao",
        )
        handle: WorkflowHandle[
            AnnualReviewWorkflow, AnnualReviewResult
        ] = await time_skipping_env.client.start_workflow(
            AnnualReviewWorkflow.run,
            params,
            id=f"annual-review/{params.client_id}/2027",
            task_queue=queue,
        )
        update = AnnualReviewWorkflow.complete_task
        await until(handle, open_task("book-meeting"))
        await handle.execute_update(
            update,
            act(
                "book-meeting",
                "adv-li",
                "advisor",
                outcome="booked",
                meeting_on="2027-01-20",
                meeting_time="10:30",
            ),
        )
        await until(handle, at_step("review meeting on 2027-01-20"))
        # The client's calendar answered the invitation (captured from mail, relayed here).
        await handle.signal("meeting_reply", {"partstat": "ACCEPTED"})
        assert reports.rendered[0].period == "2026" and reports.rendered[0].kind == "annual-summary"
        await handle.execute_update(
            update, act("hold-meeting", "adv-li", "advisor", outcome="held")
        )
        await until(handle, open_task("minutes"))
        await handle.execute_update(
            update,
            act("minutes", "adv-li", "advisor", outcome="uploaded", minutes="讨论了养老规划"),
        )
        await until(handle, open_task("strategy"))
        await handle.execute_update(
            update, act("strategy", "adv-li", "advisor", outcome="sent", strategy="六成固收")
        )
        result = await handle.result()
    assert (result.summary_artifact_id, result.meeting_on) == ("artifact-1", "2027-01-20")
    assert result.meeting_reply == "accepted"
    [request] = invited
    assert (request.meeting_on, request.meeting_time, request.year) == ("2027-01-20", "10:30", 2027)
    invitation, strategy = services.to_clients
    assert invitation.template_key == "annual-review-invitation"
    assert invitation.attachment_artifact_ids == ("invitation-1",)
    assert json.loads(invitation.variables_json)["starts"] == "2027-01-20 10:30"
    assert strategy.template_key == "annual-strategy"
    assert strategy.attachment_artifact_ids == ("artifact-1",)
    assert json.loads(strategy.variables_json)["strategy"] == "六成固收"
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        (HISTORIES / "annual_review_invitation.json").write_text(
            json.dumps((await handle.fetch_history()).to_json_dict(), indent=1)
        )


@pytest.mark.parametrize("name", list(IDS))
async def test_replays_the_recorded_history(name: str) -> None:
    history = WorkflowHistory.from_json(
        IDS[name], json.loads((HISTORIES / f"{name}.json").read_text())
    )
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
