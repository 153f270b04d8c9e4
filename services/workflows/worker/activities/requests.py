"""Activities of client requests: register a request and read its plan, write its
projection, apply an approved contact change to the client record (as the request, so the
audit trail names it), record a CSAT answer (once per invitation)."""

from __future__ import annotations

import json

from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf.field_mask_pb2 import FieldMask
from temporalio import activity

from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.workflows.contract import CONTACT_FIELDS, RequestPlan, RequestStep
from services.workflows.worker.activities.types import (
    APPLY_CONTACT_CHANGE,
    OPEN_REQUEST,
    PROJECT_REQUEST,
    RECORD_RATING,
    ContactChange,
    ContactChangeResult,
    RatingRecord,
    RequestOpening,
    RequestState,
)


def plan_from_json(raw: str) -> RequestPlan:
    data = json.loads(raw)
    steps = tuple(
        RequestStep(**{**step, "outcomes": tuple(step["outcomes"]), "form": tuple(step["form"])})
        for step in data.pop("steps")
    )
    return RequestPlan(**data, steps=steps)


class RequestActivities:
    def __init__(
        self,
        requests: workflows_pb2_grpc.RequestsServiceStub,
        clients: clients_pb2_grpc.ClientsServiceStub,
        reporting: reporting_pb2_grpc.ReportingServiceStub,
    ) -> None:
        self.requests = requests
        self.clients = clients
        self.reporting = reporting

    @activity.defn(name=OPEN_REQUEST)
    async def open_request(self, opening: RequestOpening) -> RequestPlan:
        reply = await self.requests.OpenRequest(
            workflows_pb2.OpenRequestRequest(
                request_id=opening.request_id,
                workflow_id=opening.workflow_id,
                client_id=opening.client_id,
                type=opening.type_key,
                subject=opening.subject,
                fields_json=opening.fields_json,
                channel=opening.channel,
                created_by=opening.created_by,
                tier=opening.tier,
                advisor_id=opening.advisor_id,
                team_id=opening.team_id,
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=30,
        )
        return plan_from_json(reply.plan_json)

    @activity.defn(name=PROJECT_REQUEST)
    async def project_request(self, state: RequestState) -> None:
        await self.requests.ProjectRequest(
            workflows_pb2.RequestProjection(
                request_id=state.request_id,
                workflow_id=state.workflow_id,
                status=state.status,
                current_step=state.current_step,
                due_at=state.due_at,
                resolution=state.resolution,
                first_response_at=state.first_response_at,
                resolved_at=state.resolved_at,
                closed_at=state.closed_at,
                round=state.round,
                csat_score=state.csat_score,
                revision=state.revision,
                progress_json=state.progress_json,
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=30,
        )

    @activity.defn(name=APPLY_CONTACT_CHANGE)
    async def apply_contact_change(self, change: ContactChange) -> ContactChangeResult:
        fields = json.loads(change.fields_json or "{}")
        values = {
            k: str(v) for k, v in fields.items() if k in CONTACT_FIELDS and v not in ("", None)
        }
        if not values:
            return ContactChangeResult(())
        # The audit trail records the change as made by the request.
        actor = Actor(user_id=f"request:{change.request_id}"[:64], roles=frozenset({Role.SERVICE}))
        fields_message = clients_pb2.ClientFields()
        for name, value in values.items():
            setattr(fields_message, name, value)
        await self.clients.UpdateClient(
            clients_pb2.UpdateClientRequest(
                id=change.client_id,
                fields=fields_message,
                update_mask=FieldMask(paths=sorted(values)),
            ),
            metadata=actor.to_metadata(),
            timeout=30,
        )
        return ContactChangeResult(tuple(sorted(values)))

    @activity.defn(name=RECORD_RATING)
    async def record_rating(self, record: RatingRecord) -> None:
        await self.reporting.RecordSurveyAnswer(
            reporting_pb2.RecordSurveyAnswerRequest(
                client_id=record.client_id,
                score=record.score,
                comment=record.comment,
                channel=record.channel,
                survey=record.survey,
                invitation_id=record.invitation_id,
                request_type=record.request_type,
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=30,
        )
