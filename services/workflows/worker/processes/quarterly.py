"""quarterly-report: the quarter's client reports, from the numbers to every client's inbox.

    data          task → accountant: upload or confirm the quarter's holdings and transactions
    commentary    task → the book's advisors (or the manager): the quarter's commentary
    approval      task → a partner (only the partner role may decide): approve, or reject
                  with a comment → back to commentary; every round is kept
    distribution  child workflows of `batch_size` clients, `parallel_batches` at a time; each
                  renders `clients_per_call` clients' PDFs per call (their data read in one
                  call), `render_parallelism` reports in flight (at least one call), and
                  e-mails each (one idempotency key per client and quarter)
    summary       sent / deferred / suppressed / failed with reasons, in the progress and the
                  result; failures → a review task for the manager (failed e-mails are retried
                  with POST /v1/notifications/{id}/retry)

Id `quarterly-report/{book}/{period}`, the book being a team id or `firm`. The history
stays small whatever the book's size: the parent holds one page of client ids at a time
and a child's history grows with its batch only.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ActivityError, ApplicationError, WorkflowAlreadyStartedError
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from services.common.temporal import book_search_attributes
    from services.workflows.worker.activities.types import (
        DELIVER_CLIENT_REPORT,
        DELIVER_CLIENT_REPORTS,
        LIST_BOOK,
        BookPage,
        BookPageRequest,
        ReportDelivery,
        ReportDeliveryOutcome,
        ReportsDelivery,
        ReportsDeliveryOutcome,
    )
    from services.workflows.worker.calendar import local_date
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.models import (
        BatchInput as BatchInput,
        BatchResult as BatchResult,
        Failure as Failure,
        QuarterlyKickoffInput as QuarterlyKickoffInput,
        QuarterlyReportInput as QuarterlyReportInput,
        QuarterlyReportResult as QuarterlyReportResult,
        Round as Round,
    )
    from services.workflows.worker.processes.params import whole_number
    from services.workflows.worker.processes.tasking import TaskingWorkflow
    from services.workflows.worker.task_specs import FormField, SlaPolicy, TaskSpec, Title, titled

KIND = "quarterly-report"
OK = ("sent", "deferred", "accepted", "sending", "retrying")
# A batch makes its reports a call at a time, not an activity per client (2026-12).
REPORTS_PER_CALL = "reports-per-call"
RETRIES = RetryPolicy(maximum_interval=timedelta(minutes=1), maximum_attempts=6)


def quarterly_workflow_id(book: str, period: str) -> str:
    return f"{KIND}/{book}/{period}"


def make_quarterly_input(book: str, period: str, params: Mapping[str, str]) -> QuarterlyReportInput:
    return QuarterlyReportInput(
        book=book,
        period=period,
        started_by=params.get("started_by", ""),
        manager_id=params.get("manager_id", ""),
        batch_size=whole_number(params, "batch_size", 200, 1, 200),
        parallel_batches=whole_number(params, "parallel_batches", 4, 1, 32),
        render_parallelism=whole_number(params, "render_parallelism", 8, 1, 64),
        delivery_timeout_seconds=whole_number(params, "delivery_timeout_seconds", 120, 5, 3600),
        attempt=whole_number(params, "attempt", 1, 1, 100),
        clients_per_call=whole_number(params, "clients_per_call", 25, 1, 100),
    )


@workflow.defn(name="QuarterlyReport")
class QuarterlyReportWorkflow(TaskingWorkflow):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"
        self.rounds: list[Round] = []
        self.counts: Counter[str] = Counter()
        self.clients = 0

    def items(self) -> tuple[int, int]:
        """Clients listed for distribution so far, and those whose batch has finished."""
        return self.clients, sum(self.counts.values())

    @workflow.run
    async def run(self, params: QuarterlyReportInput) -> QuarterlyReportResult:
        team = "" if params.book == "firm" else params.book
        sla = SlaPolicy(amount=params.sla_business_days, timezone=params.timezone)

        def task(task_id: str, title: Title, role: str, **extra: Any) -> TaskSpec:
            return TaskSpec(
                task_id=task_id,
                title=title.text,
                title_key=title.key,
                title_params=title.params,
                sla=sla,
                assignee_role=role,
                team_id=team,
                manager_id=params.manager_id,
                **extra,
            )

        self.enter("data upload")
        await self.tasks.ask(
            task(
                "data",
                titled(
                    "Upload or confirm the {period} holdings and transactions",
                    period=params.period,
                ),
                "accountant",
                outcomes=("confirmed",),
                form=(FormField("note", required=False),),
                role_required=True,
            )
        )
        feedback = ""
        while True:
            number = len(self.rounds) + 1
            self.enter(f"commentary (round {number})")
            title = (
                titled(
                    "Write the {period} commentary (rejected: {feedback})",
                    period=params.period,
                    feedback=feedback[:120],
                )
                if feedback
                else titled("Write the {period} commentary", period=params.period)
            )
            written = await self.tasks.ask(
                task(
                    f"commentary-{number}",
                    title,
                    "advisor",
                    outcomes=("submitted",),
                    form=(FormField("commentary"),),
                )
            )
            commentary = written.form_value("commentary")
            self.enter(f"partner approval (round {number})")
            decision = await self.tasks.ask(
                task(
                    f"approval-{number}",
                    titled(
                        "Approve the {period} reports (round {round})",
                        period=params.period,
                        round=str(number),
                    ),
                    "partner",
                    outcomes=("approved", "rejected"),
                    form=(FormField("comment", required=False),),
                    role_required=True,
                )
            )
            comment = decision.comment or decision.form_value("comment")
            self.rounds.append(
                Round(
                    number,
                    commentary,
                    written.completed_by,
                    decision.outcome,
                    decision.completed_by,
                    comment,
                )
            )
            self.note(f"round {number}: {decision.outcome} by {decision.completed_by} {comment}")
            if decision.outcome == "approved":
                break
            feedback = comment or "see the partner's comment"

        self.enter("distribution")
        problems = await self._distribute(params, commentary)
        summary = ", ".join(f"{key} {value}" for key, value in sorted(self.counts.items()))
        self.enter("summary")
        self.note(f"{self.clients} clients: {summary or 'none'}")
        reviewed_by = ""
        failed = [p for p in problems if p.status == "failed"]
        if failed:
            reasons = Counter(p.reason.split(":")[0] for p in failed)
            review = await self.tasks.ask(
                task(
                    "review-failures",
                    titled(
                        "{count} {period} reports were not delivered ({reasons})",
                        count=str(len(failed)),
                        period=params.period,
                        reasons=", ".join(f"{r}: {n}" for r, n in reasons.most_common(3)),
                    ),
                    "manager",
                    outcomes=("reviewed",),
                )
            )
            reviewed_by = review.completed_by
        self.enter("done")
        return QuarterlyReportResult(
            book=params.book,
            period=params.period,
            rounds=tuple(self.rounds),
            clients=self.clients,
            counts=dict(self.counts),
            problems=tuple(problems[:1000]),
            reviewed_by=reviewed_by,
        )

    async def _distribute(self, params: QuarterlyReportInput, commentary: str) -> list[Failure]:
        workflow_id = workflow.info().workflow_id
        problems: list[Failure] = []
        running: set[asyncio.Task[BatchResult]] = set()
        token, number = "", 0

        async def settle(done: Iterable[asyncio.Task[BatchResult]]) -> None:
            for finished in done:
                result = finished.result()
                self.counts.update(result.counts)
                problems.extend(result.failures)

        while True:
            page: BookPage = await workflow.execute_activity(
                LIST_BOOK,
                BookPageRequest(book=params.book, page_token=token, page_size=params.batch_size),
                result_type=BookPage,
                start_to_close_timeout=timedelta(minutes=2),
                retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
            )
            if page.client_ids:
                number += 1
                self.clients += len(page.client_ids)
                while len(running) >= params.parallel_batches:
                    done, _ = await workflow.wait(running, return_when=asyncio.FIRST_COMPLETED)
                    running.difference_update(done)
                    await settle(done)
                running.add(
                    asyncio.create_task(
                        workflow.execute_child_workflow(
                            QuarterlyReportBatchWorkflow.run,
                            BatchInput(
                                parent_id=workflow_id,
                                period=params.period,
                                commentary=commentary,
                                client_ids=page.client_ids,
                                render_parallelism=params.render_parallelism,
                                delivery_timeout_seconds=params.delivery_timeout_seconds,
                                attempt=params.attempt,
                                clients_per_call=params.clients_per_call,
                            ),
                            id=f"{workflow_id}/batch-{number}",
                        )
                    )
                )
            token = page.next_page_token
            if not token:
                break
        if running:
            done, _ = await workflow.wait(running)
            await settle(done)
        return problems


@workflow.defn(name="QuarterlyReportBatch")
class QuarterlyReportBatchWorkflow:
    """Render and e-mail the reports of one batch of clients, a few calls at a time."""

    @workflow.run
    async def run(self, batch: BatchInput) -> BatchResult:
        if workflow.patched(REPORTS_PER_CALL):
            outcomes = await self._in_calls(batch)
        else:
            outcomes = await self._one_by_one(batch)
        counts = Counter(o.status for o in outcomes)
        failures = tuple(
            Failure(o.client_id, o.status, o.reason) for o in outcomes if o.status not in OK
        )
        return BatchResult(counts=dict(counts), failures=failures)

    async def _in_calls(self, batch: BatchInput) -> list[ReportDeliveryOutcome]:
        size = batch.clients_per_call
        gate = asyncio.Semaphore(max(1, batch.render_parallelism // size))

        async def deliver(client_ids: tuple[str, ...]) -> tuple[ReportDeliveryOutcome, ...]:
            async with gate:
                try:
                    done: ReportsDeliveryOutcome = await workflow.execute_activity(
                        DELIVER_CLIENT_REPORTS,
                        ReportsDelivery(
                            client_ids=client_ids,
                            period=batch.period,
                            commentary=batch.commentary,
                            workflow_id=batch.parent_id,
                            attempt=batch.attempt,
                            send_parallelism=batch.render_parallelism,
                        ),
                        result_type=ReportsDeliveryOutcome,
                        start_to_close_timeout=timedelta(seconds=batch.delivery_timeout_seconds),
                        retry_policy=RETRIES,
                    )
                except ActivityError as error:
                    reason = _reason(error)
                    return tuple(
                        ReportDeliveryOutcome(c, "", "", "failed", reason) for c in client_ids
                    )
                return done.outcomes

        calls = [batch.client_ids[i : i + size] for i in range(0, len(batch.client_ids), size)]
        return [o for done in await asyncio.gather(*map(deliver, calls)) for o in done]

    async def _one_by_one(self, batch: BatchInput) -> list[ReportDeliveryOutcome]:
        """Before REPORTS_PER_CALL: an activity per client (kept for runs started then)."""
        gate = asyncio.Semaphore(batch.render_parallelism)

        async def deliver(client_id: str) -> ReportDeliveryOutcome:
            async with gate:
                try:
                    outcome: ReportDeliveryOutcome = await workflow.execute_activity(
                        DELIVER_CLIENT_REPORT,
                        ReportDelivery(
                            client_id=client_id,
                            period=batch.period,
                            commentary=batch.commentary,
                            workflow_id=batch.parent_id,
                            attempt=batch.attempt,
                        ),
                        result_type=ReportDeliveryOutcome,
                        start_to_close_timeout=timedelta(seconds=batch.delivery_timeout_seconds),
                        retry_policy=RETRIES,
                    )
                except ActivityError as error:
                    return ReportDeliveryOutcome(client_id, "", "", "failed", _reason(error))
                return outcome

        return list(await asyncio.gather(*(deliver(c) for c in batch.client_ids)))


def _reason(error: ActivityError) -> str:
    cause = error.cause
    return (cause.message if isinstance(cause, ApplicationError) else str(error))[:300]


QUARTERLY_SCHEDULE_ID = "clientflow-quarterly-reports"


def previous_quarter(year: int, month: int) -> str:
    quarter = (month - 1) // 3 + 1
    return f"{year - 1}Q4" if quarter == 1 else f"{year}Q{quarter - 1}"


@workflow.defn(name="QuarterlyReportKickoff")
class QuarterlyReportKickoffWorkflow:
    """Run by the quarter-end Schedule: the firm's run for the quarter that just ended,
    left running on its own (it waits on people for days)."""

    @workflow.run
    async def run(self, kickoff: QuarterlyKickoffInput) -> str:
        today = local_date(workflow.now(), "Asia/Shanghai")
        period = previous_quarter(today.year, today.month)
        workflow_id = quarterly_workflow_id("firm", period)
        try:
            await workflow.start_child_workflow(
                QuarterlyReportWorkflow.run,
                QuarterlyReportInput(
                    book="firm", period=period, started_by="schedule", manager_id=kickoff.manager_id
                ),
                id=workflow_id,
                parent_close_policy=ParentClosePolicy.ABANDON,
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
                search_attributes=book_search_attributes(KIND, ""),
            )
        except WorkflowAlreadyStartedError:
            return f"{workflow_id} exists"
        return workflow_id
