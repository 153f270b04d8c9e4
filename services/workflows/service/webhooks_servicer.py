"""The WebhooksService over gRPC (see webhooks.py and webhook_dispatch.py)."""

from __future__ import annotations

from typing import TypeAlias

import grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc

from services.common.db import current_session
from services.common.errors import InvalidArgument
from services.common.internal_auth import current_actor
from services.common.protos import ts, when
from services.workflows.service.webhook_models import Subscription, WebhookDelivery
from services.workflows.service.webhooks import SecretBox, Subscriptions, WebhookSettings

Ctx: TypeAlias = grpc.aio.ServicerContext


def subscription_to_proto(
    s: Subscription, secret: str = "", counts: dict[str, int] | None = None
) -> workflows_pb2.Subscription:
    counts = counts or {}
    return workflows_pb2.Subscription(
        id=str(s.id),
        url=s.url,
        event_types=list(s.event_types),
        description=s.description,
        enabled=s.enabled,
        secret=secret,
        previous_secret_until=ts(s.previous_until),
        created_by=s.created_by,
        created_at=ts(s.created_at),
        pending=counts.get("pending", 0),
        dead=counts.get("dead", 0),
    )


def delivery_to_proto(d: WebhookDelivery) -> workflows_pb2.WebhookDelivery:
    return workflows_pb2.WebhookDelivery(
        id=d.id,
        subscription_id=str(d.subscription_id),
        event_id=d.event_id,
        event_type=d.event_type,
        client_id=d.client_id,
        status=d.status,
        attempts=d.attempts,
        next_attempt_at=ts(d.next_attempt_at),
        last_error=d.last_error,
        last_status=d.last_status or 0,
        delivered_at=ts(d.delivered_at),
        created_at=ts(d.created_at),
    )


class WebhooksServicer(workflows_pb2_grpc.WebhooksServiceServicer):
    def __init__(self, box: SecretBox, settings: WebhookSettings) -> None:
        self.box, self.settings = box, settings

    def _service(self) -> Subscriptions:
        return Subscriptions(current_session(), self.box, self.settings)

    async def CreateSubscription(
        self, request: workflows_pb2.SubscriptionSpec, context: Ctx
    ) -> workflows_pb2.Subscription:
        made, secret = await self._service().create(
            current_actor(), request.url, list(request.event_types), request.description
        )
        return subscription_to_proto(made, secret)

    async def ListSubscriptions(
        self, request: workflows_pb2.ListSubscriptionsRequest, context: Ctx
    ) -> workflows_pb2.ListSubscriptionsResponse:
        listed = await self._service().listed(current_actor())
        return workflows_pb2.ListSubscriptionsResponse(
            subscriptions=[subscription_to_proto(s, counts=c) for s, c in listed]
        )

    async def UpdateSubscription(
        self, request: workflows_pb2.UpdateSubscriptionRequest, context: Ctx
    ) -> workflows_pb2.Subscription:
        changes = {
            "enabled": request.enabled if request.HasField("enabled") else None,
            "url": request.url if request.HasField("url") else None,
            "description": request.description if request.HasField("description") else None,
            "event_types": list(request.event_types),
        }
        return subscription_to_proto(
            await self._service().update(current_actor(), request.id, changes)
        )

    async def RotateSubscriptionSecret(
        self, request: workflows_pb2.RotateSubscriptionSecretRequest, context: Ctx
    ) -> workflows_pb2.Subscription:
        rotated, secret = await self._service().rotate(
            current_actor(), request.id, request.overlap_hours
        )
        return subscription_to_proto(rotated, secret)

    async def ListWebhookDeliveries(
        self, request: workflows_pb2.ListWebhookDeliveriesRequest, context: Ctx
    ) -> workflows_pb2.ListWebhookDeliveriesResponse:
        found = await self._service().deliveries(
            current_actor(), request.subscription_id, request.status, request.page_size or 100
        )
        return workflows_pb2.ListWebhookDeliveriesResponse(
            deliveries=[delivery_to_proto(d) for d in found]
        )

    async def ReplaySubscription(
        self, request: workflows_pb2.ReplaySubscriptionRequest, context: Ctx
    ) -> workflows_pb2.ReplaySubscriptionResponse:
        since = when(request, "since")
        if since is None:
            raise InvalidArgument("since", "", "is required")
        enqueued = await self._service().replay(current_actor(), request.id, since)
        return workflows_pb2.ReplaySubscriptionResponse(enqueued=enqueued)

    async def RetryWebhookDelivery(
        self, request: workflows_pb2.RetryWebhookDeliveryRequest, context: Ctx
    ) -> workflows_pb2.WebhookDelivery:
        return delivery_to_proto(
            await self._service().retry(
                current_actor(), request.subscription_id, request.delivery_id
            )
        )
