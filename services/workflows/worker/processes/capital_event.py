"""capital-event: an approved capital call or distribution, from approval to the money.

    notices     a notice PDF per investor (amount, due date, payment instructions and the
                reference to quote), e-mailed with the PDF and kept in the portal; in child
                workflows of `batch_size` investors, `parallel_batches` at a time
    reminders   calls: at 09:00 `reminder_business_days` working days before the due date,
                each investor who still owes money is reminded
    overdue     calls: at 09:00 on the first working day after the due date, each investor
                who still owes money gets an overdue notice, and a partner gets a task
                listing them with the amounts (escalation); the process ends when it is done
    done        counts per stage and status; failed deliveries are listed

Id `capital-event/{event_id}`, started once per event when a partner approves it. Every
message has the idempotency key `{process id}/{stage}/{client}` and every PDF is made once per
(event, investor, process), so a retried activity, a re-run batch or a killed worker sends
nothing twice. Days follow the business calendar of `region` (mainland China's by default,
with its swapped working weekends).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, datetime, time, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from services.common.workdays import is_workday
    from services.workflows.worker.activities.capital_types import (
        DELIVER_CAPITAL_NOTICE,
        LIST_EVENT_INVESTORS,
        LIST_UNPAID,
        CapitalBatchInput,
        CapitalBatchResult,
        CapitalEventInput,
        CapitalEventResult,
        InvestorPage,
        InvestorPageRequest,
        NoticeDelivery,
        StageFailure,
        UnpaidList,
    )
    from services.workflows.worker.activities.types import ReportDeliveryOutcome
    from services.workflows.worker.calendar import local_moment
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.tasking import TaskingWorkflow
    from services.workflows.worker.task_specs import SlaPolicy, TaskSpec, titled

KIND = "capital-event"
OK = ("sent", "deferred", "accepted", "sending", "retrying", "paid")
QUICK = RetryPolicy(maximum_interval=timedelta(minutes=1))


def capital_event_workflow_id(event_id: str) -> str:
    return f"{KIND}/{event_id}"


def workdays_before(region: str, day: date, days: int) -> date:
    """The working day `days` working days before `day`."""
    moved = 0
    while moved < days:
        day -= timedelta(days=1)
        if is_workday(region, day):
            moved += 1
    return day


def next_workday(region: str, day: date) -> date:
    day += timedelta(days=1)
    while not is_workday(region, day):
        day += timedelta(days=1)
    return day


@workflow.defn(name="CapitalEvent")
class CapitalEventWorkflow(TaskingWorkflow):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"
        self.counts: Counter[str] = Counter()
        self.failures: list[StageFailure] = []
        self.investors = 0
        self.running: set[asyncio.Task[CapitalBatchResult]] = set()
        self.batches = 0

    def items(self) -> tuple[int, int]:
        """Investors listed for notices, and those whose notice batch has finished."""
        done = sum(n for key, n in self.counts.items() if key.startswith("notice:"))
        return self.investors, done

    @workflow.run
    async def run(self, params: CapitalEventInput) -> CapitalEventResult:
        self.enter("notices")
        await self._notices(params)
        self.note(f"{self.investors} investors: {dict(self.counts)}")
        overdue = UnpaidList((), "0")
        escalated_to = ""
        if params.kind == "call" and params.due_on:
            due = date.fromisoformat(params.due_on)
            remind_on = workdays_before(params.region, due, params.reminder_business_days)
            self.enter("awaiting payment")
            await self._sleep_until(local_moment(remind_on, time(9), params.timezone))
            unpaid = await self._unpaid(params)
            if unpaid.investors:
                self.enter("reminders")
                await self._send(params, "reminder", [u.client_id for u in unpaid.investors])
                self.enter("awaiting payment")
                await self._sleep_until(
                    local_moment(next_workday(params.region, due), time(9), params.timezone)
                )
                overdue = await self._unpaid(params)
            if overdue.investors:
                self.enter("overdue")
                await self._send(params, "overdue", [u.client_id for u in overdue.investors])
                escalated_to = await self._escalate(params, overdue)
        self.enter("done")
        return CapitalEventResult(
            event_id=params.event_id,
            investors=self.investors,
            counts=dict(self.counts),
            failures=tuple(self.failures[:1000]),
            overdue=overdue.investors[:1000],
            escalated_to=escalated_to,
        )

    async def _sleep_until(self, moment: datetime) -> None:
        self.due_hint = moment.isoformat()
        wait = moment - workflow.now()
        if wait > timedelta(0):
            await workflow.sleep(wait)
        self.due_hint = ""

    async def _unpaid(self, params: CapitalEventInput) -> UnpaidList:
        unpaid: UnpaidList = await workflow.execute_activity(
            LIST_UNPAID,
            InvestorPageRequest(params.event_id),
            result_type=UnpaidList,
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=QUICK,
        )
        return unpaid

    async def _escalate(self, params: CapitalEventInput, overdue: UnpaidList) -> str:
        listed = ", ".join(f"{u.client_id[:8]} {u.outstanding}" for u in overdue.investors[:5])
        more = len(overdue.investors) - 5
        title = titled(
            "{count} investors have not paid the {fund} call due {due} ({total}): {who}",
            count=str(len(overdue.investors)),
            fund=params.fund_code,
            due=params.due_on,
            total=overdue.total,
            who=listed + (" …" if more > 0 else ""),
        )
        done = await self.tasks.ask(
            TaskSpec(
                task_id="overdue",
                title=title.text,
                title_key=title.key,
                title_params=title.params,
                sla=SlaPolicy(amount=2, timezone=params.timezone),
                assignee_role="partner",
                outcomes=("chased", "waived"),
                role_required=True,
                client_visible=False,
            )
        )
        self.note(f"overdue: {done.outcome} by {done.completed_by} {done.comment}")
        return done.completed_by

    async def _notices(self, params: CapitalEventInput) -> None:
        token = ""
        while True:
            page: InvestorPage = await workflow.execute_activity(
                LIST_EVENT_INVESTORS,
                InvestorPageRequest(params.event_id, token, params.batch_size),
                result_type=InvestorPage,
                start_to_close_timeout=timedelta(minutes=2),
                retry_policy=QUICK,
            )
            self.investors += len(page.client_ids)
            await self._send(params, "notice", list(page.client_ids), wait=False)
            token = page.next_page_token
            if not token:
                break
        await self._settle(all_of=True)

    async def _send(
        self, params: CapitalEventInput, stage: str, client_ids: list[str], *, wait: bool = True
    ) -> None:
        """The stage's messages in child workflows of `batch_size`, `parallel_batches` at a
        time; `wait` for all of them (the notices' pages keep coming otherwise)."""
        workflow_id = workflow.info().workflow_id
        for start in range(0, len(client_ids), params.batch_size):
            while len(self.running) >= params.parallel_batches:
                await self._settle(all_of=False)
            self.batches += 1
            self.running.add(
                asyncio.create_task(
                    workflow.execute_child_workflow(
                        CapitalNoticeBatchWorkflow.run,
                        CapitalBatchInput(
                            parent_id=workflow_id,
                            event_id=params.event_id,
                            kind=params.kind,
                            stage=stage,
                            client_ids=tuple(client_ids[start : start + params.batch_size]),
                            render_parallelism=params.render_parallelism,
                            delivery_timeout_seconds=params.delivery_timeout_seconds,
                        ),
                        id=f"{workflow_id}/{stage}-{self.batches}",
                    )
                )
            )
        if wait:
            await self._settle(all_of=True)

    async def _settle(self, *, all_of: bool) -> None:
        if not self.running:
            return
        done, _ = await workflow.wait(
            self.running, return_when=asyncio.ALL_COMPLETED if all_of else asyncio.FIRST_COMPLETED
        )
        self.running.difference_update(done)
        for finished in done:
            result = finished.result()
            self.counts.update(result.counts)
            self.failures.extend(result.failures)


@workflow.defn(name="CapitalNoticeBatch")
class CapitalNoticeBatchWorkflow:
    """One stage's messages to one batch of investors, a few at a time."""

    @workflow.run
    async def run(self, batch: CapitalBatchInput) -> CapitalBatchResult:
        gate = asyncio.Semaphore(batch.render_parallelism)

        async def deliver(client_id: str) -> ReportDeliveryOutcome:
            async with gate:
                try:
                    outcome: ReportDeliveryOutcome = await workflow.execute_activity(
                        DELIVER_CAPITAL_NOTICE,
                        NoticeDelivery(
                            batch.event_id, client_id, batch.parent_id, batch.kind, batch.stage
                        ),
                        result_type=ReportDeliveryOutcome,
                        start_to_close_timeout=timedelta(seconds=batch.delivery_timeout_seconds),
                        retry_policy=RetryPolicy(
                            maximum_interval=timedelta(minutes=1), maximum_attempts=6
                        ),
                    )
                except ActivityError as error:
                    cause = error.cause
                    reason = cause.message if isinstance(cause, ApplicationError) else str(error)
                    return ReportDeliveryOutcome(client_id, "", "", "failed", reason[:300])
                return outcome

        outcomes = await asyncio.gather(*(deliver(c) for c in batch.client_ids))
        return CapitalBatchResult(
            counts=dict(Counter(f"{batch.stage}:{o.status}" for o in outcomes)),
            failures=tuple(
                StageFailure(o.client_id, batch.stage, o.reason)
                for o in outcomes
                if o.status not in OK
            ),
        )
