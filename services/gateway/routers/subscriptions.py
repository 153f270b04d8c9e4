"""/v1/subscriptions: other systems subscribe to events (admins). Deliveries are signed per the
Standard Webhooks specification, in order per client, retried with backoff, dead-lettered
after the last attempt, replayable from a point in time (the workflows service's
`webhooks.py` and `webhook_dispatch.py`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Path, Query
from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import BaseModel, ConfigDict, Field

from services.common.protos import when
from services.gateway.deps import Services

router = APIRouter(tags=["subscriptions"])
ADMINS: dict[int | str, dict[str, str]] = {
    403: {"description": "Admins only"},
    404: {"description": "No such subscription"},
}
EventType = Annotated[str, Field(min_length=1, max_length=100)]


class SubscriptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(min_length=1, max_length=2000)
    event_types: list[EventType] = Field(min_length=1, max_length=50)
    description: str = Field("", max_length=200)


class SubscriptionPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str | None = Field(None, min_length=1, max_length=2000)
    event_types: list[EventType] | None = Field(None, min_length=1, max_length=50)
    description: str | None = Field(None, max_length=200)
    enabled: bool | None = None


class SubscriptionOut(BaseModel):
    id: uuid.UUID
    url: str
    event_types: list[str]
    description: str
    enabled: bool
    secret: str | None = Field(
        None, description="whsec_…: shown once, when made or rotated; verify signatures with it"
    )
    previous_secret_until: datetime | None
    created_by: str
    created_at: datetime | None
    pending: int
    dead: int


class RotateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    overlap_hours: int = Field(24, ge=0, le=168)


class ReplayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    since: datetime


class ReplayOut(BaseModel):
    enqueued: int


class WebhookDeliveryOut(BaseModel):
    id: int
    event_id: str
    event_type: str
    client_id: str
    status: Literal["pending", "delivered", "dead"]
    attempts: int
    next_attempt_at: datetime | None
    last_error: str
    last_status: int | None
    delivered_at: datetime | None
    created_at: datetime | None


def _out(m: workflows_pb2.Subscription) -> SubscriptionOut:
    return SubscriptionOut(
        id=uuid.UUID(m.id),
        url=m.url,
        event_types=list(m.event_types),
        description=m.description,
        enabled=m.enabled,
        secret=m.secret or None,
        previous_secret_until=when(m, "previous_secret_until"),
        created_by=m.created_by,
        created_at=when(m, "created_at"),
        pending=m.pending,
        dead=m.dead,
    )


def _delivery(d: workflows_pb2.WebhookDelivery) -> WebhookDeliveryOut:
    return WebhookDeliveryOut(
        id=d.id,
        event_id=d.event_id,
        event_type=d.event_type,
        client_id=d.client_id,
        status=d.status,
        attempts=d.attempts,
        next_attempt_at=when(d, "next_attempt_at"),
        last_error=d.last_error,
        last_status=d.last_status or None,
        delivered_at=when(d, "delivered_at"),
        created_at=when(d, "created_at"),
    )


@router.post("/v1/subscriptions", status_code=201, response_model=SubscriptionOut, responses=ADMINS)
async def create(body: SubscriptionIn, services: Services) -> SubscriptionOut:
    """Subscribe a URL to event types (`client.changed`, `transaction.recorded`, … or `*`).
    The answer carries the signing secret, once."""
    reply = await services.webhooks.CreateSubscription(
        workflows_pb2.SubscriptionSpec(
            url=body.url, event_types=body.event_types, description=body.description
        )
    )
    return _out(reply)


@router.get("/v1/subscriptions", response_model=list[SubscriptionOut], responses=ADMINS)
async def listed(services: Services) -> list[SubscriptionOut]:
    reply = await services.webhooks.ListSubscriptions(workflows_pb2.ListSubscriptionsRequest())
    return [_out(s) for s in reply.subscriptions]


@router.patch(
    "/v1/subscriptions/{subscription_id}", response_model=SubscriptionOut, responses=ADMINS
)
async def update(
    subscription_id: uuid.UUID, body: SubscriptionPatch, services: Services
) -> SubscriptionOut:
    """Change the URL, the event types or the description, or pause (`enabled: false`:
    events are still queued for it) and resume."""
    request = workflows_pb2.UpdateSubscriptionRequest(
        id=str(subscription_id), event_types=body.event_types or []
    )
    for name in ("url", "description", "enabled"):
        value = getattr(body, name)
        if value is not None:
            setattr(request, name, value)
    return _out(await services.webhooks.UpdateSubscription(request))


@router.post(
    "/v1/subscriptions/{subscription_id}/rotate-secret",
    response_model=SubscriptionOut,
    responses=ADMINS,
)
async def rotate(subscription_id: uuid.UUID, body: RotateIn, services: Services) -> SubscriptionOut:
    """A new secret, shown once; the previous one keeps signing beside it (two signatures
    in `webhook-signature`) for `overlap_hours`, so the subscriber can switch over."""
    reply = await services.webhooks.RotateSubscriptionSecret(
        workflows_pb2.RotateSubscriptionSecretRequest(
            id=str(subscription_id), overlap_hours=body.overlap_hours
        )
    )
    return _out(reply)


@router.get(
    "/v1/subscriptions/{subscription_id}/deliveries",
    response_model=list[WebhookDeliveryOut],
    responses=ADMINS,
)
async def deliveries(
    subscription_id: uuid.UUID,
    services: Services,
    status: Literal["pending", "delivered", "dead"] | None = None,
    page_size: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[WebhookDeliveryOut]:
    """Newest first; `status=dead` is the dead-letter view."""
    reply = await services.webhooks.ListWebhookDeliveries(
        workflows_pb2.ListWebhookDeliveriesRequest(
            subscription_id=str(subscription_id), status=status or "", page_size=page_size
        )
    )
    return [_delivery(d) for d in reply.deliveries]


@router.post(
    "/v1/subscriptions/{subscription_id}/replay", response_model=ReplayOut, responses=ADMINS
)
async def replay(subscription_id: uuid.UUID, body: ReplayIn, services: Services) -> ReplayOut:
    """Deliver again every stored event of the subscription's types received since `since`
    (at most 10,000; receivers recognise repeats by `webhook-id`)."""
    since = Timestamp()
    since.FromDatetime(body.since)
    reply = await services.webhooks.ReplaySubscription(
        workflows_pb2.ReplaySubscriptionRequest(id=str(subscription_id), since=since)
    )
    return ReplayOut(enqueued=reply.enqueued)


@router.post(
    "/v1/subscriptions/{subscription_id}/deliveries/{delivery_id}/retry",
    response_model=WebhookDeliveryOut,
    responses=ADMINS,
)
async def retry(
    subscription_id: uuid.UUID,
    services: Services,
    delivery_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
) -> WebhookDeliveryOut:
    """A dead delivery gets a new round of attempts."""
    reply = await services.webhooks.RetryWebhookDelivery(
        workflows_pb2.RetryWebhookDeliveryRequest(
            subscription_id=str(subscription_id), delivery_id=delivery_id
        )
    )
    return _delivery(reply)
