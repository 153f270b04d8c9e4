"""In-memory stand-ins for the activities of the client-care processes, recording every
call, for time-skipping tests of the workflows' timers and paths. The real activities are
thin gRPC calls, tested against the services (tests/integration, tests/e2e)."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from temporalio import activity
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from services.workflows.contract import ProcessProgress
from services.workflows.worker.activities.definition_types import (
    PROCESS_COMPLETED,
    ProcessCompleted,
)
from services.workflows.worker.activities.types import (
    ENSURE_KYC,
    GET_CLIENT_SUMMARY,
    NOTIFY_CLIENT,
    NOTIFY_USER,
    PROJECT_TASK,
    RECORD_RISK_PROFILE,
    SET_STAGE,
    ClientNotification,
    ClientSummary,
    ClientSummaryRequest,
    KycState,
    NotificationOutcome,
    RiskProfile,
    RiskProfileResult,
    StageMove,
    StageMoveResult,
    TaskProjection,
    UserNotification,
)
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner

# A complete, valid risk questionnaire (scores 12 points: C3).
ANSWERS = {
    "age_band": "30_50",
    "horizon": "3_5y",
    "loss_tolerance": "up_to_10pct",
    "experience": "some",
    "income_share": "20_50pct",
}


@dataclass
class FakeServices:
    stage: str = "PROSPECT"
    kyc_status: str = ""
    stages: list[tuple[str, str]] = field(default_factory=list)
    projections: list[TaskProjection] = field(default_factory=list)
    to_users: list[UserNotification] = field(default_factory=list)
    to_clients: list[ClientNotification] = field(default_factory=list)
    risk: list[RiskProfile] = field(default_factory=list)
    completed: list[ProcessCompleted] = field(default_factory=list)
    # suppressed etc. by template key
    outcome_of: dict[str, str] = field(default_factory=dict)

    def activities(self) -> list[Callable[..., Any]]:
        @activity.defn(name=GET_CLIENT_SUMMARY)
        async def summary(request: ClientSummaryRequest) -> ClientSummary:
            return ClientSummary(
                request.client_id,
                "王小明",
                "adv-li",
                "team-sh",
                "zh-CN",
                "Asia/Shanghai",
                self.stage,
                "GROWTH",
            )

        @activity.defn(name=SET_STAGE)
        async def set_stage(move: StageMove) -> StageMoveResult:
            previous = self.stage
            if previous == move.stage or (move.only_from and previous not in move.only_from):
                return StageMoveResult(previous, previous, False)
            self.stage = move.stage
            self.stages.append((move.stage, move.reason))
            return StageMoveResult(move.stage, previous, True)

        @activity.defn(name=ENSURE_KYC)
        async def ensure_kyc(request: ClientSummaryRequest) -> KycState:
            opened = not self.kyc_status
            self.kyc_status = self.kyc_status or "pending"
            return KycState(request.client_id, self.kyc_status, "", "", opened)

        @activity.defn(name=RECORD_RISK_PROFILE)
        async def record_risk(profile: RiskProfile) -> RiskProfileResult:
            self.risk.append(profile)
            return RiskProfileResult(profile.risk_level, "CORE")

        @activity.defn(name=NOTIFY_CLIENT)
        async def notify_client(message: ClientNotification) -> NotificationOutcome:
            replayed = any(m.idempotency_key == message.idempotency_key for m in self.to_clients)
            if not replayed:
                self.to_clients.append(message)
            status = self.outcome_of.get(message.template_key, "sent")
            return NotificationOutcome(str(uuid.uuid4()), status, "", replayed)

        @activity.defn(name=NOTIFY_USER)
        async def notify_user(message: UserNotification) -> None:
            self.to_users.append(message)

        @activity.defn(name=PROCESS_COMPLETED)
        async def process_completed(done: ProcessCompleted) -> None:
            self.completed.append(done)

        @activity.defn(name=PROJECT_TASK)
        async def project(projection: TaskProjection) -> None:
            self.projections.append(projection)

        return [
            summary,
            set_stage,
            ensure_kyc,
            record_risk,
            notify_client,
            notify_user,
            project,
            process_completed,
        ]

    def client_templates(self) -> list[str]:
        return [m.template_key for m in self.to_clients]

    def task(self, task_id: str) -> TaskProjection:
        return [p for p in self.projections if p.task_id == task_id][-1]


@contextlib.asynccontextmanager
async def fake_worker(
    env: WorkflowEnvironment,
    services: FakeServices,
    extra: Sequence[Callable[..., Any]] = (),
) -> AsyncIterator[str]:
    """A worker for every workflow with the fakes as activities; yields its task queue."""
    queue = f"care-{uuid.uuid4()}"
    async with Worker(
        env.client,
        task_queue=queue,
        workflows=WORKFLOWS,
        activities=[*services.activities(), *extra],
        workflow_runner=workflow_runner(),
        interceptors=workflow_interceptors(),
    ):
        yield queue


async def skip_to(env: WorkflowEnvironment, moment: datetime) -> None:
    now = await env.get_current_time()
    if moment > now:
        await env.sleep(moment - now)


async def progress(handle: WorkflowHandle[Any, Any]) -> ProcessProgress:
    view: ProcessProgress = await handle.query("progress", result_type=ProcessProgress)
    return view


async def until(
    handle: WorkflowHandle[Any, Any], check: Callable[[ProcessProgress], bool]
) -> ProcessProgress:
    """Poll the progress query (the workflow runs on its own) until `check` holds."""
    for _ in range(200):
        view = await progress(handle)
        if check(view):
            return view
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened; last progress: {view}")


def open_task(task_id: str) -> Callable[[ProcessProgress], bool]:
    return lambda view: any(
        t.task_id == task_id and t.status not in ("done", "cancelled") for t in view.tasks
    )


def at_step(step: str) -> Callable[[ProcessProgress], bool]:
    return lambda view: view.current_step == step
