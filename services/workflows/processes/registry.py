"""The processes the workflows service can start, by kind."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from services.workflows.processes import call_client, client_check, date_sweep


@dataclass(frozen=True)
class ProcessKind:
    kind: str
    workflow: str
    workflow_id: Callable[[str, Mapping[str, str]], str]
    # (the client as the caller sees it, the start parameters) -> the workflow's input
    make_input: Callable[[Any, Mapping[str, str]], Any]


PROCESS_KINDS: dict[str, ProcessKind] = {
    client_check.KIND: ProcessKind(
        kind=client_check.KIND,
        workflow="ClientCheck",
        workflow_id=lambda client_id, _params: client_check.client_check_workflow_id(client_id),
        make_input=lambda client, _params: client_check.ClientCheckInput(client_id=client.id),
    ),
    call_client.KIND: ProcessKind(
        kind=call_client.KIND,
        workflow="CallClient",
        workflow_id=lambda client_id, params: call_client.call_client_workflow_id(
            client_id, params.get("reason", "follow-up")
        ),
        make_input=call_client.make_input,
    ),
}

WORKFLOWS: list[type] = [
    client_check.ClientCheckWorkflow,
    call_client.CallClientWorkflow,
    date_sweep.DateTriggersSweepWorkflow,
]
