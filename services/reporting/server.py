"""gRPC adapter of the reporting service."""

from __future__ import annotations

import grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.config import ReportingSettings
from services.common.db import current_session, session_factory
from services.common.grpc_server import GrpcService
from services.common.identity import Actor
from services.common.runner import run_grpc_process
from services.reporting.models import Artifact
from services.reporting.service import ArtifactService


def _artifact_to_proto(artifact: Artifact) -> reporting_pb2.Artifact:
    result = reporting_pb2.Artifact(
        id=str(artifact.id),
        kind=artifact.kind,
        client_id=str(artifact.client_id or ""),
        period=artifact.period or "",
        content_type=artifact.content_type,
        size_bytes=artifact.size_bytes,
        sha256=artifact.sha256,
        workflow_id=artifact.workflow_id or "",
    )
    result.created_at.FromDatetime(artifact.created_at)
    return result


class ReportingServicer(reporting_pb2_grpc.ReportingServiceServicer):
    async def GetArtifact(
        self, request: reporting_pb2.GetArtifactRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.Artifact:
        return _artifact_to_proto(await ArtifactService(current_session()).get(request.id))

    async def CreateArtifact(
        self, request: reporting_pb2.CreateArtifactRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.Artifact:
        artifact = await ArtifactService(current_session()).create(
            Actor.from_metadata(context.invocation_metadata()),
            kind=request.kind,
            client_id=request.client_id,
            period=request.period,
            content_type=request.content_type,
            content=request.content,
            workflow_id=request.workflow_id,
        )
        return _artifact_to_proto(artifact)

    async def ReadArtifactContent(
        self, request: reporting_pb2.ReadArtifactContentRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.ArtifactContent:
        artifact, content = await ArtifactService(current_session()).content(
            Actor.from_metadata(context.invocation_metadata()), request.id
        )
        return reporting_pb2.ArtifactContent(
            id=str(artifact.id), content_type=artifact.content_type, content=content
        )


def build(engine: AsyncEngine) -> GrpcService:
    """The reporting gRPC server over `engine`."""

    def register(server: grpc.aio.Server) -> None:
        reporting_pb2_grpc.add_ReportingServiceServicer_to_server(ReportingServicer(), server)

    return GrpcService(
        service_names=[reporting_pb2.DESCRIPTOR.services_by_name["ReportingService"].full_name],
        register=register,
        sessions=session_factory(engine),
    )


async def serve(settings: ReportingSettings) -> None:
    """Run the reporting service until stopped."""
    await run_grpc_process("reporting", settings, build)
