"""gRPC adapter of the reporting service."""

from __future__ import annotations

import grpc
from clientflow.clients.v1 import clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.artifact_store import ArtifactStore, artifact_store
from services.common.db import create_engine, current_session, session_factory
from services.common.errors import ClientflowError, InvalidArgument
from services.common.grpc_client import ServiceClients
from services.common.grpc_server import GrpcService
from services.common.internal_auth import current_actor
from services.common.protos import struct, when
from services.common.runner import run_grpc_process
from services.common.telemetry import setup_telemetry
from services.reporting.dashboards import Dashboards, scope_for
from services.reporting.models import Artifact
from services.reporting.notices import NoticeService
from services.reporting.pdf import Brand
from services.reporting.periods import parse_period
from services.reporting.reports import ReportService
from services.reporting.service import ArtifactService, SurveyService
from services.reporting.settings import ReportingSettings


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
    def __init__(
        self,
        store: ArtifactStore,
        clients: clients_pb2_grpc.ClientsServiceStub,
        brand: Brand,
        dashboards: Dashboards,
        funds: clients_pb2_grpc.FundsServiceStub | None = None,
    ) -> None:
        self.store, self.clients, self.brand = store, clients, brand
        self.dashboards, self.funds = dashboards, funds

    async def RenderCapitalNotice(
        self, request: reporting_pb2.RenderCapitalNoticeRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.Artifact:
        artifact, _made = await NoticeService(
            current_session(), self.clients, self.store, self.brand
        ).render_notice(
            current_actor(),
            self.funds,
            event_id=request.event_id,
            client_id=request.client_id,
            workflow_id=request.workflow_id,
            instructions=self.brand.payment_instructions,
        )
        return _artifact_to_proto(artifact)

    async def GetDashboard(
        self, request: reporting_pb2.GetDashboardRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.Dashboard:
        actor = current_actor()
        scope = scope_for(actor, request.advisor_id, request.team_id)
        kpis = await self.dashboards.kpis(scope, parse_period(request.period))
        return reporting_pb2.Dashboard(kpis=struct(kpis))

    async def RecordSurveyAnswer(
        self, request: reporting_pb2.RecordSurveyAnswerRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.SurveyAnswer:
        answer = await SurveyService(current_session(), self.clients).record(
            current_actor(),
            client_id=request.client_id,
            score=request.score,
            comment=request.comment,
            channel=request.channel,
            answered_at=when(request, "answered_at"),
            survey=request.survey,
            invitation_id=request.invitation_id,
            request_type=request.request_type,
        )
        message = reporting_pb2.SurveyAnswer(
            id=str(answer.id),
            client_id=str(answer.client_id),
            score=answer.score,
            comment=answer.comment,
            channel=answer.channel,
            recorded_by=answer.recorded_by,
            survey=answer.survey,
            invitation_id=answer.invitation_id or "",
            request_type=answer.request_type,
        )
        message.answered_at.FromDatetime(answer.answered_at)
        return message

    def _artifacts(self) -> ArtifactService:
        return ArtifactService(current_session(), self.store, self.clients)

    async def GetArtifact(
        self, request: reporting_pb2.GetArtifactRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.Artifact:
        actor = current_actor()
        return _artifact_to_proto(await self._artifacts().visible(actor, request.id))

    async def BatchGetArtifacts(
        self, request: reporting_pb2.BatchGetArtifactsRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.ListArtifactsResponse:
        found = await self._artifacts().visible_many(current_actor(), request.ids)
        return reporting_pb2.ListArtifactsResponse(artifacts=[_artifact_to_proto(a) for a in found])

    async def DeleteArtifact(
        self, request: reporting_pb2.GetArtifactRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.Artifact:
        return _artifact_to_proto(await self._artifacts().delete(current_actor(), request.id))

    async def RenderClientReport(
        self, request: reporting_pb2.RenderClientReportRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.Artifact:
        artifact, _made = await self._reports().render(
            current_actor(),
            client_id=request.client_id,
            period=request.period,
            commentary=request.commentary,
            workflow_id=request.workflow_id,
            kind=request.kind,
        )
        return _artifact_to_proto(artifact)

    async def RenderClientReports(
        self, request: reporting_pb2.RenderClientReportsRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.RenderClientReportsResponse:
        made = await self._reports().render_many(
            current_actor(),
            client_ids=list(request.client_ids),
            period=request.period,
            commentary=request.commentary,
            workflow_id=request.workflow_id,
            kind=request.kind,
        )
        reply = reporting_pb2.RenderClientReportsResponse()
        for client_id, (artifact, _made) in zip(request.client_ids, made, strict=True):
            if isinstance(artifact, ClientflowError):
                reply.reports.add(
                    client_id=client_id, error_code=artifact.code.value, error=artifact.message
                )
            else:
                reply.reports.add(client_id=client_id, artifact=_artifact_to_proto(artifact))
        return reply

    def _reports(self) -> ReportService:
        return ReportService(current_session(), self.clients, self.store, self.brand)

    async def CreateArtifact(
        self, request: reporting_pb2.CreateArtifactRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.Artifact:
        artifact = await self._artifacts().create(
            current_actor(),
            kind=request.kind,
            client_id=request.client_id,
            period=request.period,
            content_type=request.content_type,
            content=request.content,
            workflow_id=request.workflow_id,
        )
        return _artifact_to_proto(artifact)

    async def ListClientArtifacts(
        self, request: reporting_pb2.ListClientArtifactsRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.ListArtifactsResponse:
        limit = request.page_size or 50
        if not 1 <= limit <= 200:
            raise InvalidArgument("page_size", str(limit), "must be between 1 and 200")
        found = await self._artifacts().for_client(current_actor(), request.client_id, limit)
        return reporting_pb2.ListArtifactsResponse(artifacts=[_artifact_to_proto(a) for a in found])

    async def ReadArtifactContent(
        self, request: reporting_pb2.ReadArtifactContentRequest, context: grpc.aio.ServicerContext
    ) -> reporting_pb2.ArtifactContent:
        artifact, content = await self._artifacts().content(current_actor(), request.id)
        return reporting_pb2.ArtifactContent(
            id=str(artifact.id), content_type=artifact.content_type, content=content
        )


def build(
    engine: AsyncEngine,
    clients: clients_pb2_grpc.ClientsServiceStub,
    *,
    store: ArtifactStore,
    brand: Brand | None = None,
    read_engine: AsyncEngine | None = None,
    funds: clients_pb2_grpc.FundsServiceStub | None = None,
) -> GrpcService:
    """The reporting gRPC server over `engine`; a report's data and scoping from `clients`;
    dashboards over `read_engine` (read-only; default `engine`), capital notices from
    `funds`."""
    servicer = ReportingServicer(
        store, clients, brand or Brand(), Dashboards(read_engine or engine), funds
    )

    def register(server: grpc.aio.Server) -> None:
        reporting_pb2_grpc.add_ReportingServiceServicer_to_server(servicer, server)

    return GrpcService(
        service_names=[reporting_pb2.DESCRIPTOR.services_by_name["ReportingService"].full_name],
        register=register,
        sessions=session_factory(engine),
    )


async def serve(settings: ReportingSettings) -> None:
    """Run the reporting service until stopped."""
    # Telemetry first: a channel opened before the gRPC instrumentation would start a new
    # trace on every call instead of continuing the caller's.
    setup_telemetry("reporting", settings)
    services = ServiceClients.connect(settings)
    brand = Brand(
        firm_name=settings.firm_name,
        logo_path=settings.firm_logo,
        color=settings.brand_color,
        font_path=settings.report_font,
        payment_instructions=settings.payment_instructions,
    )
    store = artifact_store(settings)
    read_engine = create_engine(
        settings.reporting_read_database_url or settings.database_url,
        pool_size=4,
        read_only=True,
    )
    try:
        await run_grpc_process(
            "reporting",
            settings,
            lambda engine: build(
                engine,
                services.clients,
                store=store,
                brand=brand,
                read_engine=read_engine,
                funds=services.funds,
            ),
        )
    finally:
        await services.close()
        await read_engine.dispose()
