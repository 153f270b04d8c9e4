"""gRPC adapter of the workflows service."""

from __future__ import annotations

import grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client, WorkflowExecutionStatus

from services.common.config import WorkflowsSettings
from services.common.db import session_factory
from services.common.grpc_client import ServiceClients
from services.common.grpc_server import GrpcService
from services.common.identity import Actor
from services.common.runner import run_grpc_process
from services.common.temporal import connect_temporal_with_retry
from services.workflows.constants import PROCESSES_TASK_QUEUE
from services.workflows.service import ProcessService, ProcessView

_STATUS = {
    WorkflowExecutionStatus.RUNNING: workflows_pb2.PROCESS_STATUS_RUNNING,
    WorkflowExecutionStatus.COMPLETED: workflows_pb2.PROCESS_STATUS_COMPLETED,
    WorkflowExecutionStatus.FAILED: workflows_pb2.PROCESS_STATUS_FAILED,
    WorkflowExecutionStatus.CANCELED: workflows_pb2.PROCESS_STATUS_CANCELED,
    WorkflowExecutionStatus.TERMINATED: workflows_pb2.PROCESS_STATUS_TERMINATED,
    WorkflowExecutionStatus.TIMED_OUT: workflows_pb2.PROCESS_STATUS_TIMED_OUT,
    WorkflowExecutionStatus.CONTINUED_AS_NEW: workflows_pb2.PROCESS_STATUS_CONTINUED_AS_NEW,
}


def process_to_proto(view: ProcessView) -> workflows_pb2.Process:
    """ProcessView -> message."""
    message = workflows_pb2.Process(
        workflow_id=view.workflow_id,
        run_id=view.run_id,
        kind=view.kind,
        client_id=view.client_id,
        status=_STATUS.get(view.status, workflows_pb2.PROCESS_STATUS_UNSPECIFIED),
        result_json=view.result_json,
    )
    if view.started_at is not None:
        message.started_at.FromDatetime(view.started_at)
    if view.closed_at is not None:
        message.closed_at.FromDatetime(view.closed_at)
    return message


class ProcessesServicer(workflows_pb2_grpc.ProcessesServiceServicer):
    def __init__(self, processes: ProcessService) -> None:
        self.processes = processes

    async def StartProcess(
        self, request: workflows_pb2.StartProcessRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Process:
        actor = Actor.from_metadata(context.invocation_metadata())
        view = await self.processes.start(
            actor, request.kind, request.client_id, dict(request.parameters)
        )
        return process_to_proto(view)

    async def GetProcess(
        self, request: workflows_pb2.GetProcessRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Process:
        actor = Actor.from_metadata(context.invocation_metadata())
        return process_to_proto(await self.processes.get(actor, request.workflow_id))


def build(
    engine: AsyncEngine,
    temporal: Client,
    services: ServiceClients,
    *,
    task_queue: str = PROCESSES_TASK_QUEUE,
) -> GrpcService:
    """The workflows gRPC server."""
    processes = ProcessService(temporal, services.clients, task_queue=task_queue)

    def register(server: grpc.aio.Server) -> None:
        workflows_pb2_grpc.add_ProcessesServiceServicer_to_server(
            ProcessesServicer(processes), server
        )

    return GrpcService(
        service_names=[workflows_pb2.DESCRIPTOR.services_by_name["ProcessesService"].full_name],
        register=register,
        sessions=session_factory(engine),
    )


async def serve(settings: WorkflowsSettings) -> None:
    """Run the workflows service until stopped (it is ready once Temporal answers)."""
    services = ServiceClients.connect(settings)
    try:
        temporal = await connect_temporal_with_retry(settings)
        await run_grpc_process(
            "workflows", settings, lambda engine: build(engine, temporal, services)
        )
    finally:
        await services.close()
