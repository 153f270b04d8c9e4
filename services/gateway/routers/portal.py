"""/v1/portal: what a client reaches from the client portal, with a portal session (never a
staff token): sign-in by a one-time code or link sent to the address on their record, their
own requests with the client-safe progress and the conversation (never the internal notes),
filing, confirming, rating and reopening a request, their reports, their consent.

Sign-in is the one place without a session: asking for a code answers 202 whatever the
address (nothing tells whether it is a client's), at most a few an hour per address (the
clients service) and per network address (here); redeeming answers 401 for anything but a
valid, unused, unexpired code or link."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from clientflow.clients.v1 import clients_pb2
from clientflow.notifications.v1 import notifications_pb2
from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct
from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.common.errors import Unauthenticated
from services.common.grpc_client import ServiceClients
from services.common.identity import Actor, Role
from services.common.protos import when
from services.gateway.deadlines import DEADLINES, POINT
from services.gateway.deps import service_clients
from services.gateway.limits import RateLimiter
from services.gateway.portal_auth import CurrentClient, PortalTokens
from services.gateway.schemas import (
    AttachmentOut,
    ClientProgressOut,
    attach_upload,
    progress_of,
    request_attachments,
    struct,
)
from services.gateway.settings import GatewaySettings

router = APIRouter(tags=["portal"])

# The gateway's own identity towards the services for sign-in (issuing codes, sending them).
PORTAL_SYSTEM = Actor(user_id="system:portal", roles=frozenset({Role.SERVICE}))
# A client record always has a zone; this is what the clients service gives one by default.
CLIENT_TIMEZONE = "Asia/Shanghai"
MISSING: dict[int | str, dict[str, Any]] = {404: {"description": "No such request of yours"}}


async def client_services(request: Request, client: CurrentClient) -> ServiceClients:
    """Stubs acting as the signed-in client."""
    return service_clients(request).acting_as(client, DEADLINES, default_deadline=POINT)


PortalServices = Annotated[ServiceClients, Depends(client_services)]


# -- sign-in --------------------------------------------------------------------------


class SignInIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: str = Field(min_length=3, max_length=254, description="E-mail or phone on record")


class SignInAccepted(BaseModel):
    accepted: bool = True
    expires_in_minutes: int
    detail: str


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    link_token: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=254)
    code: str | None = Field(None, max_length=12)

    @model_validator(mode="after")
    def _one_way(self) -> SessionIn:
        if not self.link_token and not (self.address and self.code):
            raise ValueError("give link_token, or address and code")
        return self


class SessionOut(BaseModel):
    token: str
    expires_at: datetime
    client_id: str
    name: str
    locale: str
    timezone: str = Field(description="The client's time zone (IANA): show times in it")


def _throttle(request: Request) -> None:
    limiter: RateLimiter = request.app.state.rate_limiter
    host = request.client.host if request.client else "unknown"
    wait = limiter.take(f"ip:{host}", "portal-sign-in")
    if wait:
        raise HTTPException(
            429,
            f"too many sign-in attempts from this network; try again in {wait} s",
            headers={"Retry-After": str(int(wait))},
        )


@router.post(
    "/v1/portal/sign-in",
    response_model=SignInAccepted,
    status_code=202,
    responses={429: {"description": "Too many attempts from this network"}},
)
async def start_sign_in(body: SignInIn, request: Request) -> SignInAccepted:
    """Send a one-time code and link to this address if it is a client's. The answer is the
    same whether or not it is."""
    _throttle(request)
    services = service_clients(request)
    settings: GatewaySettings = request.app.state.settings
    system = PORTAL_SYSTEM.to_metadata()
    issued = await services.portal_sign_in.StartSignIn(
        clients_pb2.StartSignInRequest(address=body.address), metadata=system, timeout=POINT
    )
    minutes = 15
    if issued.client_id:
        variables = Struct()
        variables.update(
            {
                "code": issued.code,
                "link": f"{settings.portal_url.rstrip('/')}/portal/link/{issued.link_token}",
                "minutes": minutes,
            }
        )
        await services.notifications.Send(
            notifications_pb2.SendRequest(
                idempotency_key=f"portal-sign-in/{issued.sign_in_id}",
                client_id=issued.client_id,
                channel=issued.channel,
                template_key="portal-sign-in",
                variables=variables,
                category="service",
                priority="urgent",
            ),
            metadata=system,
            timeout=DEADLINES["Send"],
        )
    return SignInAccepted(
        expires_in_minutes=minutes,
        detail="If this address is on a client's record, a code and a link are on their way.",
    )


@router.post(
    "/v1/portal/session",
    response_model=SessionOut,
    responses={
        401: {"description": "The link or code is not valid, used or expired"},
        429: {"description": "Too many attempts from this network"},
    },
)
async def open_session(body: SessionIn, request: Request) -> SessionOut:
    """Exchange a one-time link or code for a portal session."""
    _throttle(request)
    services = service_clients(request)
    settings: GatewaySettings = request.app.state.settings
    reply = await services.portal_sign_in.RedeemSignIn(
        clients_pb2.RedeemSignInRequest(
            link_token=body.link_token or "", address=body.address or "", code=body.code or ""
        ),
        metadata=PORTAL_SYSTEM.to_metadata(),
        timeout=POINT,
    )
    if not reply.client_id:
        raise Unauthenticated("the sign-in link or code is not valid (or has expired)")
    tokens: PortalTokens = request.app.state.portal_tokens
    token, expires = tokens.mint(reply.client_id, settings.portal_session_minutes)
    return SessionOut(
        token=token,
        expires_at=datetime.fromtimestamp(expires, UTC),
        client_id=reply.client_id,
        name=reply.name,
        locale=reply.locale or "zh-CN",
        timezone=reply.timezone or CLIENT_TIMEZONE,
    )


# -- the client's own ----------------------------------------------------------------


class MeOut(BaseModel):
    client_id: str
    name: str
    locale: str
    timezone: str


@router.get("/v1/portal/me", response_model=MeOut)
async def portal_me(client: CurrentClient, request: Request) -> MeOut:
    reply = await service_clients(request).clients.GetClient(
        clients_pb2.GetClientRequest(id=client.client_id or ""),
        metadata=PORTAL_SYSTEM.to_metadata(),
        timeout=POINT,
    )
    return MeOut(
        client_id=reply.id,
        name=reply.name,
        locale=reply.locale or "zh-CN",
        timezone=reply.timezone or CLIENT_TIMEZONE,
    )


class PortalFieldOut(BaseModel):
    name: str
    kind: str
    required: bool
    options: list[str]
    labels: dict[str, str]


class PortalTypeOut(BaseModel):
    key: str
    names: dict[str, str]
    fields: list[PortalFieldOut]
    complaint: bool


@router.get("/v1/portal/request-types", response_model=list[PortalTypeOut])
async def request_types(services: PortalServices) -> list[PortalTypeOut]:
    """What a client may file, with the form of each."""
    reply = await services.requests.ListRequestTypes(workflows_pb2.ListRequestTypesRequest())
    out = []
    for item in reply.types:
        definition = json_format.MessageToDict(item.definition)
        out.append(
            PortalTypeOut(
                key=item.key,
                names=definition.get("names", {}),
                fields=[
                    PortalFieldOut(
                        name=f["name"],
                        kind=f.get("kind", "text"),
                        required=bool(f.get("required", False)),
                        options=list(f.get("options", [])),
                        labels=f.get("labels", {}),
                    )
                    for f in definition.get("fields", [])
                ],
                complaint=definition.get("effect") == "complaint",
            )
        )
    return out


class PortalRequestOut(BaseModel):
    """A request as its client sees it: no staff, no internal steps, no notes."""

    id: uuid.UUID
    type: str
    type_names: dict[str, str]
    subject: str
    fields: dict[str, Any]
    status: str
    opened_at: datetime | None
    resolved_at: datetime | None
    expected_by: str
    round: int
    progress: ClientProgressOut
    reopen_until: str = ""
    rating_open: bool = False
    rated: bool = False
    awaiting_confirmation: bool = False
    document_id: str = Field(
        "", description="A document request's answer: /v1/portal/reports/{id}/content"
    )


def portal_request_out(m: workflows_pb2.ServiceRequest) -> PortalRequestOut:
    raw = json_format.MessageToDict(m.progress)
    progress = progress_of(m)
    return PortalRequestOut(
        id=uuid.UUID(m.id),
        type=m.type,
        type_names={"zh-CN": m.type_name_zh, "en": m.type_name_en},
        subject=m.subject,
        fields=json_format.MessageToDict(m.fields),
        status=m.status,
        opened_at=when(m, "opened_at"),
        resolved_at=when(m, "resolved_at"),
        expected_by=progress.expected_by,
        round=m.round,
        progress=progress,
        reopen_until=str(raw.get("reopen_until", "")),
        rating_open=bool(raw.get("rating_open", False)),
        rated=bool(raw.get("rated", False)),
        awaiting_confirmation=m.status == "awaiting_client",
        document_id=str(raw.get("artifact_id", ""))[:64],
    )


class PortalRequestPage(BaseModel):
    items: list[PortalRequestOut]
    next_page_token: str | None


class PortalRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str = Field(min_length=1, max_length=64)
    subject: str = Field("", max_length=200)
    fields: dict[str, Any] = Field(default_factory=dict)
    request_id: uuid.UUID | None = None


@router.get("/v1/portal/requests", response_model=PortalRequestPage)
async def my_requests(
    services: PortalServices,
    status: Literal["open", "resolved", "closed"] | None = None,
    page_token: str = "",
) -> PortalRequestPage:
    reply = await services.requests.ListRequests(
        workflows_pb2.ListRequestsRequest(
            status=status or "", page_size=50, page_token=page_token[:500]
        )
    )
    return PortalRequestPage(
        items=[portal_request_out(r) for r in reply.requests],
        next_page_token=reply.next_page_token or None,
    )


@router.post("/v1/portal/requests", response_model=PortalRequestOut, status_code=201)
async def file_request(
    body: PortalRequestIn, services: PortalServices, client: CurrentClient
) -> PortalRequestOut:
    """File a request: its fields are checked against the type (400 naming the field)."""
    reply = await services.requests.CreateRequest(
        workflows_pb2.CreateRequestRequest(
            client_id=client.client_id or "",
            type=body.type,
            subject=body.subject,
            fields=struct(body.fields),
            request_id=str(body.request_id) if body.request_id else "",
        )
    )
    return portal_request_out(reply)


@router.get("/v1/portal/requests/{request_id}", response_model=PortalRequestOut, responses=MISSING)
async def my_request(request_id: uuid.UUID, services: PortalServices) -> PortalRequestOut:
    reply = await services.requests.GetRequest(workflows_pb2.GetRequestRequest(id=str(request_id)))
    return portal_request_out(reply)


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1, max_length=4000)


class MessageOut(BaseModel):
    id: uuid.UUID
    from_client: bool
    body: str
    created_at: datetime | None


@router.get(
    "/v1/portal/requests/{request_id}/messages", response_model=list[MessageOut], responses=MISSING
)
async def my_messages(request_id: uuid.UUID, services: PortalServices) -> list[MessageOut]:
    reply = await services.requests.ListClientMessages(
        workflows_pb2.GetRequestRequest(id=str(request_id))
    )
    return [
        MessageOut(
            id=uuid.UUID(m.id),
            from_client=m.author_kind == "client",
            body=m.body,
            created_at=when(m, "created_at"),
        )
        for m in reply.notes
    ]


@router.post(
    "/v1/portal/requests/{request_id}/messages",
    response_model=MessageOut,
    status_code=201,
    responses=MISSING,
)
async def write_message(
    request_id: uuid.UUID, body: MessageIn, services: PortalServices
) -> MessageOut:
    m = await services.requests.AddClientMessage(
        workflows_pb2.AddNoteRequest(request_id=str(request_id), body=body.body)
    )
    return MessageOut(
        id=uuid.UUID(m.id), from_client=True, body=m.body, created_at=when(m, "created_at")
    )


@router.get(
    "/v1/portal/requests/{request_id}/attachments",
    response_model=list[AttachmentOut],
    responses=MISSING,
)
async def my_attachments(request_id: uuid.UUID, services: PortalServices) -> list[AttachmentOut]:
    return await request_attachments(services.requests, request_id)


@router.post(
    "/v1/portal/requests/{request_id}/attachments",
    response_model=AttachmentOut,
    status_code=201,
    responses={**MISSING, 413: {"description": "Over 10 MB"}},
)
async def attach(
    request_id: uuid.UUID,
    services: PortalServices,
    file: Annotated[UploadFile, File(description="PDF, PNG or JPEG, at most 10 MB")],
) -> AttachmentOut:
    return await attach_upload(services.requests, request_id, file)


class ReopenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=1000)


class ConfirmIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accepted: bool
    comment: str = Field("", max_length=2000)


class RateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=2000)


ACTED: dict[int | str, dict[str, Any]] = {
    **MISSING,
    409: {"description": "The request does not take this now"},
}


async def _act(services: ServiceClients, request_id: uuid.UUID, **values: Any) -> PortalRequestOut:
    reply = await services.requests.ActOnRequest(
        workflows_pb2.ActOnRequestRequest(id=str(request_id), **values)
    )
    return portal_request_out(reply)


@router.post(
    "/v1/portal/requests/{request_id}/reopen", response_model=PortalRequestOut, responses=ACTED
)
async def reopen(
    request_id: uuid.UUID, body: ReopenIn, services: PortalServices
) -> PortalRequestOut:
    return await _act(services, request_id, action="reopen", reason=body.reason)


@router.post(
    "/v1/portal/requests/{request_id}/confirm", response_model=PortalRequestOut, responses=ACTED
)
async def confirm(
    request_id: uuid.UUID, body: ConfirmIn, services: PortalServices
) -> PortalRequestOut:
    """A complaint's resolution: accept it, or not (it goes back to investigation)."""
    return await _act(
        services, request_id, action="confirm", accepted=body.accepted, comment=body.comment
    )


@router.post(
    "/v1/portal/requests/{request_id}/rate", response_model=PortalRequestOut, responses=ACTED
)
async def rate(request_id: uuid.UUID, body: RateIn, services: PortalServices) -> PortalRequestOut:
    """How satisfied the client is with a resolved request (1-5), once per resolution."""
    return await _act(services, request_id, action="rate", score=body.score, comment=body.comment)
