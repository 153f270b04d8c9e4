"""The Temporal worker process: every workflow and activity, services reached over gRPC."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from temporalio.client import Client
from temporalio.worker import Worker

from services.common.grpc_client import ServiceClients
from services.common.grpc_server import (
    HealthServicer,
    PortInUse,
    internal_secret_from_environment,
    stop_event_on_signals,
)
from services.common.telemetry import setup_telemetry, shutdown_telemetry
from services.common.temporal import connect_temporal_with_retry, metrics_runtime
from services.workflows.contract import PROCESSES_TASK_QUEUE
from services.workflows.settings import WorkerSettings
from services.workflows.worker.activities.capital import CapitalActivities
from services.workflows.worker.activities.clients import ClientActivities
from services.workflows.worker.activities.definitions import DefinitionActivities
from services.workflows.worker.activities.errors import RpcErrors
from services.workflows.worker.activities.human_tasks import TaskActivities
from services.workflows.worker.activities.meetings import MeetingActivities
from services.workflows.worker.activities.ops import OpsActivities
from services.workflows.worker.activities.reports import ReportActivities
from services.workflows.worker.activities.requests import RequestActivities
from services.workflows.worker.activities.surveys import SurveyActivities
from services.workflows.worker.activities.sweeps import TriggerActivities
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner

log = logging.getLogger(__name__)


def build_worker(
    client: Client,
    services: ServiceClients,
    *,
    task_queue: str = PROCESSES_TASK_QUEUE,
    shutdown_seconds: float = 5.0,
    max_cached_workflows: int = 1000,
    portal_url: str = "http://127.0.0.1:8080",
    link_secret: str | None = None,
    ops_digest_to: str = "",
) -> Worker:
    """A worker for every process, with activities bound to the service clients."""
    clients = ClientActivities(services.clients)
    tasks = TaskActivities(services.tasks, services.notifications)
    triggers = TriggerActivities(services.triggers)
    reports = ReportActivities(services.clients, services.reporting, services.notifications)
    capital = CapitalActivities(services.funds, services.reporting, services.notifications)
    requests = RequestActivities(services.requests, services.clients, services.reporting)
    definitions = DefinitionActivities(
        services.clients,
        services.directory,
        services.notifications,
        services.triggers,
        services.definitions,
        services.custom_records,
    )
    ops = OpsActivities(services.notifications, ops_digest_to)
    meetings = MeetingActivities(services.clients, services.directory, services.reporting)
    surveys = SurveyActivities(
        services.notifications,
        services.requests,
        secret=link_secret or internal_secret_from_environment(),
        portal_url=portal_url,
    )
    return Worker(
        client,
        task_queue=task_queue,
        workflows=WORKFLOWS,
        activities=[
            clients.get_client_summary,
            clients.evaluate_lifecycle,
            clients.set_stage,
            clients.ensure_kyc,
            clients.record_risk_profile,
            tasks.project_task,
            tasks.notify_user,
            tasks.notify_client,
            triggers.sweep_dates,
            triggers.plan_dormant_scan,
            triggers.scan_dormant_page,
            triggers.complete_dormant_scan,
            triggers.start_annual_reviews,
            reports.list_book,
            reports.render_client_report,
            reports.deliver_client_report,
            reports.deliver_client_reports,
            capital.list_event_investors,
            capital.list_unpaid,
            capital.deliver_notice,
            requests.open_request,
            requests.project_request,
            requests.apply_contact_change,
            requests.record_rating,
            surveys.invite,
            surveys.start_nps_page,
            definitions.resolve_approvers,
            definitions.evaluate_condition,
            definitions.update_record,
            definitions.send_template,
            definitions.client_date,
            definitions.record_field,
            definitions.process_completed,
            definitions.published_definition,
            definitions.start_page,
            ops.send_in_doubt_digest,
            meetings.prepare_invitation,
        ],
        graceful_shutdown_timeout=timedelta(seconds=shutdown_seconds),
        max_cached_workflows=max_cached_workflows,
        workflow_runner=workflow_runner(),
        interceptors=[RpcErrors(), *workflow_interceptors()],
    )


@dataclass
class WorkerHealth:
    """The health server (kept referenced: a dropped server stops) and its servicer."""

    server: grpc.aio.Server
    servicer: HealthServicer

    async def serving(self, yes: bool) -> None:
        state = health_pb2.HealthCheckResponse
        await self.servicer.set("", state.SERVING if yes else state.NOT_SERVING)


async def worker_health(settings: WorkerSettings) -> WorkerHealth | None:
    """grpc.health.v1 on CLIENTFLOW_WORKER_HEALTH_PORT (none when 0): NOT_SERVING until the
    worker polls, SERVING while it does, NOT_SERVING once it stops."""
    if not settings.worker_health_port:
        return None
    server = grpc.aio.server()
    # Ours: its Watch survives the OpenTelemetry server instrumentation, as on every service.
    servicer = HealthServicer()
    await servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    address = f"{settings.bind_host}:{settings.worker_health_port}"
    try:
        port = server.add_insecure_port(address)
    except RuntimeError:
        port = 0
    if port == 0:
        raise PortInUse(address, "CLIENTFLOW_WORKER_HEALTH_PORT")
    await server.start()
    return WorkerHealth(server, servicer)


async def serve(settings: WorkerSettings) -> None:
    """Poll the task queue until SIGINT/SIGTERM, then finish in-flight activities and exit."""
    setup_telemetry("worker", settings)
    services = ServiceClients.connect(settings)
    try:
        runtime = metrics_runtime(
            settings.otel_exporter_otlp_endpoint
            if settings.otel_metrics_exporter == "otlp"
            else None,
            settings.temporal_prometheus_address,
        )
        client = await connect_temporal_with_retry(settings, runtime=runtime)
        worker = build_worker(
            client,
            services,
            task_queue=settings.task_queue,
            shutdown_seconds=settings.worker_shutdown_seconds,
            max_cached_workflows=settings.worker_max_cached_workflows,
            portal_url=settings.portal_url,
            ops_digest_to=settings.ops_digest_to,
            link_secret=(
                settings.internal_secret.get_secret_value() if settings.internal_secret else None
            ),
        )
        stop = stop_event_on_signals()
        health = await worker_health(settings)
        async with worker:
            log.info("worker polling", extra={"task_queue": settings.task_queue})
            if health is not None:
                await health.serving(True)
            await stop.wait()
            log.info("worker stopping")
            if health is not None:
                await health.serving(False)
                await health.server.stop(1)
    finally:
        await services.close()
        shutdown_telemetry()
