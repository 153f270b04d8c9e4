"""gRPC adapter of the workflows service."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf import json_format
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client, WorkflowExecutionStatus

from services.common.db import session_factory
from services.common.errors import InvalidArgument
from services.common.grpc_client import ServiceClients
from services.common.grpc_server import GrpcService, internal_secret_from_environment
from services.common.internal_auth import current_actor
from services.common.protos import set_iso_time
from services.common.runner import run_grpc_process
from services.common.telemetry import setup_telemetry
from services.common.temporal import connect_temporal_with_retry
from services.workflows.contract import PROCESSES_TASK_QUEUE, ProcessProgress
from services.workflows.service.automation.pending import PendingEvents
from services.workflows.service.calendar_feed import CalendarServicer
from services.workflows.service.capital_runs import CapitalRuns
from services.workflows.service.definitions_servicer import DefinitionsServicer
from services.workflows.service.delegations import DelegationBook
from services.workflows.service.managers import TeamManagers
from services.workflows.service.metrics import task_gauges
from services.workflows.service.processes import ProcessService, ProcessView
from services.workflows.service.requests_servicer import RequestsServicer
from services.workflows.service.schedules import ensure_schedules
from services.workflows.service.tasks_servicer import TasksServicer
from services.workflows.service.triggers import TriggerService
from services.workflows.service.triggers_servicer import TriggersServicer
from services.workflows.service.webhook_dispatch import Dispatcher
from services.workflows.service.webhooks import SecretBox, WebhookSettings
from services.workflows.service.webhooks_servicer import WebhooksServicer
from services.workflows.settings import ProcessDefaults, WorkflowsSettings

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


# What a client is shown for each kind of task (the task id without its round number).
CLIENT_TASK_TITLES = {
    "call": "Your advisor will call you",
    "intro-call": "Introduction call with your advisor",
    "follow-up-call": "Follow-up call with your advisor",
    "collect-questionnaire": "Your risk questionnaire",
    "book-meeting": "Scheduling your annual review meeting",
    "hold-meeting": "Your annual review meeting",
    "minutes": "Meeting notes",
    "strategy": "Your strategy for the year",
    "data": "Preparing your report data",
    "commentary": "Writing the commentary",
    "approval": "Approval",
    "review-failures": "Final checks",
    "contract-renewal": "Your contract renewal",
    "kyc-renewal": "Renewing your KYC information",
}
CLIENT_TASK_DEFAULT = "A step with our team"


def client_task_title(task_id: str) -> str:
    """The client-facing wording for a task: an allow-list, never the staff text."""
    kind = re.sub(r"-\d+$", "", task_id)
    return CLIENT_TASK_TITLES.get(kind, CLIENT_TASK_DEFAULT)


def progress_to_proto(
    view: ProcessView, progress: ProcessProgress | None, *, client_safe: bool
) -> workflows_pb2.ProcessProgress:
    """The progress query's answer; client_safe keeps what a client may see (task titles
    and due dates, the named steps; no people, outcomes or internal notes)."""
    message = workflows_pb2.ProcessProgress(
        workflow_id=view.workflow_id,
        kind=view.kind,
        status=_STATUS.get(view.status, workflows_pb2.PROCESS_STATUS_UNSPECIFIED),
    )
    if progress is None:
        return message
    message.current_step = progress.current_step
    message.items_total = progress.items_total
    message.items_done = progress.items_done
    set_iso_time(message, "due_at", progress.due_at)
    if not client_safe:
        message.waiting_on = progress.waiting_on
    for task in progress.tasks:
        if client_safe and not task.client_visible:
            continue  # a definition's internal step
        # A client sees a fixed wording per kind of task (or the client wording its
        # definition gives), never the staff title (which can carry internal text such as a
        # partner's rejection comment).
        words = dict(task.client_title)
        title = (words.get("en") or client_task_title(task.task_id)) if client_safe else task.title
        item = message.tasks.add(
            task_id=task.task_id, title=title, status=task.status, paused=task.paused
        )
        set_iso_time(item, "due_at", task.due_at)
        if client_safe and words:
            item.title_key = "{title}"
            item.title_params_json = json.dumps(
                {f"title.{locale}": text for locale, text in words.items()}, ensure_ascii=False
            )
        if not client_safe:
            item.title_key = task.title_key
            item.title_params_json = json.dumps(dict(task.title_params), ensure_ascii=False)
            item.assignee_user = task.assignee_user
            item.assignee_role = task.assignee_role
            item.claimed_by = task.claimed_by
            item.outcome = task.outcome
            item.reminders_sent = task.reminders_sent
            item.escalation_level = task.escalation_level
            set_iso_time(item, "breached_at", task.breached_at)
    for step in progress.steps:
        if client_safe and step.event not in ("created", "completed", "step", "cancelled"):
            continue
        if client_safe and view.kind == "definition" and step.event in ("created", "completed"):
            continue  # a definition's client sees its client-visible steps and tasks only
        entry = message.steps.add(event=step.event)
        set_iso_time(entry, "at", step.at)
        if not client_safe or step.event == "step":
            entry.detail = step.detail
        if not client_safe:
            entry.by = step.by
    return message


class ProcessesServicer(workflows_pb2_grpc.ProcessesServiceServicer):
    def __init__(self, processes: ProcessService, capital: CapitalRuns) -> None:
        self.processes = processes
        self.capital = capital

    async def StartCapitalEventRun(
        self, request: workflows_pb2.StartCapitalEventRunRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Process:
        return process_to_proto(await self.capital.start(current_actor(), request.event_id))

    async def RefreshClientAttributes(
        self,
        request: workflows_pb2.RefreshClientAttributesRequest,
        context: grpc.aio.ServicerContext,
    ) -> workflows_pb2.RefreshClientAttributesResponse:
        updated = await self.processes.refresh_client_attributes(current_actor(), request.client_id)
        return workflows_pb2.RefreshClientAttributesResponse(updated=updated)

    async def StartProcess(
        self, request: workflows_pb2.StartProcessRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Process:
        actor = current_actor()
        view = await self.processes.start(
            actor, request.kind, request.client_id, dict(request.parameters)
        )
        return process_to_proto(view)

    async def GetProcess(
        self, request: workflows_pb2.GetProcessRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Process:
        actor = current_actor()
        return process_to_proto(await self.processes.get(actor, request.workflow_id))

    async def CancelProcess(
        self, request: workflows_pb2.CancelProcessRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Process:
        actor = current_actor()
        view = await self.processes.cancel(actor, request.workflow_id, request.reason)
        return process_to_proto(view)

    async def ListClientProcesses(
        self, request: workflows_pb2.ListClientProcessesRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListProcessesResponse:
        actor = current_actor()
        size = request.page_size or 100
        if not 1 <= size <= 200:
            raise InvalidArgument("page_size", size, "must be between 1 and 200")
        views = await self.processes.for_client(actor, request.client_id, limit=size)
        return workflows_pb2.ListProcessesResponse(processes=[process_to_proto(v) for v in views])

    async def StartReportRun(
        self, request: workflows_pb2.StartReportRunRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Process:
        actor = current_actor()
        view = await self.processes.start_report_run(
            actor,
            request.kind,
            request.book,
            request.period,
            dict(request.parameters),
            rerun=request.rerun,
        )
        return process_to_proto(view)

    async def GetProgress(
        self, request: workflows_pb2.GetProgressRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ProcessProgress:
        actor = current_actor()
        view, progress = await self.processes.progress(actor, request.workflow_id)
        # A client only ever gets the client-safe view, whatever it asks for.
        client_safe = request.client_safe or actor.is_client
        return progress_to_proto(view, progress, client_safe=client_safe)

    async def SubmitQuestionnaire(
        self, request: workflows_pb2.SubmitQuestionnaireRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ProcessProgress:
        actor = current_actor()
        progress = await self.processes.submit_questionnaire(
            actor, request.workflow_id, json_format.MessageToDict(request.answers)
        )
        view = await self.processes.get(actor, request.workflow_id)
        return progress_to_proto(view, progress, client_safe=False)


GAUGE_SECONDS = 60.0


def build(
    engine: AsyncEngine,
    temporal: Client,
    services: ServiceClients,
    *,
    task_queue: str = PROCESSES_TASK_QUEUE,
    defaults: ProcessDefaults | None = None,
    webhooks: WebhookSettings | None = None,
) -> GrpcService:
    """The workflows gRPC server."""
    defaults = defaults or ProcessDefaults()
    webhooks = webhooks or WebhookSettings()
    box = SecretBox.from_settings(webhooks)
    dispatcher = Dispatcher(session_factory(engine), box, webhooks)
    processes = ProcessService(temporal, services.clients, task_queue=task_queue, defaults=defaults)
    # Escalations and alerts go to the directory's team managers.
    managers = TeamManagers(services.directory, defaults)
    # The service's own events (and any evaluation cut short) are evaluated in the background.
    pending = PendingEvents(
        session_factory(engine),
        lambda session: TriggerService(
            session,
            temporal,
            services.clients,
            services.notifications,
            task_queue=task_queue,
            defaults=defaults,
            directory=services.directory,
            custom_records=services.custom_records,
        ),
    )

    def start_background() -> None:
        managers.start()
        pending.start()
        dispatcher.start()

    async def stop_background() -> None:
        await dispatcher.stop()
        await pending.stop()
        await managers.stop()

    def register(server: grpc.aio.Server) -> None:
        workflows_pb2_grpc.add_ProcessesServiceServicer_to_server(
            ProcessesServicer(processes, CapitalRuns(temporal, services.funds, task_queue)), server
        )
        workflows_pb2_grpc.add_TasksServiceServicer_to_server(
            TasksServicer(temporal, DelegationBook(services.directory), services.reporting),
            server,
        )
        workflows_pb2_grpc.add_TriggersServiceServicer_to_server(
            TriggersServicer(temporal, services, task_queue, defaults), server
        )
        workflows_pb2_grpc.add_RequestsServiceServicer_to_server(
            RequestsServicer(temporal, services, task_queue, defaults), server
        )
        workflows_pb2_grpc.add_DefinitionsServiceServicer_to_server(
            DefinitionsServicer(temporal, services, task_queue, defaults), server
        )
        workflows_pb2_grpc.add_WebhooksServiceServicer_to_server(
            WebhooksServicer(box, webhooks), server
        )
        workflows_pb2_grpc.add_CalendarServiceServicer_to_server(
            CalendarServicer(internal_secret_from_environment(), services.clients), server
        )

    service = GrpcService(
        service_names=[
            workflows_pb2.DESCRIPTOR.services_by_name[name].full_name
            for name in (
                "ProcessesService",
                "TasksService",
                "TriggersService",
                "RequestsService",
                "DefinitionsService",
                "WebhooksService",
                "CalendarService",
            )
        ],
        register=register,
        sessions=session_factory(engine),
        on_start=start_background,
        on_stop=stop_background,
    )
    for gauge in task_gauges(engine):
        service.every(GAUGE_SECONDS, gauge.run)

    async def temporal_answers() -> bool:
        return bool(await temporal.service_client.check_health(timeout=timedelta(seconds=2)))

    service.watch_dependency(temporal_answers, name="temporal")
    service.fail_fast("temporal", lambda method: method.rsplit("/", 1)[-1] in NEEDS_TEMPORAL)
    return service


# The methods that start, signal, update, describe or list workflows (or schedules): while
# Temporal is known down they answer UNAVAILABLE at once (the gateway: 503 with Retry-After;
# the outbox relay keeps its events and retries). Tasks, definitions, rules, requests and
# their notes are read from and written to PostgreSQL and keep being served.
NEEDS_TEMPORAL = frozenset(
    {
        "StartProcess",
        "GetProcess",
        "GetProgress",
        "CancelProcess",
        "ListClientProcesses",
        "SubmitQuestionnaire",
        "StartReportRun",
        "StartCapitalEventRun",
        "RefreshClientAttributes",
        "ActOnTask",
        "StartDefinition",
        "PutDefinitionSchedule",
        "ListDefinitionSchedules",
        "DeleteDefinitionSchedule",
        "RunDefinitionOverSegment",
        "StartDefinitionPage",
        "PublishEvent",
        "PublishEvents",
        "SweepDates",
        "PlanDormantScan",
        "ScanDormantPage",
        "StartAnnualReviews",
        "CreateRequest",
        "ActOnRequest",
        "OpenRequest",
        "AnswerSurvey",
        "StartNpsSurveys",
    }
)


async def serve(settings: WorkflowsSettings) -> None:
    """Run the workflows service until stopped (it is ready once Temporal answers)."""
    # Telemetry first: a channel opened before the gRPC instrumentation would start a new
    # trace on every call instead of continuing the caller's.
    setup_telemetry("workflows", settings)
    services = ServiceClients.connect(settings)
    try:
        temporal = await connect_temporal_with_retry(settings)
        await ensure_schedules(temporal, settings.task_queue)
        await run_grpc_process(
            "workflows",
            settings,
            lambda engine: build(
                engine,
                temporal,
                services,
                task_queue=settings.task_queue,
                defaults=settings,
                webhooks=settings,
            ),
        )
    finally:
        await services.close()
