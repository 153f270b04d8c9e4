"""The daily date-trigger sweep under the time-skipping server: it asks for the day in the
firm's time zone; plus a replay of its recorded history."""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from temporalio import activity
from temporalio.client import WorkflowHistory
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from services.workflows.worker.activities.types import (
    SWEEP_DATES,
    SweepDatesInput,
    SweepDatesResult,
)
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.date_sweep import DateTriggersSweepWorkflow
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner

HISTORY = Path(__file__).resolve().parent.parent / "histories" / "date_sweep.json"


async def test_sweeps_the_day_in_shanghai(time_skipping_env: WorkflowEnvironment) -> None:
    asked: list[SweepDatesInput] = []

    @activity.defn(name=SWEEP_DATES)
    async def sweep(request: SweepDatesInput) -> SweepDatesResult:
        asked.append(request)
        return SweepDatesResult(
            rules=1, scanned=10, started=2, already_fired=0, notified=0, errors=0
        )

    queue = f"sweep-{uuid.uuid4()}"
    async with Worker(
        time_skipping_env.client,
        task_queue=queue,
        workflows=WORKFLOWS,
        activities=[sweep],
        workflow_runner=workflow_runner(),
    ):
        handle = await time_skipping_env.client.start_workflow(
            DateTriggersSweepWorkflow.run, id=f"date-triggers-{uuid.uuid4()}", task_queue=queue
        )
        result = await handle.result()
        if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
            HISTORY.write_text(json.dumps((await handle.fetch_history()).to_json_dict(), indent=1))
    now = await time_skipping_env.get_current_time()
    assert [a.day for a in asked] == [
        now.astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()
    ] or (
        # the clock may have crossed midnight between the run and this line
        datetime.fromisoformat(asked[0].day).date()
        <= now.astimezone(ZoneInfo("Asia/Shanghai")).date()
    )
    assert result.started == 2


async def test_replays_the_recorded_history() -> None:
    history = WorkflowHistory.from_json("date-sweep-recorded", json.loads(HISTORY.read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
