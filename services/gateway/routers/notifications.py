"""/v1/notifications (send and the delivery ledger), /v1/templates, client consent, and
marking inbox messages read."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from clientflow.notifications.v1 import notifications_pb2 as pb
from fastapi import APIRouter, Path, Query, Response
from google.protobuf import json_format
from google.protobuf.message import Message
from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.gateway.deps import RATE_LIMITED, PreviewActor, Services
from services.gateway.schemas import ConsentIn, ConsentOut, consent_out

router = APIRouter(tags=["notifications"])

Channel = Literal["email", "sms", "wecom"]
Category = Literal["service", "marketing"]
Locale = Literal["zh-CN", "en"]
Status = Literal["accepted", "deferred", "sending", "retrying", "sent", "failed", "suppressed"]
# The list also takes "in_doubt": failed deliveries nobody could settle after a crash.
ListStatus = Literal[
    "accepted", "deferred", "sending", "retrying", "sent", "failed", "suppressed", "in_doubt"
]
TEMPLATE_KEY = r"^[a-z0-9][a-z0-9._-]{0,99}$"
Variables = dict[str, Any]


def _dict(message: Message) -> dict[str, Any]:
    data: dict[str, Any] = json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    return data


def _struct(values: dict[str, Any], target: Any) -> None:
    json_format.ParseDict(values, target)


# -- sending and the ledger -------------------------------------------------------------


class AddressIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: Literal["email", "sms", "wecom", "webhook"]
    value: str = Field(min_length=1, max_length=320)
    name: str = Field("", max_length=300)
    locale: Locale | None = None
    timezone: str | None = Field(None, max_length=64, description="IANA zone for quiet hours")


class SendIn(BaseModel):
    """Exactly one of client_id, user_id (in-app) and address."""

    model_config = ConfigDict(extra="forbid")
    idempotency_key: str = Field(min_length=1, max_length=200)
    client_id: uuid.UUID | None = None
    user_id: str | None = Field(None, min_length=1, max_length=64)
    address: AddressIn | None = None
    template_key: str = Field(pattern=TEMPLATE_KEY)
    variables: Variables = Field(default_factory=dict)
    category: Category | None = None
    priority: Literal["normal", "urgent"] = "normal"
    channel: Channel | None = Field(None, description="force one channel for a client")
    attachment_artifact_ids: list[uuid.UUID] = Field(default_factory=list, max_length=10)
    workflow_id: str = Field("", max_length=300)

    @model_validator(mode="after")
    def _one_recipient(self) -> SendIn:
        given = [n for n in ("client_id", "user_id", "address") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError("set exactly one of client_id, user_id and address")
        return self


class AttemptOut(BaseModel):
    number: int
    outcome: str
    provider_response: str
    started_at: datetime | None
    duration_ms: int


class DeliveryOut(BaseModel):
    id: uuid.UUID
    idempotency_key: str
    status: Status
    reason: str
    channel: str
    recipient: str
    client_id: uuid.UUID | None
    user_id: str | None
    workflow_id: str | None
    template_key: str
    template_version: int
    locale: str
    category: str
    priority: str
    subject: str
    attempt_count: int
    next_attempt_at: datetime | None
    created_at: datetime | None
    updated_at: datetime | None
    sent_at: datetime | None
    provider_message_id: str
    attachment_artifact_ids: list[str]
    attempts: list[AttemptOut]
    replayed: bool


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    next_page_token: str | None


def delivery_out(message: pb.Delivery) -> DeliveryOut:
    data = _dict(message)
    for name in ("client_id", "user_id", "workflow_id"):
        data[name] = data.get(name) or None
    for name in ("next_attempt_at", "created_at", "updated_at", "sent_at"):
        data.setdefault(name, None)
    for attempt in data["attempts"]:
        attempt.setdefault("started_at", None)
    return DeliveryOut.model_validate(data)


@router.post(
    "/v1/notifications",
    response_model=DeliveryOut,
    responses={
        404: {"description": "Client (within your scope) or template not found"},
        409: {"description": "The idempotency key was used for a different message"},
    },
)
async def send(body: SendIn, services: Services) -> DeliveryOut:
    """Send a templated message. The same idempotency key always yields the same single
    delivery (`replayed` is true on repeats). The answer's status may be sent, deferred
    (quiet hours), retrying, suppressed (consent, frequency cap) or failed."""
    request = pb.SendRequest(
        idempotency_key=body.idempotency_key,
        template_key=body.template_key,
        category=body.category or "",
        priority=body.priority,
        channel=body.channel or "",
        attachment_artifact_ids=[str(a) for a in body.attachment_artifact_ids],
        workflow_id=body.workflow_id,
    )
    _struct(body.variables, request.variables)
    if body.client_id is not None:
        request.client_id = str(body.client_id)
    elif body.user_id is not None:
        request.user_id = body.user_id
    elif body.address is not None:
        request.address.CopyFrom(
            pb.Address(
                channel=body.address.channel,
                value=body.address.value,
                name=body.address.name,
                locale=body.address.locale or "",
                timezone=body.address.timezone or "",
            )
        )
    reply = await services.notifications.Send(request)
    return delivery_out(reply)


async def _page(
    services: Services,
    *,
    client_id: uuid.UUID | None,
    workflow_id: str,
    status: str,
    page_size: int,
    page_token: str,
) -> DeliveryPage:
    reply = await services.notifications.ListDeliveries(
        pb.ListDeliveriesRequest(
            client_id=str(client_id) if client_id else "",
            workflow_id=workflow_id,
            status=status,
            page_size=page_size,
            page_token=page_token,
        ),
    )
    return DeliveryPage(
        items=[delivery_out(d) for d in reply.deliveries],
        next_page_token=reply.next_page_token or None,
    )


@router.get("/v1/notifications", response_model=DeliveryPage)
async def list_deliveries(
    services: Services,
    client_id: uuid.UUID | None = None,
    workflow_id: str = Query("", max_length=300),
    status: ListStatus | None = None,
    page_size: int = Query(50, ge=1, le=200),
    page_token: str = Query("", max_length=500),
) -> DeliveryPage:
    """The delivery ledger, newest first: by client (anyone who sees the client), or across
    all clients by process and status (admins and managers)."""
    return await _page(
        services,
        client_id=client_id,
        workflow_id=workflow_id,
        status=status or "",
        page_size=page_size,
        page_token=page_token,
    )


@router.get("/v1/notifications/dead-letters", response_model=DeliveryPage)
async def dead_letters(
    services: Services,
    page_size: int = Query(50, ge=1, le=200),
    page_token: str = Query("", max_length=500),
) -> DeliveryPage:
    """Failed deliveries (permanent failures, exhausted retries, sends in doubt after a
    crash) for an operator to inspect and retry."""
    return await _page(
        services,
        client_id=None,
        workflow_id="",
        status="failed",
        page_size=page_size,
        page_token=page_token,
    )


@router.get("/v1/notifications/{delivery_id}", response_model=DeliveryOut)
async def get_delivery(delivery_id: uuid.UUID, services: Services) -> DeliveryOut:
    """One delivery with every attempt and the provider's answers."""
    reply = await services.notifications.GetDelivery(pb.GetDeliveryRequest(id=str(delivery_id)))
    return delivery_out(reply)


class RetryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # The recipient may get an in-doubt message twice; say you accept that.
    accept_duplicate_risk: bool = False


@router.post(
    "/v1/notifications/{delivery_id}/retry",
    response_model=DeliveryOut,
    responses={
        409: {
            "description": "Only failed deliveries can be retried; an in-doubt one only with"
            " accept_duplicate_risk"
        }
    },
)
async def retry_delivery(
    delivery_id: uuid.UUID, services: Services, body: RetryIn | None = None
) -> DeliveryOut:
    """Send a failed delivery again (admins and managers); a new round of attempts. A
    delivery in doubt (cut off by a crash where the provider cannot be asked) may already
    have arrived: sending it anyway needs `{"accept_duplicate_risk": true}`, and the
    decision is kept in its history."""
    reply = await services.notifications.RetryDelivery(
        pb.RetryDeliveryRequest(
            id=str(delivery_id),
            accept_duplicate_risk=bool(body and body.accept_duplicate_risk),
        )
    )
    return delivery_out(reply)


# -- templates --------------------------------------------------------------------------


class TemplateContentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject: str = Field(min_length=1, max_length=1000)
    body_text: str = Field(min_length=1, max_length=100_000)
    body_html: str = Field("", max_length=100_000)


class TemplateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    content: TemplateContentIn
    category: Category = "service"
    sample_variables: Variables = Field(default_factory=dict)


class TemplateOut(BaseModel):
    key: str
    locale: str
    version: int
    content: TemplateContentIn
    category: str
    sample_variables: Variables
    created_by: str
    created_at: datetime | None


class TemplateSetOut(BaseModel):
    key: str
    locales: list[TemplateOut]


class TemplateList(BaseModel):
    items: list[TemplateSetOut]


class TemplatePreviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    locale: Locale = "zh-CN"
    variables: Variables | None = Field(None, description="omit to use the sample variables")


class DraftPreviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    locale: Locale = "zh-CN"
    content: TemplateContentIn
    variables: Variables = Field(default_factory=dict)


class RenderedOut(BaseModel):
    key: str
    locale: str
    version: int
    subject: str
    body_text: str
    body_html: str


def _template_out(message: pb.Template) -> TemplateOut:
    data = _dict(message)
    data.setdefault("created_at", None)
    return TemplateOut.model_validate(data)


def _set_out(message: pb.TemplateSet) -> TemplateSetOut:
    return TemplateSetOut(key=message.key, locales=[_template_out(t) for t in message.locales])


@router.get("/v1/templates", response_model=TemplateList, tags=["templates"])
async def list_templates(services: Services) -> TemplateList:
    """Every live template with its latest version per locale."""
    reply = await services.notifications.ListTemplates(pb.ListTemplatesRequest())
    return TemplateList(items=[_set_out(t) for t in reply.templates])


@router.post(
    "/v1/templates/preview", response_model=RenderedOut, tags=["templates"], responses=RATE_LIMITED
)
async def preview_draft(
    body: DraftPreviewIn, actor: PreviewActor, services: Services
) -> RenderedOut:
    """Render an unsaved template with variables (a missing variable is named)."""
    request = pb.PreviewTemplateRequest(
        locale=body.locale, draft=pb.TemplateContent(**body.content.model_dump())
    )
    _struct(body.variables, request.variables)
    reply = await services.notifications.PreviewTemplate(request)
    return RenderedOut.model_validate(_dict(reply))


@router.get("/v1/templates/{key}", response_model=TemplateSetOut, tags=["templates"])
async def get_template(services: Services, key: str = Path(pattern=TEMPLATE_KEY)) -> TemplateSetOut:
    """The latest version of each locale of a template."""
    reply = await services.notifications.GetTemplate(pb.GetTemplateRequest(key=key))
    return _set_out(reply)


@router.put(
    "/v1/templates/{key}/{locale}",
    response_model=TemplateOut,
    responses={403: {"description": "Admins only"}},
    tags=["templates"],
)
async def put_template(
    body: TemplateIn,
    services: Services,
    locale: Locale,
    key: str = Path(pattern=TEMPLATE_KEY),
) -> TemplateOut:
    """Save a new version of a template in one locale (admin). Jinja2 syntax, checked now;
    sample variables, when given, must render it."""
    request = pb.PutTemplateRequest(
        key=key,
        locale=locale,
        content=pb.TemplateContent(**body.content.model_dump()),
        category=body.category,
    )
    _struct(body.sample_variables, request.sample_variables)
    reply = await services.notifications.PutTemplate(request)
    return _template_out(reply)


@router.delete(
    "/v1/templates/{key}",
    status_code=204,
    responses={403: {"description": "Admins only"}},
    tags=["templates"],
)
async def delete_template(services: Services, key: str = Path(pattern=TEMPLATE_KEY)) -> Response:
    """Retire a template (admin); the ledger keeps naming the versions it sent."""
    await services.notifications.DeleteTemplate(pb.DeleteTemplateRequest(key=key))
    return Response(status_code=204)


@router.post(
    "/v1/templates/{key}/preview",
    response_model=RenderedOut,
    tags=["templates"],
    responses=RATE_LIMITED,
)
async def preview_template(
    body: TemplatePreviewIn,
    actor: PreviewActor,
    services: Services,
    key: str = Path(pattern=TEMPLATE_KEY),
) -> RenderedOut:
    """Render a stored template (locale fallback applies) with variables or its samples."""
    request = pb.PreviewTemplateRequest(key=key, locale=body.locale)
    if body.variables is not None:
        _struct(body.variables, request.variables)
    reply = await services.notifications.PreviewTemplate(request)
    return RenderedOut.model_validate(_dict(reply))


# -- consent ----------------------------------------------------------------------------


@router.get("/v1/clients/{client_id}/consent", response_model=ConsentOut, tags=["consent"])
async def get_consent(client_id: uuid.UUID, services: Services) -> ConsentOut:
    """The client's recorded choices; anything not listed is allowed."""
    reply = await services.notifications.GetConsent(pb.GetConsentRequest(client_id=str(client_id)))
    return consent_out(reply)


@router.put("/v1/clients/{client_id}/consent", response_model=ConsentOut, tags=["consent"])
async def set_consent(client_id: uuid.UUID, body: ConsentIn, services: Services) -> ConsentOut:
    """Record opt-outs (or opt-ins again) per channel for marketing. Service messages about
    the client's own accounts cannot be refused."""
    request = pb.SetConsentRequest(
        client_id=str(client_id),
        channels=[pb.ChannelConsent(**c.model_dump()) for c in body.channels],
    )
    reply = await services.notifications.SetConsent(request)
    return consent_out(reply)
