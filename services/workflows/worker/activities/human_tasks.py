"""Activities of human tasks: write the projection to the workflows service and send in-app
reminders and escalations through the notifications service. Both are idempotent: the
projection by (workflow, task, revision), the messages by their idempotency keys."""

from __future__ import annotations

import json
import logging

import grpc
from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from temporalio import activity

from services.common.errors import ErrorCode
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR
from services.common.protos import set_iso_time
from services.workflows.worker.activities.errors import raise_activity_error
from services.workflows.worker.activities.types import (
    NOTIFY_CLIENT,
    NOTIFY_USER,
    PROJECT_TASK,
    ClientNotification,
    NotificationOutcome,
    TaskProjection,
    UserNotification,
)

log = logging.getLogger(__name__)


class TaskActivities:
    def __init__(
        self,
        tasks: workflows_pb2_grpc.TasksServiceStub,
        notifications: notifications_pb2_grpc.NotificationsServiceStub,
    ) -> None:
        self.tasks = tasks
        self.notifications = notifications

    @activity.defn(name=PROJECT_TASK)
    async def project_task(self, projection: TaskProjection) -> None:
        message = workflows_pb2.Task(
            workflow_id=projection.workflow_id,
            task_id=projection.task_id,
            process_kind=projection.process_kind,
            title=projection.title,
            client_id=projection.client_id,
            assignee_user=projection.assignee_user,
            assignee_role=projection.assignee_role,
            team_id=projection.team_id,
            status=projection.status,
            sla=projection.sla,
            outcome=projection.outcome,
            comment=projection.comment,
            form_json=projection.form_json,
            claimed_by=projection.claimed_by,
            completed_by=projection.completed_by,
            reminders_sent=projection.reminders_sent,
            escalation_level=projection.escalation_level,
            paused=projection.paused,
            revision=projection.revision,
            outcomes=list(projection.outcomes),
            form_fields_json=projection.form_fields_json,
            title_key=projection.title_key,
            title_params_json=projection.title_params_json,
        )
        for field in ("due_at", "breached_at", "created_at", "updated_at"):
            set_iso_time(message, field, getattr(projection, field))
        await self.tasks.ProjectTask(message, metadata=SYSTEM_ACTOR.to_metadata(), timeout=10)

    @activity.defn(name=NOTIFY_USER)
    async def notify_user(self, message: UserNotification) -> None:
        variables = Struct()
        variables.update(json.loads(message.variables_json))
        try:
            await self.notifications.Send(
                notifications_pb2.SendRequest(
                    idempotency_key=message.idempotency_key,
                    user_id=message.user_id,
                    template_key=message.template_key,
                    variables=variables,
                    workflow_id=message.workflow_id,
                    priority="urgent",
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=30,
            )
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if failure.code is ErrorCode.NOT_FOUND:
                # A retired template must not hold the process up; the ledger has nothing
                # to show, so say it in the log.
                log.warning("task notification skipped: %s", failure.message)
                return
            raise_activity_error(error)

    @activity.defn(name=NOTIFY_CLIENT)
    async def notify_client(self, message: ClientNotification) -> NotificationOutcome:
        """Send a templated message to a client once per key. Suppression (consent, the
        frequency cap) is an outcome, not a failure: the process records it and goes on."""
        variables = Struct()
        variables.update(json.loads(message.variables_json))
        delivery = await self.notifications.Send(
            notifications_pb2.SendRequest(
                idempotency_key=message.idempotency_key,
                client_id=message.client_id,
                template_key=message.template_key,
                variables=variables,
                workflow_id=message.workflow_id,
                category=message.category,
                attachment_artifact_ids=list(message.attachment_artifact_ids),
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=60,
        )
        return NotificationOutcome(
            delivery_id=delivery.id,
            status=delivery.status,
            reason=delivery.reason,
            replayed=delivery.replayed,
        )
