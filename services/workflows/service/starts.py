"""Starting a client's process at most once: the one way rules, the dormant scan and the
annual reviews start processes. The workflow id decides "once": Temporal refuses a second
start of an id (REJECT_DUPLICATE), even after the first run has finished."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio.client import Client
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR
from services.common.temporal import process_search_attributes
from services.workflows.service.processes import with_defaults
from services.workflows.settings import ProcessDefaults
from services.workflows.worker.processes.registry import PROCESS_KINDS


async def start_once(
    temporal: Client,
    kind: str,
    client: clients_pb2.Client,
    parameters: Mapping[str, str],
    *,
    defaults: ProcessDefaults,
    task_queue: str,
    workflow_id: str | None = None,
) -> tuple[str, bool]:
    """(workflow id, whether this call started it). The id is the kind's own unless given;
    a bad parameter raises ValueError naming it."""
    process = PROCESS_KINDS[kind]
    values = with_defaults(defaults, client, parameters)
    workflow_input = process.make_input(client, values)
    workflow_id = workflow_id or process.workflow_id(client.id, values, workflow_input)
    try:
        await temporal.start_workflow(
            process.workflow,
            workflow_input,
            id=workflow_id,
            task_queue=task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
            search_attributes=process_search_attributes(client, kind),
        )
    except WorkflowAlreadyStartedError:
        return workflow_id, False
    return workflow_id, True


@dataclass
class StartCounts:
    scanned: int = 0
    started: int = 0
    already_started: int = 0
    errors: int = 0
    next_page_token: str = ""


async def start_for_page(
    temporal: Client,
    clients: clients_pb2_grpc.ClientsServiceStub,
    request: clients_pb2.ListClientsRequest,
    kind: str,
    parameters_of: Callable[[clients_pb2.Client], Mapping[str, str]],
    *,
    defaults: ProcessDefaults,
    task_queue: str,
) -> StartCounts:
    """One page of clients from the clients service, a process of `kind` started once for
    each; a page scanned again starts nothing twice."""
    try:
        page = await clients.ListClients(request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=60)
    except grpc.RpcError as error:
        raise from_rpc_error(error) from None
    counts = StartCounts(next_page_token=page.next_page_token)
    for client in page.clients:
        counts.scanned += 1
        try:
            _id, started = await start_once(
                temporal,
                kind,
                client,
                parameters_of(client),
                defaults=defaults,
                task_queue=task_queue,
            )
        except ValueError:
            counts.errors += 1
            continue
        if started:
            counts.started += 1
        else:
            counts.already_started += 1
    return counts
