"""Activities of the report processes: page through a book of clients, render and e-mail a
client's report. Thin gRPC calls; the reporting service makes each report once per
(kind, client, period, process) and the notifications service sends each key once, so a
retried or re-run activity neither renders twice nor e-mails twice."""

from __future__ import annotations

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from temporalio import activity

from services.common.errors import ErrorCode
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR
from services.workflows.contract import REPORTED_STAGES
from services.workflows.worker.activities.errors import (
    PERMANENT,
    raise_activity_error,
    raise_code_error,
)
from services.workflows.worker.activities.types import (
    DELIVER_CLIENT_REPORT,
    DELIVER_CLIENT_REPORTS,
    LIST_BOOK,
    RENDER_CLIENT_REPORT,
    BookPage,
    BookPageRequest,
    RenderedReport,
    RenderRequest,
    ReportDelivery,
    ReportDeliveryOutcome,
    ReportsDelivery,
    ReportsDeliveryOutcome,
)

# A report or e-mail that failed for one of these will fail again: an outcome, not a retry.
UNFIXABLE = (ErrorCode.NOT_FOUND, ErrorCode.INVALID_ARGUMENT)
# SendMany's most sends at once.
MAX_SEND_PARALLELISM = 16


class ReportActivities:
    def __init__(
        self,
        clients: clients_pb2_grpc.ClientsServiceStub,
        reporting: reporting_pb2_grpc.ReportingServiceStub,
        notifications: notifications_pb2_grpc.NotificationsServiceStub,
    ) -> None:
        self.clients = clients
        self.reporting = reporting
        self.notifications = notifications

    @activity.defn(name=LIST_BOOK)
    async def list_book(self, request: BookPageRequest) -> BookPage:
        spec = clients_pb2.ClientFilter(stages=list(REPORTED_STAGES), tiers=list(request.tiers))
        if request.book != "firm":
            spec.team_ids.append(request.book)
        page = await self.clients.ListClients(
            clients_pb2.ListClientsRequest(
                filter=spec, page_size=request.page_size, page_token=request.page_token
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=60,
        )
        return BookPage(
            client_ids=tuple(c.id for c in page.clients if c.status != "archived"),
            next_page_token=page.next_page_token,
        )

    async def _render(self, request: RenderRequest) -> reporting_pb2.Artifact:
        artifact: reporting_pb2.Artifact = await self.reporting.RenderClientReport(
            reporting_pb2.RenderClientReportRequest(
                client_id=request.client_id,
                period=request.period,
                commentary=request.commentary,
                workflow_id=request.workflow_id,
                kind=request.kind,
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=120,
        )
        return artifact

    @activity.defn(name=RENDER_CLIENT_REPORT)
    async def render_client_report(self, request: RenderRequest) -> RenderedReport:
        artifact = await self._render(request)
        return RenderedReport(artifact.id, artifact.sha256, artifact.size_bytes)

    @activity.defn(name=DELIVER_CLIENT_REPORT)
    async def deliver_client_report(self, request: ReportDelivery) -> ReportDeliveryOutcome:
        """A client who cannot get a report (gone, no address) is an outcome, not an error:
        the run goes on and the summary says why."""
        try:
            artifact = await self._render(
                RenderRequest(
                    request.client_id,
                    request.period,
                    request.commentary,
                    request.workflow_id,
                    request.kind,
                )
            )
        except grpc.RpcError as error:
            return self._unmade(request.client_id, error)
        return await self._send(request, artifact.id)

    @activity.defn(name=DELIVER_CLIENT_REPORTS)
    async def deliver_client_reports(self, request: ReportsDelivery) -> ReportsDeliveryOutcome:
        """A few clients' reports made in one call, then each e-mailed. A retry makes no
        report twice (reporting keeps each per process) and sends no e-mail twice (each
        has its key)."""
        try:
            made = await self.reporting.RenderClientReports(
                reporting_pb2.RenderClientReportsRequest(
                    client_ids=request.client_ids,
                    period=request.period,
                    commentary=request.commentary,
                    workflow_id=request.workflow_id,
                    kind=request.kind,
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=120,
            )
        except grpc.RpcError as error:
            return ReportsDeliveryOutcome(tuple(self._unmade(c, error) for c in request.client_ids))
        outcomes: dict[str, ReportDeliveryOutcome] = {}
        made_ok = []
        for report in made.reports:
            # One client's refusal a retry cannot change is that client's outcome; the
            # others go on.
            if report.error_code in PERMANENT:
                outcomes[report.client_id] = ReportDeliveryOutcome(
                    report.client_id, "", "", "failed", report.error
                )
            elif report.error_code:
                raise_code_error(report.error_code, f"{report.client_id}: {report.error}")
            else:
                made_ok.append(report)
        if made_ok:
            for report, result in zip(
                made_ok, await self._send_many(request, made_ok), strict=True
            ):
                outcomes[report.client_id] = self._sent(report, result)
        return ReportsDeliveryOutcome(tuple(outcomes[r.client_id] for r in made.reports))

    async def _send_many(
        self, request: ReportsDelivery, reports: list[reporting_pb2.RenderedClientReport]
    ) -> list[notifications_pb2.SendResult]:
        """The reports' e-mails in one call; a call refused as a whole is each one's error."""
        try:
            sent = await self.notifications.SendMany(
                notifications_pb2.SendManyRequest(
                    requests=[
                        self._send_request(request.one(r.client_id), r.artifact.id) for r in reports
                    ],
                    parallelism=min(request.send_parallelism, MAX_SEND_PARALLELISM),
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=120,
            )
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if failure.code not in UNFIXABLE:
                raise_activity_error(error)
            return [
                notifications_pb2.SendResult(error_code=failure.code.value, error=failure.message)
                for _ in reports
            ]
        return list(sent.results)

    @staticmethod
    def _sent(
        report: reporting_pb2.RenderedClientReport, result: notifications_pb2.SendResult
    ) -> ReportDeliveryOutcome:
        """One e-mail's result: a refusal retrying cannot fix is that client's outcome,
        another the activity's error (retried: each e-mail has its key)."""
        if result.error_code in PERMANENT:
            return ReportDeliveryOutcome(
                report.client_id, report.artifact.id, "", "failed", result.error
            )
        if result.error_code:
            raise_code_error(result.error_code, f"{report.client_id}: {result.error}")
        d = result.delivery
        return ReportDeliveryOutcome(report.client_id, report.artifact.id, d.id, d.status, d.reason)

    @staticmethod
    def _unmade(
        client_id: str, error: grpc.RpcError, artifact_id: str = ""
    ) -> ReportDeliveryOutcome:
        """A failed call: an outcome when retrying cannot help (e.g. no channel with an
        address), else the activity's error (retried)."""
        failure = from_rpc_error(error)
        if failure.code in UNFIXABLE:
            return ReportDeliveryOutcome(client_id, artifact_id, "", "failed", failure.message)
        raise_activity_error(error)

    async def _send(self, request: ReportDelivery, artifact_id: str) -> ReportDeliveryOutcome:
        try:
            delivery = await self.notifications.Send(
                self._send_request(request, artifact_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=120,
            )
        except grpc.RpcError as error:
            return self._unmade(request.client_id, error, artifact_id)
        return ReportDeliveryOutcome(
            request.client_id, artifact_id, delivery.id, delivery.status, delivery.reason
        )

    @staticmethod
    def _send_request(request: ReportDelivery, artifact_id: str) -> notifications_pb2.SendRequest:
        variables = Struct()
        variables.update({"period": request.period})
        return notifications_pb2.SendRequest(
            idempotency_key=request.idempotency_key(),
            client_id=request.client_id,
            template_key=request.template_key,
            variables=variables,
            category="service",
            attachment_artifact_ids=[artifact_id],
            # A PDF goes by e-mail; a client without an address is a failure the summary
            # reports.
            channel="email",
            workflow_id=request.workflow_id,
        )


__all__ = ["ReportActivities"]
