"""gRPC adapter of the workflows service."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf import json_format
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client, WorkflowExecutionStatus

from services.common.config import ProcessDefaults, WorkflowsSettings
from services.common.db import current_session, session_factory
from services.common.errors import InvalidArgument
from services.common.grpc_client import ServiceClients
from services.common.grpc_server import GrpcService
from services.common.internal_auth import current_actor
from services.common.protos import set_iso_time, struct, when
from services.common.runner import run_grpc_process
from services.common.telemetry import setup_telemetry
from services.common.temporal import connect_temporal_with_retry
from services.workflows.contract import PROCESSES_TASK_QUEUE, ProcessProgress, TaskView
from services.workflows.service.date_rules import DEFAULT_CATCH_UP_DAYS
from services.workflows.service.dormancy import DormancyService, Window
from services.workflows.service.managers import TeamManagers
from services.workflows.service.metrics import task_gauges
from services.workflows.service.models import Event, Rule, Task
from services.workflows.service.processes import ProcessService, ProcessView
from services.workflows.service.reviews import AnnualReviewStarter
from services.workflows.service.rules import rule_to_dict
from services.workflows.service.schedules import ensure_schedules
from services.workflows.service.tasks import TaskFilter, TaskService, task_values_from
from services.workflows.service.triggers import TriggerService

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
        # A client sees a fixed wording per kind of task, never the staff title (which can
        # carry internal text such as a partner's rejection comment).
        title = client_task_title(task.task_id) if client_safe else task.title
        item = message.tasks.add(
            task_id=task.task_id, title=title, status=task.status, paused=task.paused
        )
        set_iso_time(item, "due_at", task.due_at)
        if not client_safe:
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
        entry = message.steps.add(event=step.event)
        set_iso_time(entry, "at", step.at)
        if not client_safe or step.event == "step":
            entry.detail = step.detail
        if not client_safe:
            entry.by = step.by
    return message


class ProcessesServicer(workflows_pb2_grpc.ProcessesServiceServicer):
    def __init__(self, processes: ProcessService) -> None:
        self.processes = processes

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
        return progress_to_proto(view, progress, client_safe=request.client_safe)

    async def SubmitQuestionnaire(
        self, request: workflows_pb2.SubmitQuestionnaireRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ProcessProgress:
        actor = current_actor()
        progress = await self.processes.submit_questionnaire(
            actor, request.workflow_id, json_format.MessageToDict(request.answers)
        )
        view = await self.processes.get(actor, request.workflow_id)
        return progress_to_proto(view, progress, client_safe=False)


def task_to_proto(task: Task, view: TaskView | None = None) -> workflows_pb2.Task:
    message = workflows_pb2.Task(
        id=str(task.id),
        workflow_id=task.workflow_id,
        task_id=task.task_id,
        process_kind=task.process_kind,
        title=task.title,
        client_id=task.client_id,
        assignee_user=task.assignee_user,
        assignee_role=task.assignee_role,
        team_id=task.team_id,
        status=task.status,
        sla=task.sla,
        outcome=task.outcome,
        comment=task.comment,
        form_json=task.form_json,
        claimed_by=task.claimed_by,
        completed_by=task.completed_by,
        reminders_sent=task.reminders_sent,
        escalation_level=task.escalation_level,
        paused=task.paused,
        revision=task.revision,
        outcomes=list(task.outcomes or []),
        form_fields_json=json.dumps(task.form_fields or [], ensure_ascii=False),
    )
    for field in ("due_at", "breached_at", "created_at", "updated_at"):
        value = getattr(task, field)
        if value is not None:
            getattr(message, field).FromDatetime(value)
    if view is not None:  # the workflow's answer is newer than the projection
        message.status, message.assignee_user = view.status, view.assignee_user
        message.claimed_by, message.outcome, message.paused = (
            view.claimed_by,
            view.outcome,
            view.paused,
        )
        message.reminders_sent, message.escalation_level = (
            view.reminders_sent,
            view.escalation_level,
        )
        if view.completed_by:
            message.completed_by, message.comment, message.form_json = (
                view.completed_by,
                view.comment,
                view.form_json,
            )
        message.ClearField("due_at")
        set_iso_time(message, "due_at", view.due_at)
    due = when(message, "due_at")
    message.overdue = bool(
        due is not None and due < datetime.now(UTC) and message.status not in ("done", "cancelled")
    )
    return message


class TasksServicer(workflows_pb2_grpc.TasksServiceServicer):
    def __init__(self, temporal: Client) -> None:
        self.temporal = temporal

    async def ProjectTask(
        self, request: workflows_pb2.Task, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Task:
        actor = current_actor()
        task = await TaskService(current_session()).project(actor, task_values_from(request))
        return task_to_proto(task)

    async def GetTask(
        self, request: workflows_pb2.GetTaskRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Task:
        actor = current_actor()
        return task_to_proto(await TaskService(current_session()).get(actor, request.id))

    async def ListTasks(
        self, request: workflows_pb2.ListTasksRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListTasksResponse:
        actor = current_actor()
        where = TaskFilter(
            scope=request.scope,
            status=request.status,
            due_before=when(request, "due_before"),
            overdue_only=request.overdue_only,
            process_kind=request.process_kind,
            client_id=request.client_id,
        )
        rows, token = await TaskService(current_session()).list(
            actor, where, size=request.page_size, token=request.page_token
        )
        return workflows_pb2.ListTasksResponse(
            tasks=[task_to_proto(row) for row in rows], next_page_token=token
        )

    async def ActOnTask(
        self, request: workflows_pb2.ActOnTaskRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Task:
        actor = current_actor()
        task, view = await TaskService(current_session(), self.temporal).act(
            actor,
            request.id,
            request.action,
            outcome=request.outcome,
            comment=request.comment,
            form_json=request.form_json,
            assignee_user=request.assignee_user,
            business_hours=request.business_hours,
            reason=request.reason,
        )
        return task_to_proto(task, view)


def event_to_proto(event: Event, replayed: bool) -> workflows_pb2.EventResult:
    message = workflows_pb2.EventResult(
        event_id=event.event_id,
        type=event.type,
        client_id=event.client_id,
        payload=struct(event.payload),
        replayed=replayed,
        firings=[workflows_pb2.RuleFiring(**f) for f in (event.firings or [])],
    )
    message.occurred_at.FromDatetime(event.occurred_at)
    message.received_at.FromDatetime(event.received_at)
    return message


def rule_to_proto(rule: Rule) -> workflows_pb2.Rule:
    data = rule_to_dict(rule)
    updated_at = data.pop("updated_at")
    last_error_at = data.pop("last_error_at")
    message = workflows_pb2.Rule(**data)
    if updated_at is not None:
        message.updated_at.FromDatetime(updated_at)
    if last_error_at is not None:
        message.last_error_at.FromDatetime(last_error_at)
    return message


def rule_values(message: workflows_pb2.Rule) -> dict[str, Any]:
    return {
        "id": message.id,
        "name": message.name,
        "event_type": message.event_type,
        "condition": message.condition,
        "action": message.action,
        "target": message.target,
        "parameters": dict(message.parameters),
        "period": message.period,
        "enabled": message.enabled,
        "trigger": message.trigger,
        "date_field": message.date_field,
        "offset_days": message.offset_days,
    }


class TriggersServicer(workflows_pb2_grpc.TriggersServiceServicer):
    async def SweepDates(
        self, request: workflows_pb2.SweepDatesRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.SweepDatesResponse:
        actor = current_actor()
        try:
            day = date.fromisoformat(request.day)
        except ValueError:
            raise InvalidArgument("day", request.day, "must be YYYY-MM-DD") from None
        catch_up = request.catch_up_days or DEFAULT_CATCH_UP_DAYS
        if not 0 <= catch_up <= 60:
            raise InvalidArgument("catch_up_days", catch_up, "must be between 0 and 60")
        counts = await self._service().sweep_dates(actor, day, catch_up)
        return workflows_pb2.SweepDatesResponse(**counts)

    def __init__(
        self,
        temporal: Client,
        services: ServiceClients,
        task_queue: str,
        defaults: ProcessDefaults,
    ) -> None:
        self.temporal, self.services, self.task_queue = temporal, services, task_queue
        self.defaults = defaults

    def _service(self) -> TriggerService:
        return TriggerService(
            current_session(),
            self.temporal,
            self.services.clients,
            self.services.notifications,
            task_queue=self.task_queue,
            defaults=self.defaults,
        )

    def _dormancy(self) -> DormancyService:
        return DormancyService(
            current_session(),
            self.temporal,
            self.services.clients,
            self.defaults,
            task_queue=self.task_queue,
        )

    async def PlanDormantScan(
        self, request: workflows_pb2.PlanDormantScanRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.PlanDormantScanResponse:
        actor = current_actor()
        as_of = when(request, "as_of") or datetime.now(UTC)
        windows = await self._dormancy().plan(actor, as_of)
        return workflows_pb2.PlanDormantScanResponse(windows=[window_to_proto(w) for w in windows])

    async def ScanDormantPage(
        self, request: workflows_pb2.ScanDormantPageRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ScanDormantPageResponse:
        actor = current_actor()
        counts = await self._dormancy().scan_page(
            actor,
            window_from_proto(request.window),
            request.page_token,
            request.page_size or 200,
        )
        return workflows_pb2.ScanDormantPageResponse(**counts.__dict__)

    async def StartAnnualReviews(
        self, request: workflows_pb2.StartAnnualReviewsRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.StartAnnualReviewsResponse:
        actor = current_actor()
        counts = await AnnualReviewStarter(
            self.temporal, self.services.clients, self.defaults, task_queue=self.task_queue
        ).start_page(actor, request.year, request.page_token, request.page_size or 200)
        return workflows_pb2.StartAnnualReviewsResponse(**counts.__dict__)

    async def CompleteDormantScan(
        self, request: workflows_pb2.CompleteDormantScanRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.CompleteDormantScanResponse:
        actor = current_actor()
        windows = [window_from_proto(w) for w in request.windows]
        return workflows_pb2.CompleteDormantScanResponse(
            moved=await self._dormancy().complete(actor, windows)
        )

    async def PublishEvent(
        self, request: workflows_pb2.PublishEventRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.EventResult:
        actor = current_actor()
        event, replayed = await self._service().publish(
            actor,
            event_id=request.event_id,
            event_type=request.type,
            client_id=request.client_id,
            occurred_at=(
                request.occurred_at.ToDatetime(tzinfo=UTC)
                if request.HasField("occurred_at")
                else None
            ),
            payload=json_format.MessageToDict(request.payload),
        )
        return event_to_proto(event, replayed)

    async def GetEvent(
        self, request: workflows_pb2.GetEventRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.EventResult:
        actor = current_actor()
        return event_to_proto(await self._service().get_event(actor, request.event_id), True)

    async def PutRule(
        self, request: workflows_pb2.Rule, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Rule:
        actor = current_actor()
        return rule_to_proto(await self._service().put_rule(actor, rule_values(request)))

    async def ListRules(
        self, request: workflows_pb2.ListRulesRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListRulesResponse:
        actor = current_actor()
        rules = await self._service().list_rules(actor, request.event_type)
        return workflows_pb2.ListRulesResponse(rules=[rule_to_proto(r) for r in rules])

    async def DeleteRule(
        self, request: workflows_pb2.DeleteRuleRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Rule:
        actor = current_actor()
        return rule_to_proto(await self._service().delete_rule(actor, request.id))

    async def PreviewRule(
        self, request: workflows_pb2.PreviewRuleRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.PreviewRuleResponse:
        actor = current_actor()
        result = await self._service().preview(
            actor,
            rule_values(request.rule),
            json_format.MessageToDict(request.sample_payload),
            page_size=request.page_size,
            scan_limit=request.scan_limit,
            horizon_days=request.horizon_days,
        )
        first = result.pop("first_matches")
        return workflows_pb2.PreviewRuleResponse(
            **result, first_matches=[workflows_pb2.PreviewMatch(**m) for m in first]
        )


def window_to_proto(window: Window) -> workflows_pb2.DormantWindow:
    message = workflows_pb2.DormantWindow(tier=window.tier, threshold_days=window.threshold_days)
    message.since.FromDatetime(window.since)
    message.until.FromDatetime(window.until)
    return message


def window_from_proto(message: workflows_pb2.DormantWindow) -> Window:
    since, until = when(message, "since"), when(message, "until")
    if since is None or until is None or since >= until:
        raise InvalidArgument("window", message.tier, "needs since before until")
    return Window(message.tier, since, until, message.threshold_days)


# How often the task gauges are read from the table.
GAUGE_SECONDS = 60.0


def build(
    engine: AsyncEngine,
    temporal: Client,
    services: ServiceClients,
    *,
    task_queue: str = PROCESSES_TASK_QUEUE,
    defaults: ProcessDefaults | None = None,
) -> GrpcService:
    """The workflows gRPC server."""
    defaults = defaults or ProcessDefaults()
    processes = ProcessService(temporal, services.clients, task_queue=task_queue, defaults=defaults)
    # Escalations and alerts go to the directory's team managers.
    managers = TeamManagers(services.directory, defaults)

    def register(server: grpc.aio.Server) -> None:
        workflows_pb2_grpc.add_ProcessesServiceServicer_to_server(
            ProcessesServicer(processes), server
        )
        workflows_pb2_grpc.add_TasksServiceServicer_to_server(TasksServicer(temporal), server)
        workflows_pb2_grpc.add_TriggersServiceServicer_to_server(
            TriggersServicer(temporal, services, task_queue, defaults), server
        )

    service = GrpcService(
        service_names=[
            workflows_pb2.DESCRIPTOR.services_by_name[name].full_name
            for name in ("ProcessesService", "TasksService", "TriggersService")
        ],
        register=register,
        sessions=session_factory(engine),
        on_start=managers.start,
        on_stop=managers.stop,
    )
    for gauge in task_gauges(engine):
        service.every(GAUGE_SECONDS, gauge.run)

    async def temporal_answers() -> bool:
        return bool(await temporal.service_client.check_health(timeout=timedelta(seconds=2)))

    service.watch_dependency(temporal_answers, name="temporal")
    return service


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
                engine, temporal, services, task_queue=settings.task_queue, defaults=settings
            ),
        )
    finally:
        await services.close()
