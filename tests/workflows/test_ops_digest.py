"""The daily digest of deliveries in doubt under the time-skipping server: it asks for the
day in the firm's time zone (the day is part of each message's key: once a day); plus a
replay of its recorded history."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from temporalio import activity
from temporalio.client import WorkflowHistory
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from services.workflows.worker.activities.types import (
    SEND_IN_DOUBT_DIGEST,
    DigestRequest,
    DigestResult,
)
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.ops_digest import InDoubtDigestWorkflow
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner

HISTORY = Path(__file__).resolve().parent.parent / "histories" / "in_doubt_digest.json"


async def test_asks_for_the_day_in_shanghai(time_skipping_env: WorkflowEnvironment) -> None:
    asked: list[DigestRequest] = []

    @activity.defn(name=SEND_IN_DOUBT_DIGEST)
    async def digest(request: DigestRequest) -> DigestResult:
        asked.append(request)
        return DigestResult(in_doubt=3, sent_to=("admin",))

    queue = f"digest-{uuid.uuid4()}"
    async with Worker(
        time_skipping_env.client,
        task_queue=queue,
        workflows=WORKFLOWS,
        activities=[digest],
        workflow_runner=workflow_runner(),
        interceptors=workflow_interceptors(),
    ):
        before = await time_skipping_env.get_current_time()
        handle = await time_skipping_env.client.start_workflow(
            InDoubtDigestWorkflow.run, id=f"in-doubt-digest-{uuid.uuid4()}", task_queue=queue
        )
        result = await handle.result()
        if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
            HISTORY.write_text(json.dumps((await handle.fetch_history()).to_json_dict(), indent=1))
    after = await time_skipping_env.get_current_time()
    days = {t.astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat() for t in (before, after)}
    assert len(asked) == 1 and asked[0].day in days
    assert result == DigestResult(in_doubt=3, sent_to=("admin",))


async def test_replays_the_recorded_history() -> None:
    history = WorkflowHistory.from_json("in-doubt-digest-recorded", json.loads(HISTORY.read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
