"""A worker killed in the middle of a quarterly run's distribution, and of a capital call's
notices: a new worker picks the run up, and every client receives exactly one e-mail — none
twice, none skipped.

The run's workflows and activities execute in a `clientflow worker` child process on a task
queue of this test's own, against the stack's services and Temporal dev server; the SMTP sink
slows each e-mail down so the kill lands while batches are in flight."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from clientflow.clients.v1 import clients_pb2
from clientflow.reporting.v1 import reporting_pb2
from temporalio.client import Client

from services.common.grpc_client import SERVICES, ServiceClients
from services.common.identity import SYSTEM_ACTOR, Role
from services.gateway.settings import GatewaySettings
from services.workflows.contract import ProcessProgress, TaskAction
from services.workflows.worker.activities.capital_types import CapitalEventInput
from services.workflows.worker.processes.capital_event import CapitalEventWorkflow
from services.workflows.worker.processes.quarterly import (
    QuarterlyReportInput,
    QuarterlyReportResult,
    QuarterlyReportWorkflow,
)
from tests.notify_support import SmtpSink
from tests.support import ADMIN, Stack, actor, create_client, eventually

BIN = Path(sys.executable).parent / "clientflow"
CLIENTS = 12


class WorkerProcess:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(BIN), "worker"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)


@pytest.fixture
def slow_sink(smtp_sink: SmtpSink) -> Iterator[SmtpSink]:
    smtp_sink.on_message = lambda _caught: time.sleep(0.3)
    yield smtp_sink
    smtp_sink.on_message = None


def worker_env(stack: Stack, queue: str) -> dict[str, str]:
    settings, client = stack.settings, stack.client
    assert isinstance(settings, GatewaySettings) and isinstance(client, Client)
    env = {
        **os.environ,
        "CLIENTFLOW_TEMPORAL_ADDRESS": client.service_client.config.target_host,
        "CLIENTFLOW_TASK_QUEUE": queue,
        "CLIENTFLOW_WORKER_SHUTDOWN_SECONDS": "0",
        "CLIENTFLOW_LOG_LEVEL": "WARNING",
        "OTEL_TRACES_EXPORTER": "none",
        "OTEL_METRICS_EXPORTER": "none",
    }
    for name in SERVICES:
        env[f"CLIENTFLOW_{name.upper()}_HOST"] = getattr(settings, f"{name}_host")
        env[f"CLIENTFLOW_{name.upper()}_PORT"] = str(getattr(settings, f"{name}_port"))
    return env


async def test_a_killed_worker_neither_repeats_nor_skips_a_client(
    stack: Stack, slow_sink: SmtpSink
) -> None:
    services, temporal = stack.services, stack.client
    assert isinstance(services, ServiceClients) and isinstance(temporal, Client)
    team = f"team-c{uuid.uuid4().hex[:6]}"
    emails = []
    for index in range(CLIENTS):
        email = f"crash{index}-{uuid.uuid4().hex[:6]}@example.com"
        client = await create_client(
            services.clients,
            advisor_id="adv-crash",
            team_id=team,
            fields=clients_pb2.ClientFields(email=email, preferred_channel="email"),
        )
        await services.clients.SetLifecycleStage(
            clients_pb2.SetLifecycleStageRequest(client_id=client.id, stage="ACTIVE", reason="t"),
            metadata=SYSTEM_ACTOR.to_metadata(),
        )
        emails.append(email)
    queue = f"crash-{uuid.uuid4()}"
    first = WorkerProcess(worker_env(stack, queue))
    second = WorkerProcess(worker_env(stack, queue))
    first.start()
    try:
        handle = await temporal.start_workflow(
            QuarterlyReportWorkflow.run,
            QuarterlyReportInput(
                book=team,
                period="2026Q2",
                batch_size=3,
                parallel_batches=2,
                render_parallelism=1,
                delivery_timeout_seconds=8,
            ),
            id=f"quarterly-report/{team}/2026Q2",
            task_queue=queue,
        )

        async def complete(task_id: str, user: str, role: str, outcome: str, **form: str) -> None:
            async def asked() -> bool:
                view = await handle.query("progress", result_type=ProcessProgress)
                return any(t.task_id == task_id for t in view.tasks)

            await eventually(asked, f"the {task_id} task", seconds=30)
            await handle.execute_update(
                QuarterlyReportWorkflow.complete_task,
                TaskAction(
                    task_id=task_id,
                    actor_user=user,
                    actor_roles=(role,),
                    actor_team=team,
                    outcome=outcome,
                    form_json=json.dumps(form),
                ),
            )

        await complete("data", "acc-1", "accountant", "confirmed")
        await complete("commentary-1", "adv-crash", "advisor", "submitted", commentary="Q2")
        await complete("approval-1", "ptr-1", "partner", "approved")

        def delivered() -> int:
            return sum(len(slow_sink.to(email)) for email in emails)

        async def some_delivered() -> bool:
            return delivered() >= 4

        await eventually(some_delivered, "the first deliveries", seconds=30)
        assert 4 <= delivered() < CLIENTS, "the kill must land mid-run"
        first.kill()
        killed_at = delivered()
        second.start()
        result: QuarterlyReportResult = await asyncio.wait_for(handle.result(), 180)
    finally:
        first.stop()
        second.stop()
    counts = {email: len(slow_sink.to(email)) for email in emails}
    assert set(counts.values()) == {1}, counts  # none twice, none skipped
    # A send the slow mail server has not finished within the notifications service's wait
    # is answered as `sending` (it goes on, and arrived: counted above).
    answered = result.counts.get("sent", 0) + result.counts.get("sending", 0)
    assert result.clients == CLIENTS and answered == CLIENTS, result.counts
    assert killed_at < CLIENTS


async def test_a_killed_worker_sends_each_capital_call_notice_once(
    stack: Stack, slow_sink: SmtpSink
) -> None:
    """The same for a capital call's notices: the PDFs made once, each investor mailed once."""
    services, temporal = stack.services, stack.client
    assert isinstance(services, ServiceClients) and isinstance(temporal, Client)
    suffix = uuid.uuid4().hex[:6]
    fund = f"F-CRASH-{suffix}"
    admin, partner = ADMIN.to_metadata(), actor("ptr-crash", Role.PARTNER).to_metadata()
    await services.funds.PutFund(
        clients_pb2.Fund(code=fund, name="Crash I", currency="CNY", vintage=2025, size="100000000"),
        metadata=admin,
    )
    emails = []
    for index in range(CLIENTS):
        email = f"lp-crash{index}-{suffix}@example.com"
        client = await create_client(
            services.clients,
            advisor_id="adv-crash",
            fields=clients_pb2.ClientFields(email=email, preferred_channel="email"),
        )
        await services.funds.PutCommitment(
            clients_pb2.Commitment(fund_code=fund, client_id=client.id, amount="1000000"),
            metadata=admin,
        )
        emails.append(email)
    draft = await services.funds.DraftCapitalEvent(
        clients_pb2.DraftCapitalEventRequest(
            fund_code=fund, kind="call", percent="5", due_on="2031-01-03"
        ),
        metadata=admin,
    )
    event = await services.funds.DecideCapitalEvent(
        clients_pb2.DecideCapitalEventRequest(id=draft.id, approve=True), metadata=partner
    )
    queue = f"crash-{uuid.uuid4()}"
    first = WorkerProcess(worker_env(stack, queue))
    second = WorkerProcess(worker_env(stack, queue))
    first.start()
    try:
        handle = await temporal.start_workflow(
            CapitalEventWorkflow.run,
            CapitalEventInput(
                event_id=event.id,
                kind="call",
                fund_code=fund,
                due_on=event.due_on,
                batch_size=3,
                parallel_batches=2,
                render_parallelism=1,
                delivery_timeout_seconds=8,
            ),
            id=f"capital-event/{event.id}",
            task_queue=queue,
        )

        def delivered() -> int:
            return sum(len(slow_sink.to(email)) for email in emails)

        async def some_delivered() -> bool:
            return delivered() >= 4

        await eventually(some_delivered, "the first notices", seconds=60)
        assert 4 <= delivered() < CLIENTS, "the kill must land mid-run"
        first.kill()
        second.start()

        async def all_notified() -> bool:
            view: ProcessProgress = await handle.query("progress", result_type=ProcessProgress)
            return view.current_step == "awaiting payment"

        await eventually(all_notified, "every notice", seconds=180)
        await handle.terminate("the test is done; the due date is years away")
    finally:
        first.stop()
        second.stop()
    counts = {email: len(slow_sink.to(email)) for email in emails}
    assert set(counts.values()) == {1}, counts  # none twice, none skipped
    documents = await services.reporting.ListClientArtifacts(
        reporting_pb2.ListClientArtifactsRequest(client_id=draft.allocations[0].client_id),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    assert [a.kind for a in documents.artifacts] == ["capital-call-notice"]
