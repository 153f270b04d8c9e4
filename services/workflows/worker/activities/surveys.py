"""Activities of surveys: send an invitation with a signed answer link (signed here, in the
worker, which holds the deployment's internal secret; the process only names itself), and
run one page of an NPS campaign through the workflows service."""

from __future__ import annotations

import json

from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from temporalio import activity

from services.common.identity import SYSTEM_ACTOR
from services.common.survey_links import sign
from services.workflows.worker.activities.types import (
    INVITE_TO_SURVEY,
    START_NPS_PAGE,
    NotificationOutcome,
    NpsPage,
    NpsPageResult,
    SurveyInvitation,
)


class SurveyActivities:
    def __init__(
        self,
        notifications: notifications_pb2_grpc.NotificationsServiceStub,
        requests: workflows_pb2_grpc.RequestsServiceStub,
        *,
        secret: str,
        portal_url: str,
    ) -> None:
        self.notifications = notifications
        self.requests = requests
        self.secret = secret
        self.portal_url = portal_url.rstrip("/")

    @activity.defn(name=INVITE_TO_SURVEY)
    async def invite(self, invitation: SurveyInvitation) -> NotificationOutcome:
        token = sign(
            self.secret,
            invitation.workflow_id,
            invitation.survey,
            invitation.round,
            invitation.answer_days,
        )
        variables = Struct()
        variables.update(
            {
                **json.loads(invitation.variables_json or "{}"),
                "link": f"{self.portal_url}/portal/survey/{token}",
            }
        )
        delivery = await self.notifications.Send(
            notifications_pb2.SendRequest(
                idempotency_key=invitation.idempotency_key,
                client_id=invitation.client_id,
                template_key=invitation.template_key,
                variables=variables,
                workflow_id=invitation.workflow_id,
                category=invitation.category,
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

    @activity.defn(name=START_NPS_PAGE)
    async def start_nps_page(self, page: NpsPage) -> NpsPageResult:
        reply = await self.requests.StartNpsSurveys(
            workflows_pb2.StartNpsSurveysRequest(
                segment_id=page.segment_id,
                campaign=page.campaign,
                min_days_between=page.min_days_between,
                page_token=page.page_token,
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=240,
        )
        return NpsPageResult(
            reply.scanned, reply.started, reply.skipped_recent, reply.next_page_token
        )
