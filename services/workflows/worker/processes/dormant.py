"""Dormant-client reactivation, one workflow per dormancy episode, and the daily scan that
starts them.

Reactivation (`dormant-reactivation/{client}/{episode}`, the episode being the instant of
the last activity, so a client who is active again and later idle again starts a new one):

    reactivation message (marketing: consent applies) → wait up to 14 days for activity
    → advisor call task (2 business days, escalation) → wait 30 more days
    → stage DORMANT and the manager is told.

Any activity (the `activity` signal, sent by the `client.activity` rule) ends it early,
withdraws an open call task and returns a declining or dormant client to ACTIVE.

The scan (`DormantScan`, started daily by the Schedule `clientflow-dormant-scan`) asks the
workflows service for the windows of last activity that became dormant since the previous
scan (a watermark per tier), pages through them (one activity per page, so an interrupted
scan resumes at its page and a repeated page starts nothing twice: the ids are per episode
and started with REJECT_DUPLICATE), then moves the watermarks. It continues as new every
`PAGES_PER_RUN` pages to keep its history small.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.types import (
        COMPLETE_DORMANT_SCAN,
        PLAN_DORMANT_SCAN,
        SCAN_DORMANT_PAGE,
        DormantPageRequest,
        DormantPageResult,
        DormantScanPlan,
    )
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.processes.models import (
        PAGES_PER_RUN as PAGES_PER_RUN,
        DormantScanInput as DormantScanInput,
        DormantScanResult as DormantScanResult,
        ReactivationInput as ReactivationInput,
        ReactivationResult as ReactivationResult,
    )
    from services.workflows.worker.processes.steps import (
        advisor_task,
        notify_client,
        notify_user,
        set_stage,
    )
    from services.workflows.worker.processes.tasking import TaskingWorkflow

KIND = "dormant-reactivation"
SCAN_SCHEDULE_ID = "clientflow-dormant-scan"
ACTIVE_STAGES = ("ACTIVE", "GROWING", "DECLINING")


def reactivation_workflow_id(client_id: str, episode: str) -> str:
    return f"{KIND}/{client_id}/{episode}"


def make_input(client: Any, params: Mapping[str, str]) -> ReactivationInput:
    """A start by hand (a manager): the episode is the client's last real contact."""
    last = client.last_contact_at.ToDatetime() if client.HasField("last_contact_at") else None
    episode = params.get("episode") or (last.strftime("%Y%m%dT%H%M%SZ") if last else "never")
    if "/" in episode or len(episode) > 32:
        raise ValueError(f"parameters.episode={episode!r}: at most 32 characters, no '/'")
    return ReactivationInput(
        client_id=client.id,
        advisor_id=client.advisor_id,
        episode=episode,
        team_id=client.team_id,
        manager_id=params.get("manager_id", ""),
        second_level_id=params.get("second_level_id", ""),
        client_name=client.name,
        last_activity_at=last.isoformat() + "Z" if last else "",
        timezone=client.timezone or "Asia/Shanghai",
    )


@workflow.defn(name="DormantReactivation")
class DormantReactivationWorkflow(TaskingWorkflow, FollowsClient):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"
        self.activity: dict[str, Any] | None = None

    @workflow.signal(name="activity")
    def on_activity(self, event: dict[str, Any]) -> None:
        """The client did something (a `client.activity` event): the process ends early."""
        if self.activity is None:
            self.activity = event
            self.note(f"activity: {event.get('type', '')} {event.get('event_id', '')}".strip())
            self.tasks.withdraw("call", "the client was active again")

    @workflow.run
    async def run(self, params: ReactivationInput) -> ReactivationResult:
        self.enter("reactivation message sent")
        message = await notify_client(
            "message",
            params.client_id,
            "reactivation",
            {"client_name": params.client_name},
            category="marketing",
        )
        self.note(f"reactivation message {message.status} {message.reason}".strip())
        if await self._activity_within(timedelta(days=params.wait_days)):
            return await self._reactivated(params, "message", message.status, "")

        self.enter("advisor call")
        call = await self.tasks.ask(
            advisor_task(
                params,
                "call",
                "Call the dormant client",
                business_days=params.call_business_days,
            )
        )
        if self.activity is not None:
            return await self._reactivated(params, "call", message.status, call.outcome)

        self.enter("waiting for activity")
        if await self._activity_within(timedelta(days=params.final_wait_days)):
            return await self._reactivated(params, "final_wait", message.status, call.outcome)

        moved = await set_stage(
            params.client_id,
            "DORMANT",
            f"no contact since {params.last_activity_at or 'ever'} despite reactivation",
            only_from=ACTIVE_STAGES,
        )
        await notify_user(
            "manager-alert",
            params.manager_id,
            "dormant-alert",
            {
                "client_name": params.client_name,
                "client_id": params.client_id,
                "workflow_id": workflow.info().workflow_id,
                "title": "Client is dormant",
                "due_at": "",
            },
        )
        self.enter("marked dormant" if moved.moved else "left as is")
        return ReactivationResult(params.client_id, "dormant", "", message.status, call.outcome)

    async def _activity_within(self, window: timedelta) -> bool:
        try:
            await workflow.wait_condition(
                lambda: self.activity is not None, timeout=window.total_seconds()
            )
        except TimeoutError:
            return False
        return True

    async def _reactivated(
        self, params: ReactivationInput, during: str, message_status: str, call_outcome: str
    ) -> ReactivationResult:
        await set_stage(
            params.client_id,
            "ACTIVE",
            "active again during reactivation",
            only_from=("DECLINING", "DORMANT"),
        )
        self.enter("client active again")
        return ReactivationResult(
            params.client_id, "reactivated", during, message_status, call_outcome
        )


# -- the daily scan ----------------------------------------------------------------------


SCAN_RETRY = RetryPolicy(maximum_interval=timedelta(minutes=2), maximum_attempts=10)


@workflow.defn(name="DormantScan")
class DormantScanWorkflow:
    @workflow.run
    async def run(self, scan: DormantScanInput) -> DormantScanResult:
        plan = scan.plan
        if plan is None:
            plan = await workflow.execute_activity(
                PLAN_DORMANT_SCAN,
                workflow.now().isoformat(),
                result_type=DormantScanPlan,
                start_to_close_timeout=timedelta(minutes=1),
                retry_policy=SCAN_RETRY,
            )
        totals = {"scanned": 0, "started": 0, "already_started": 0, "errors": 0}
        totals.update(scan.totals)
        index, token, pages = scan.window_index, scan.page_token, 0
        while index < len(plan.windows):
            if pages >= scan.pages_per_run:
                workflow.continue_as_new(
                    DormantScanInput(plan, index, token, totals, scan.pages_per_run)
                )
            page: DormantPageResult = await workflow.execute_activity(
                SCAN_DORMANT_PAGE,
                DormantPageRequest(window=plan.windows[index], page_token=token),
                result_type=DormantPageResult,
                start_to_close_timeout=timedelta(minutes=5),
                heartbeat_timeout=timedelta(seconds=30),  # the activity heartbeats
                retry_policy=SCAN_RETRY,
            )
            pages += 1
            for key in totals:
                totals[key] += getattr(page, key)
            token = page.next_page_token
            if not token:
                index += 1
        await workflow.execute_activity(
            COMPLETE_DORMANT_SCAN,
            plan,
            start_to_close_timeout=timedelta(minutes=1),
            retry_policy=SCAN_RETRY,
        )
        return DormantScanResult(windows=len(plan.windows), **totals)
