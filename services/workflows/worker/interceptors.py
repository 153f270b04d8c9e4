"""The interceptors that shape what workflows do (their commands): the worker runs with them,
and every Replayer must too, or a recorded history would not replay as it ran."""

from __future__ import annotations

from temporalio.worker import Interceptor

from services.workflows.worker.completions import ProcessCompletions
from services.workflows.worker.heartbeats import ActivityHeartbeats


def workflow_interceptors() -> list[Interceptor]:
    return [ProcessCompletions(), ActivityHeartbeats()]
