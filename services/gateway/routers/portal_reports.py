"""/v1/portal/reports and /v1/portal/consent: a signed-in client's report PDFs (not the files
on their requests, shown with each request) and their communication choices."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated
from urllib.parse import quote

from clientflow.notifications.v1 import notifications_pb2
from clientflow.reporting.v1 import reporting_pb2
from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel

from services.common.protos import when
from services.gateway.deadlines import POINT
from services.gateway.deps import service_clients
from services.gateway.portal_auth import CurrentClient
from services.gateway.routers.portal import MISSING, PORTAL_SYSTEM, PortalServices
from services.gateway.schemas import ConsentIn, ConsentOut, consent_out

router = APIRouter(tags=["portal"])


class ReportOut(BaseModel):
    id: uuid.UUID
    kind: str
    period: str
    size_bytes: int
    created_at: datetime | None


@router.get("/v1/portal/reports", response_model=list[ReportOut])
async def my_reports(services: PortalServices, client: CurrentClient) -> list[ReportOut]:
    reply = await services.reporting.ListClientArtifacts(
        reporting_pb2.ListClientArtifactsRequest(client_id=client.client_id or "", page_size=50)
    )
    return [
        ReportOut(
            id=uuid.UUID(a.id),
            kind=a.kind,
            period=a.period,
            size_bytes=a.size_bytes,
            created_at=when(a, "created_at"),
        )
        for a in reply.artifacts
        if a.kind != "request-attachment"  # files on requests are shown with the request
    ]


@router.get(
    "/v1/portal/reports/{artifact_id}/content",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The file"},
        **MISSING,
    },
)
async def my_report(artifact_id: uuid.UUID, services: PortalServices) -> Response:
    meta = await services.reporting.GetArtifact(
        reporting_pb2.GetArtifactRequest(id=str(artifact_id))
    )
    content = await services.reporting.ReadArtifactContent(
        reporting_pb2.ReadArtifactContentRequest(id=str(artifact_id))
    )
    extension = {"application/pdf": "pdf"}.get(content.content_type, "bin")
    name = f"{meta.kind}-{meta.period or 'file'}.{extension}"
    return Response(
        content=content.content,
        media_type=content.content_type,
        headers={
            "ETag": f'"{meta.sha256}"',
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        },
    )


@router.get("/v1/portal/consent", response_model=ConsentOut)
async def my_consent(services: PortalServices, client: CurrentClient) -> ConsentOut:
    reply = await services.notifications.GetConsent(
        notifications_pb2.GetConsentRequest(client_id=client.client_id or "")
    )
    return consent_out(reply)


@router.put("/v1/portal/consent", response_model=ConsentOut)
async def set_my_consent(
    body: ConsentIn, services: PortalServices, client: CurrentClient
) -> ConsentOut:
    """The client's own choices: marketing per channel (service messages cannot be refused)."""
    reply = await services.notifications.SetConsent(
        notifications_pb2.SetConsentRequest(
            client_id=client.client_id or "",
            channels=[
                notifications_pb2.ChannelConsent(**{**c.model_dump(), "source": "client portal"})
                for c in body.channels
            ],
        )
    )
    return consent_out(reply)


class UnsubscribedOut(BaseModel):
    channel: str
    category: str
    locale: str


@router.post(
    "/v1/unsubscribe/{token}",
    response_model=UnsubscribedOut,
    responses={400: {"description": "Not one of our unsubscribe links"}},
)
async def unsubscribe(
    request: Request, token: Annotated[str, Path(min_length=10, max_length=300)]
) -> UnsubscribedOut:
    """The one-click unsubscribe of a marketing e-mail (RFC 8058): no sign-in, the signed token
    of the e-mail's List-Unsubscribe link names the client, channel and category, and the
    opt-out is recorded in their consent. Service e-mails carry no such link."""
    reply = await service_clients(request).notifications.Unsubscribe(
        notifications_pb2.UnsubscribeRequest(token=token),
        metadata=PORTAL_SYSTEM.to_metadata(),
        timeout=POINT,
    )
    return UnsubscribedOut(channel=reply.channel, category=reply.category, locale=reply.locale)
