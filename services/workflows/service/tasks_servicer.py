"""The TasksService over gRPC: the task projection, the task list, actions on a task (its
workflow's validator decides) and documents uploaded for a task's form."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import grpc
from clientflow.reporting.v1 import reporting_pb2_grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from temporalio.client import Client

from services.common.db import current_session
from services.common.internal_auth import current_actor
from services.common.protos import set_iso_time, when
from services.workflows.contract import TaskView
from services.workflows.service.delegations import DelegationBook
from services.workflows.service.models import Task
from services.workflows.service.task_documents import add_document, check_documents
from services.workflows.service.task_replies import replies_of
from services.workflows.service.tasks import TaskFilter, TaskService, task_values_from


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
        title_key=task.title_key or "",
        title_params_json=json.dumps(task.title_params or {}, ensure_ascii=False),
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
    def __init__(
        self,
        temporal: Client,
        delegations: DelegationBook | None = None,
        reporting: reporting_pb2_grpc.ReportingServiceStub | None = None,
    ) -> None:
        self.temporal = temporal
        self.delegations = delegations
        self.reporting = reporting

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
        task = await TaskService(current_session(), delegations=self.delegations).get(
            actor, request.id
        )
        message = task_to_proto(task)
        for reply in await replies_of(current_session(), task.id):
            item = message.replies.add(
                subject=reply.subject, excerpt=reply.excerpt, interaction_id=reply.interaction_id
            )
            item.received_at.FromDatetime(reply.received_at)
            for file in reply.attachments:
                item.attachments.add(artifact_id=file["artifact_id"], filename=file["filename"])
        return message

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
        rows, token = await TaskService(current_session(), delegations=self.delegations).list(
            actor, where, size=request.page_size, token=request.page_token
        )
        return workflows_pb2.ListTasksResponse(
            tasks=[task_to_proto(row) for row in rows], next_page_token=token
        )

    async def ActOnTask(
        self, request: workflows_pb2.ActOnTaskRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.Task:
        actor = current_actor()
        service = TaskService(current_session(), self.temporal, self.delegations)
        if request.action == "complete" and request.form_json:
            task = await service.get(actor, request.id)
            await check_documents(self.reporting, task, request.form_json)
        task, view = await service.act(
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

    async def AddTaskDocument(
        self, request: workflows_pb2.AddTaskDocumentRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.TaskDocument:
        actor = current_actor()
        service = TaskService(current_session(), delegations=self.delegations)
        task = await service.get(actor, request.task_id)
        stored = await add_document(self.reporting, task, request.filename, request.content)
        return workflows_pb2.TaskDocument(
            artifact_id=stored.artifact_id,
            filename=stored.filename,
            content_type=stored.content_type,
            size_bytes=stored.size_bytes,
        )
