"""The daily lifecycle sweep under the time-skipping server: it asks the clients service to
apply the lifecycle rules to every client, retrying a failed call; plus a replay of its
recorded history."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from temporalio import activity
from temporalio.client import WorkflowHistory
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from services.workflows.worker.activities.types import EVALUATE_LIFECYCLE, LifecycleSweepResult
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.lifecycle_sweep import LifecycleSweepWorkflow
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner

HISTORY = Path(__file__).resolve().parent.parent / "histories" / "lifecycle_sweep.json"


async def test_sweeps_every_client_and_retries(time_skipping_env: WorkflowEnvironment) -> None:
    calls: list[int] = []

    @activity.defn(name=EVALUATE_LIFECYCLE)
    async def evaluate() -> LifecycleSweepResult:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the clients service is restarting")
        return LifecycleSweepResult(evaluated=1200, changed=7)

    queue = f"lifecycle-{uuid.uuid4()}"
    async with Worker(
        time_skipping_env.client,
        task_queue=queue,
        workflows=WORKFLOWS,
        activities=[evaluate],
        workflow_runner=workflow_runner(),
    ):
        handle = await time_skipping_env.client.start_workflow(
            LifecycleSweepWorkflow.run, id=f"lifecycle-sweep-{uuid.uuid4()}", task_queue=queue
        )
        result = await handle.result()
        if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
            HISTORY.write_text(json.dumps((await handle.fetch_history()).to_json_dict(), indent=1))
    assert (result.evaluated, result.changed, len(calls)) == (1200, 7, 2)


async def test_replays_the_recorded_history() -> None:
    history = WorkflowHistory.from_json("lifecycle-sweep-recorded", json.loads(HISTORY.read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
