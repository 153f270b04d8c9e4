"""Activities of human tasks: write the projection to the workflows service and send in-app
reminders and escalations through the notifications service. Both are idempotent: the
projection by (workflow, task, revision), the messages by their idempotency keys."""

from __future__ import annotations

import json
import logging
from datetime import UTC

import grpc
from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from temporalio import activity

from services.common.errors import ErrorCode
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR
from services.common.protos import set_iso_time
from services.workflows.activities.clients import raise_activity_error
from services.workflows.activities.heartbeat import heartbeating
from services.workflows.activities.types import (
    COMPLETE_DORMANT_SCAN,
    NOTIFY_CLIENT,
    NOTIFY_USER,
    PLAN_DORMANT_SCAN,
    PROJECT_TASK,
    SCAN_DORMANT_PAGE,
    START_ANNUAL_REVIEWS,
    SWEEP_DATES,
    AnnualReviewsPage,
    AnnualReviewsPageRequest,
    ClientNotification,
    DormantPageRequest,
    DormantPageResult,
    DormantScanPlan,
    DormantWindow,
    NotificationOutcome,
    SweepDatesInput,
    SweepDatesResult,
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
        )
        for field in ("due_at", "breached_at", "created_at", "updated_at"):
            set_iso_time(message, field, getattr(projection, field))
        try:
            await self.tasks.ProjectTask(message, metadata=SYSTEM_ACTOR.to_metadata(), timeout=10)
        except grpc.RpcError as error:
            raise_activity_error(error)

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
        try:
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
        except grpc.RpcError as error:
            raise_activity_error(error)
        return NotificationOutcome(
            delivery_id=delivery.id,
            status=delivery.status,
            reason=delivery.reason,
            replayed=delivery.replayed,
        )


def window_to_proto(window: DormantWindow) -> workflows_pb2.DormantWindow:
    message = workflows_pb2.DormantWindow(tier=window.tier, threshold_days=window.threshold_days)
    set_iso_time(message, "since", window.since)
    set_iso_time(message, "until", window.until)
    return message


class TriggerActivities:
    def __init__(self, triggers: workflows_pb2_grpc.TriggersServiceStub) -> None:
        self.triggers = triggers

    @activity.defn(name=SWEEP_DATES)
    async def sweep_dates(self, request: SweepDatesInput) -> SweepDatesResult:
        try:
            reply = await heartbeating(
                self.triggers.SweepDates(
                    workflows_pb2.SweepDatesRequest(
                        day=request.day, catch_up_days=request.catch_up_days
                    ),
                    metadata=SYSTEM_ACTOR.to_metadata(),
                    timeout=25 * 60,
                )
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
            raise
        return SweepDatesResult(
            rules=reply.rules,
            scanned=reply.scanned,
            started=reply.started,
            already_fired=reply.already_fired,
            notified=reply.notified,
            errors=reply.errors,
        )

    @activity.defn(name=PLAN_DORMANT_SCAN)
    async def plan_dormant_scan(self, as_of: str) -> DormantScanPlan:
        request = workflows_pb2.PlanDormantScanRequest()
        set_iso_time(request, "as_of", as_of)
        try:
            reply = await self.triggers.PlanDormantScan(
                request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=30
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        return DormantScanPlan(
            windows=tuple(
                DormantWindow(
                    tier=w.tier,
                    since=w.since.ToDatetime(tzinfo=UTC).isoformat(),
                    until=w.until.ToDatetime(tzinfo=UTC).isoformat(),
                    threshold_days=w.threshold_days,
                )
                for w in reply.windows
            )
        )

    @activity.defn(name=SCAN_DORMANT_PAGE)
    async def scan_dormant_page(self, request: DormantPageRequest) -> DormantPageResult:
        try:
            reply = await heartbeating(
                self.triggers.ScanDormantPage(
                    workflows_pb2.ScanDormantPageRequest(
                        window=window_to_proto(request.window),
                        page_token=request.page_token,
                        page_size=request.page_size,
                    ),
                    metadata=SYSTEM_ACTOR.to_metadata(),
                    timeout=120,
                )
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        return DormantPageResult(
            scanned=reply.scanned,
            started=reply.started,
            already_started=reply.already_started,
            errors=reply.errors,
            next_page_token=reply.next_page_token,
        )

    @activity.defn(name=COMPLETE_DORMANT_SCAN)
    async def complete_dormant_scan(self, plan: DormantScanPlan) -> int:
        try:
            reply = await self.triggers.CompleteDormantScan(
                workflows_pb2.CompleteDormantScanRequest(
                    windows=[window_to_proto(w) for w in plan.windows]
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=30,
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        return int(reply.moved)

    @activity.defn(name=START_ANNUAL_REVIEWS)
    async def start_annual_reviews(self, request: AnnualReviewsPageRequest) -> AnnualReviewsPage:
        try:
            reply = await heartbeating(
                self.triggers.StartAnnualReviews(
                    workflows_pb2.StartAnnualReviewsRequest(
                        year=request.year, page_token=request.page_token
                    ),
                    metadata=SYSTEM_ACTOR.to_metadata(),
                    timeout=300,
                )
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        return AnnualReviewsPage(
            scanned=reply.scanned,
            started=reply.started,
            already_started=reply.already_started,
            errors=reply.errors,
            next_page_token=reply.next_page_token,
        )
