"""ClientCheck under the time-skipping test server, with the real activity calling the
real clients service; plus a replay of a recorded history."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from temporalio.client import WorkflowFailureError, WorkflowHistory
from temporalio.exceptions import ActivityError, ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from services.common.grpc_client import ServiceClients
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.main import build_worker
from services.workflows.worker.processes.client_check import (
    ClientCheckInput,
    ClientCheckResult,
    ClientCheckWorkflow,
    client_check_workflow_id,
)
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner
from tests.support import create_client

HISTORY = Path(__file__).resolve().parent.parent / "histories" / "client_check.json"


async def test_reads_the_client_through_the_activity(
    time_skipping_env: WorkflowEnvironment, services: ServiceClients
) -> None:
    client = await create_client(services.clients, name="陈静")
    task_queue = f"tq-{uuid.uuid4()}"
    async with build_worker(time_skipping_env.client, services, task_queue=task_queue):
        handle = await time_skipping_env.client.start_workflow(
            ClientCheckWorkflow.run,
            ClientCheckInput(client_id=client.id),
            id=client_check_workflow_id(client.id),
            task_queue=task_queue,
        )
        result = await handle.result()
        if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
            HISTORY.write_text(json.dumps((await handle.fetch_history()).to_json_dict(), indent=1))
    assert isinstance(result, ClientCheckResult)
    assert (result.client_id, result.name, result.advisor_id) == (
        client.id,
        "陈静",
        client.advisor_id,
    )


async def test_a_missing_client_fails_at_once_without_retrying(
    time_skipping_env: WorkflowEnvironment, services: ServiceClients
) -> None:
    task_queue = f"tq-{uuid.uuid4()}"
    async with build_worker(time_skipping_env.client, services, task_queue=task_queue):
        with pytest.raises(WorkflowFailureError) as raised:
            await time_skipping_env.client.execute_workflow(
                ClientCheckWorkflow.run,
                ClientCheckInput(client_id=str(uuid.uuid4())),
                id=f"client-check/{uuid.uuid4()}",
                task_queue=task_queue,
            )
    activity_error = raised.value.cause  # workflow failure <- activity failure <- application error
    assert isinstance(activity_error, ActivityError)
    cause = activity_error.cause
    assert isinstance(cause, ApplicationError)
    assert cause.type == "NOT_FOUND" and cause.non_retryable


async def test_replays_the_recorded_history() -> None:
    """A change that breaks determinism for running ClientChecks fails here.
    Re-record with CLIENTFLOW_RECORD_HISTORIES=1 only for an intended, versioned change."""
    history = WorkflowHistory.from_json("client-check-recorded", json.loads(HISTORY.read_text()))
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
