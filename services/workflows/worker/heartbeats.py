"""Every activity says it is alive: a worker killed in the middle of one is noticed after the
heartbeat timeout — seconds — and the activity retried elsewhere, instead of after its whole
start-to-close timeout (90 s for a notification, minutes for a sweep).

A worker interceptor does both halves, so no process has to remember to:
- when a workflow schedules an activity without a heartbeat timeout, it gets DEFAULT_TIMEOUT;
- while an activity with a heartbeat timeout runs, a background task heartbeats every
  third of it (activities that heartbeat with progress of their own keep doing so).
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta
from typing import Any

from temporalio import activity, workflow
from temporalio.worker import (
    ActivityInboundInterceptor,
    ExecuteActivityInput,
    Interceptor,
    StartActivityInput,
    WorkflowInboundInterceptor,
    WorkflowInterceptorClassInput,
    WorkflowOutboundInterceptor,
)

DEFAULT_TIMEOUT = timedelta(seconds=10)


class _Scheduling(WorkflowOutboundInterceptor):
    def start_activity(self, input: StartActivityInput) -> workflow.ActivityHandle[Any]:
        if input.heartbeat_timeout is None:
            input.heartbeat_timeout = DEFAULT_TIMEOUT
        return super().start_activity(input)


class _Workflows(WorkflowInboundInterceptor):
    def init(self, outbound: WorkflowOutboundInterceptor) -> None:
        super().init(_Scheduling(outbound))


class _Running(ActivityInboundInterceptor):
    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        info = activity.info()
        timeout = info.heartbeat_timeout
        if info.is_local or not timeout or timeout.total_seconds() <= 0:
            return await super().execute_activity(input)
        beating = asyncio.ensure_future(_beat(timeout.total_seconds() / 3))
        try:
            return await super().execute_activity(input)
        finally:
            beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beating


async def _beat(every: float) -> None:
    while True:
        await asyncio.sleep(every)
        activity.heartbeat()


class ActivityHeartbeats(Interceptor):
    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        return _Running(next)

    def workflow_interceptor_class(
        self, input: WorkflowInterceptorClassInput
    ) -> type[WorkflowInboundInterceptor] | None:
        return _Workflows
