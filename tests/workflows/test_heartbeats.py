"""Every activity gets a heartbeat timeout of seconds and heartbeats while it runs: a worker
that stops answering mid-activity (here: its event loop blocked, as a hung or killed
worker's is) loses the activity after 10 s and the retry's answer is the one that counts;
an activity running longer than the timeout on a live worker is kept alive."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.client import WorkflowHistoryEventFilterType
from temporalio.common import RetryPolicy
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from services.workflows.worker.heartbeats import DEFAULT_TIMEOUT
from services.workflows.worker.interceptors import workflow_interceptors


@activity.defn(name="heartbeats.slow")
async def slow(seconds: float) -> str:
    attempt = activity.info().attempt
    if attempt == 1 and seconds < 0:
        # A worker that stops answering: its event loop blocked, no heartbeat can go out.
        time.sleep(-seconds)  # noqa: ASYNC251
        return "stale"
    await asyncio.sleep(abs(seconds) if attempt == 1 else 0)
    return f"attempt {attempt}"


@workflow.defn(name="HeartbeatProbe")
class HeartbeatProbe:
    @workflow.run
    async def run(self, seconds: float) -> str:
        return str(
            await workflow.execute_activity(
                slow,
                seconds,
                start_to_close_timeout=timedelta(seconds=90),
                retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=100)),
            )
        )


async def _run(env: WorkflowEnvironment, seconds: float) -> tuple[str, float, list[timedelta]]:
    queue = f"heartbeats-{uuid.uuid4()}"
    async with Worker(
        env.client,
        task_queue=queue,
        workflows=[HeartbeatProbe],
        activities=[slow],
        workflow_runner=UnsandboxedWorkflowRunner(),
        interceptors=workflow_interceptors(),
    ):
        started = time.monotonic()
        handle = await env.client.start_workflow(
            HeartbeatProbe.run, seconds, id=f"heartbeat-{uuid.uuid4()}", task_queue=queue
        )
        result = await handle.result()
        took = time.monotonic() - started
        scheduled = [
            e.activity_task_scheduled_event_attributes.heartbeat_timeout.ToTimedelta()
            async for e in handle.fetch_history_events(
                event_filter_type=WorkflowHistoryEventFilterType.ALL_EVENT
            )
            if e.HasField("activity_task_scheduled_event_attributes")
        ]
    return result, took, scheduled


async def test_a_live_activity_longer_than_its_heartbeat_timeout_is_kept(
    dev_env: WorkflowEnvironment,
) -> None:
    result, _took, scheduled = await _run(dev_env, 14.0)
    assert result == "attempt 1"
    assert scheduled == [DEFAULT_TIMEOUT]


async def test_a_worker_that_stops_answering_loses_the_activity_within_seconds(
    dev_env: WorkflowEnvironment,
) -> None:
    result, took, _scheduled = await _run(dev_env, -13.0)
    assert result == "attempt 2"  # the stopped attempt's late answer does not count
    assert took < 20
