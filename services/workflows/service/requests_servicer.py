"""gRPC adapter of the requests: messages in and out of `requests.py`."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

import grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct
from temporalio.client import Client

from services.common.db import current_session
from services.common.grpc_client import ServiceClients
from services.common.internal_auth import current_actor
from services.common.protos import when
from services.workflows.contract import RequestPlan
from services.workflows.service.automation.pending import record_event
from services.workflows.service.models import (
    RequestAttachment,
    RequestMessage,
    RequestNote,
    RequestType,
    ServiceRequest as Row,
)
from services.workflows.service.request_projection import Projection
from services.workflows.service.request_type_store import RequestTypes
from services.workflows.service.request_types import RequestTypeDef
from services.workflows.service.requests import RequestService
from services.workflows.service.surveys import Campaign, Campaigns, Surveys
from services.workflows.settings import ProcessDefaults


def _struct(value: dict[str, object]) -> Struct:
    message = Struct()
    message.update(json.loads(json.dumps(value, default=str)))
    return message


def _stamp(message: object, name: str, value: datetime | None) -> None:
    if value is not None:
        getattr(message, name).FromDatetime(value)


def type_to_proto(row: RequestType) -> workflows_pb2.RequestType:
    message = workflows_pb2.RequestType(
        key=row.key,
        version=row.version,
        definition=_struct(row.definition),
        built_in=row.built_in,
        retired=row.retired,
        updated_by=row.updated_by,
    )
    _stamp(message, "updated_at", row.updated_at)
    return message


def request_to_proto(row: Row, names: tuple[str, str] = ("", "")) -> workflows_pb2.ServiceRequest:
    message = workflows_pb2.ServiceRequest(
        id=str(row.id),
        workflow_id=row.workflow_id,
        type=row.type_key,
        type_version=row.type_version,
        client_id=row.client_id,
        advisor_id=row.advisor_id,
        team_id=row.team_id,
        subject=row.subject,
        fields=_struct(row.fields or {}),
        channel=row.channel,
        created_by=row.created_by,
        status=row.status,
        current_step=row.current_step,
        round=row.round,
        csat_score=row.csat_score,
        progress=_struct(row.progress or {}),
        type_name_zh=names[0],
        type_name_en=names[1],
    )
    for name in ("due_at", "opened_at", "first_response_at", "resolved_at", "closed_at"):
        _stamp(message, name, getattr(row, name))
    return message


def note_to_proto(row: RequestNote | RequestMessage) -> workflows_pb2.RequestNote:
    message = workflows_pb2.RequestNote(
        id=str(row.id),
        request_id=str(row.request_id),
        author=row.author,
        author_kind=getattr(row, "author_kind", "staff"),
        body=row.body,
    )
    _stamp(message, "created_at", row.created_at)
    return message


def attachment_to_proto(row: RequestAttachment) -> workflows_pb2.RequestAttachment:
    message = workflows_pb2.RequestAttachment(
        id=str(row.id),
        request_id=str(row.request_id),
        artifact_id=str(row.artifact_id),
        filename=row.filename,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        author=row.author,
        author_kind=row.author_kind,
    )
    _stamp(message, "created_at", row.created_at)
    return message


def _instant(value: str) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class SurveysMixin:
    """The survey RPCs of RequestsService."""

    surveys: Surveys

    async def AnswerSurvey(
        self, request: workflows_pb2.AnswerSurveyRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.AnswerSurveyResponse:
        link = await self.surveys.answer(
            current_actor(), request.link_token, request.score, request.comment
        )
        # workflow ids are {kind}/{client id}/...
        client_id = link.workflow_id.split("/")[1] if link.workflow_id.count("/") >= 2 else ""
        await record_event(
            current_session(),
            event_id=f"surveys/{link.workflow_id}/{link.survey}/{link.round}",
            event_type="survey.answered",
            client_id=client_id,
            payload={
                "survey": link.survey,
                "workflow_id": link.workflow_id,
                "score": request.score,
                "detractor": link.survey == "nps" and request.score <= 6,
            },
        )
        return workflows_pb2.AnswerSurveyResponse(survey=link.survey, score=request.score)

    async def DescribeSurvey(
        self, request: workflows_pb2.DescribeSurveyRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.DescribeSurveyResponse:
        link, open_now, zh, en = await self.surveys.describe(current_actor(), request.link_token)
        return workflows_pb2.DescribeSurveyResponse(
            survey=link.survey, open=open_now, request_name_zh=zh, request_name_en=en
        )

    async def StartNpsSurveys(
        self, request: workflows_pb2.StartNpsSurveysRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.StartNpsSurveysResponse:
        scanned, started, skipped, token = await self.surveys.start_nps_page(
            current_actor(),
            segment_id=request.segment_id,
            campaign=request.campaign,
            min_days_between=request.min_days_between,
            page_token=request.page_token,
        )
        return workflows_pb2.StartNpsSurveysResponse(
            scanned=scanned, started=started, skipped_recent=skipped, next_page_token=token
        )


def campaign_to_proto(campaign: Campaign) -> workflows_pb2.NpsCampaign:
    message = workflows_pb2.NpsCampaign(
        key=campaign.key,
        segment_id=campaign.segment_id,
        every_days=campaign.every_days,
        min_days_between=campaign.min_days_between,
        paused=campaign.paused,
    )
    _stamp(message, "next_run_at", campaign.next_run_at)
    return message


class CampaignsMixin:
    """The NPS campaign RPCs of RequestsService."""

    campaigns: Campaigns

    async def PutNpsCampaign(
        self, request: workflows_pb2.NpsCampaign, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.NpsCampaign:
        campaign = await self.campaigns.put(
            current_actor(),
            Campaign(
                key=request.key,
                segment_id=request.segment_id,
                every_days=request.every_days,
                min_days_between=request.min_days_between,
            ),
        )
        return campaign_to_proto(campaign)

    async def ListNpsCampaigns(
        self, request: workflows_pb2.ListNpsCampaignsRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListNpsCampaignsResponse:
        found = await self.campaigns.list(current_actor())
        return workflows_pb2.ListNpsCampaignsResponse(
            campaigns=[campaign_to_proto(c) for c in found]
        )

    async def DeleteNpsCampaign(
        self, request: workflows_pb2.DeleteNpsCampaignRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.NpsCampaign:
        return campaign_to_proto(await self.campaigns.delete(current_actor(), request.key))


class RequestsServicer(SurveysMixin, CampaignsMixin, workflows_pb2_grpc.RequestsServiceServicer):
    def __init__(
        self,
        temporal: Client,
        services: ServiceClients,
        task_queue: str,
        defaults: ProcessDefaults,
    ) -> None:
        self.temporal = temporal
        self.services = services
        self.task_queue = task_queue
        self.defaults = defaults
        self._names: dict[tuple[str, int], tuple[str, str]] = {}
        self.campaigns = Campaigns(temporal, services.clients, task_queue)
        self.surveys = Surveys(temporal, services.clients, task_queue=task_queue, defaults=defaults)
        self._seeded = False

    async def _ready(self) -> None:
        """The built-in types, written once per process before the first use."""
        if not self._seeded:
            session = current_session()
            await RequestTypes(session).ensure_built_ins()
            await session.commit()  # kept even if this call then fails
            self._seeded = True

    def _service(self) -> RequestService:
        return RequestService(
            current_session(),
            self.temporal,
            self.services.clients,
            task_queue=self.task_queue,
            defaults=self.defaults,
            reporting=self.services.reporting,
        )

    async def _out(self, row: Row) -> workflows_pb2.ServiceRequest:
        key = (row.type_key, row.type_version)
        if key not in self._names:
            found = await RequestTypes(current_session()).at(*key)
            if found is not None:
                names = RequestTypeDef.model_validate(found.definition).names
                self._names[key] = (names.zh, names.en)
        return request_to_proto(row, self._names.get(key, (row.type_key, row.type_key)))

    async def PutRequestType(
        self, request: workflows_pb2.RequestType, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.RequestType:
        await self._ready()
        row = await RequestTypes(current_session()).put(
            current_actor(),
            request.key,
            json_format.MessageToDict(request.definition),
            retired=request.retired,
        )
        return type_to_proto(row)

    async def ListRequestTypes(
        self, request: workflows_pb2.ListRequestTypesRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListRequestTypesResponse:
        await self._ready()
        current_actor()
        rows = await RequestTypes(current_session()).all_latest(request.include_retired)
        return workflows_pb2.ListRequestTypesResponse(types=[type_to_proto(r) for r in rows])

    async def CreateRequest(
        self, request: workflows_pb2.CreateRequestRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ServiceRequest:
        await self._ready()
        row = await self._service().create(
            current_actor(),
            client_id=request.client_id,
            type_key=request.type,
            subject=request.subject,
            fields=json_format.MessageToDict(request.fields),
            request_id=request.request_id,
            filed_at=when(request, "filed_at"),
        )
        return await self._out(row)

    async def ListRequests(
        self, request: workflows_pb2.ListRequestsRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListRequestsResponse:
        rows, token = await self._service().page(
            current_actor(),
            client_id=request.client_id,
            status=request.status,
            type_key=request.type,
            size=request.page_size,
            token=request.page_token,
        )
        return workflows_pb2.ListRequestsResponse(
            requests=[await self._out(row) for row in rows], next_page_token=token
        )

    async def GetRequest(
        self, request: workflows_pb2.GetRequestRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ServiceRequest:
        return await self._out(await self._service().get(current_actor(), request.id))

    async def AddInternalNote(
        self, request: workflows_pb2.AddNoteRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.RequestNote:
        note = await self._service().add_note(current_actor(), request.request_id, request.body)
        return note_to_proto(note)

    async def ListInternalNotes(
        self, request: workflows_pb2.GetRequestRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListRequestNotesResponse:
        notes = await self._service().notes(current_actor(), request.id)
        return workflows_pb2.ListRequestNotesResponse(notes=[note_to_proto(n) for n in notes])

    async def AddClientMessage(
        self, request: workflows_pb2.AddNoteRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.RequestNote:
        message = await self._service().add_message(
            current_actor(), request.request_id, request.body
        )
        return note_to_proto(message)

    async def ListClientMessages(
        self, request: workflows_pb2.GetRequestRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListRequestNotesResponse:
        messages = await self._service().messages(current_actor(), request.id)
        return workflows_pb2.ListRequestNotesResponse(notes=[note_to_proto(m) for m in messages])

    async def AddAttachment(
        self, request: workflows_pb2.AddAttachmentRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.RequestAttachment:
        row = await self._service().attach(
            current_actor(), request.request_id, request.filename, request.content
        )
        return attachment_to_proto(row)

    async def ListAttachments(
        self, request: workflows_pb2.GetRequestRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ListAttachmentsResponse:
        rows = await self._service().attachments(current_actor(), request.id)
        return workflows_pb2.ListAttachmentsResponse(
            attachments=[attachment_to_proto(r) for r in rows]
        )

    async def ActOnRequest(
        self, request: workflows_pb2.ActOnRequestRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ServiceRequest:
        row = await self._service().act(
            current_actor(),
            request.id,
            request.action,
            reason=request.reason,
            accepted=request.accepted,
            score=request.score,
            comment=request.comment,
        )
        return await self._out(row)

    async def OpenRequest(
        self, request: workflows_pb2.OpenRequestRequest, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.OpenRequestResponse:
        await self._ready()
        opening = json_format.MessageToDict(request, preserving_proto_field_name=True)
        for name in workflows_pb2.OpenRequestRequest.DESCRIPTOR.fields_by_name:
            opening.setdefault(name, "")
        plan: RequestPlan = await self._service().open(current_actor(), opening)
        return workflows_pb2.OpenRequestResponse(plan_json=json.dumps(_plain(plan)))

    async def ProjectRequest(
        self, request: workflows_pb2.RequestProjection, context: grpc.aio.ServicerContext
    ) -> workflows_pb2.ServiceRequest:
        try:
            progress = json.loads(request.progress_json or "{}")
        except ValueError:
            progress = {}
        row = await self._service().project(
            current_actor(),
            Projection(
                request_id=request.request_id,
                workflow_id=request.workflow_id,
                status=request.status,
                current_step=request.current_step,
                due_at=_instant(request.due_at),
                resolution=request.resolution,
                first_response_at=_instant(request.first_response_at),
                resolved_at=_instant(request.resolved_at),
                closed_at=_instant(request.closed_at),
                round=request.round,
                csat_score=request.csat_score,
                revision=request.revision,
                progress=progress if isinstance(progress, dict) else {},
            ),
        )
        return await self._out(row)


def _plain(plan: RequestPlan) -> dict[str, object]:
    return asdict(plan)
