"""Subscriptions of other systems to events (admins only).

A subscription names a URL and event types (or "*"). The trigger of migration workflows_0012
fans every stored event of those types out to a pending delivery, in the transaction that
stores the event; `webhook_dispatch.py` delivers them. Secrets are made here (`whsec_` and 24
random bytes, the Standard Webhooks form), shown once, and kept encrypted (Fernet, with a key
derived from CLIENTFLOW_WEBHOOK_SECRETS_KEY, else from the deployment's internal secret).
A rotation keeps the previous secret signing beside the new one for an overlap. A URL must be
http(s) and, unless CLIENTFLOW_WEBHOOK_ALLOW_PRIVATE, resolve to public addresses only (no
loopback, private, link-local or reserved ones): the service must not be made to call inside
the firm's network. Every change is kept in `webhook_changes` (who, when, what).
"""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.common import sealing
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.workflows.service.rules import EVENT_TYPE
from services.workflows.service.webhook_models import (
    Subscription,
    SubscriptionChange,
    WebhookDelivery,
)

MAX_TYPES = 50
MAX_REPLAY = 10_000
RESOLVE_SECONDS = 3.0


class WebhookSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLIENTFLOW_", extra="ignore")

    # Key material for the subscribers' secrets at rest; default: the internal secret.
    webhook_secrets_key: SecretStr | None = None
    # Deliver to loopback and private addresses (the dev stack, tests, a subscriber inside
    # the firm's network on purpose).
    webhook_allow_private: bool = False
    webhook_max_attempts: int = Field(12, ge=1, le=50)
    # Attempt n waits base * 2^(n-1) seconds (at most an hour), ±20 %.
    webhook_retry_base_seconds: float = Field(5.0, gt=0, le=3600)
    webhook_timeout_seconds: float = Field(10.0, gt=0, le=60)
    # Deliveries in flight at once, and per subscriber (a slow one cannot take them all).
    webhook_concurrency: int = Field(16, ge=1, le=256)
    webhook_per_subscriber: int = Field(4, ge=1, le=64)


class SecretBox(sealing.SecretBox):
    """The subscribers' secrets, under CLIENTFLOW_WEBHOOK_SECRETS_KEY or the internal secret."""

    def __init__(self, material: str) -> None:
        super().__init__(material, b"clientflow webhook secrets")

    @classmethod
    def from_settings(cls, settings: WebhookSettings) -> SecretBox:
        from services.common.grpc_server import internal_secret_from_environment

        key = settings.webhook_secrets_key
        return cls(key.get_secret_value() if key else internal_secret_from_environment())


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_global and not ip.is_multicast


async def resolve(host: str, port: int) -> list[str] | None:
    """The host's addresses, or None when it does not resolve within RESOLVE_SECONDS (a
    request must not wait on a slow resolver)."""
    try:
        found = await asyncio.wait_for(
            asyncio.get_running_loop().getaddrinfo(host, port), RESOLVE_SECONDS
        )
    except (OSError, TimeoutError, UnicodeError):
        return None
    return [str(info[4][0]) for info in found]


async def check_url(url: str, *, allow_private: bool) -> str:
    """The URL if it is one the service may call; INVALID_ARGUMENT naming why otherwise."""
    if not url or len(url) > 2000:
        raise InvalidArgument("url", url[:80], "must be 1-2000 characters")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidArgument("url", url[:80], "must be an http(s) URL with a host")
    if parts.username or parts.password:
        raise InvalidArgument("url", url[:80], "must not carry credentials")
    if allow_private:
        return url
    found = await resolve(parts.hostname, parts.port or 443)
    if found is None:
        raise InvalidArgument("url", url[:80], "has a host that does not resolve") from None
    if not found or not all(_public(address) for address in found):
        raise InvalidArgument(
            "url", url[:80], "must resolve to public addresses (not loopback or private ones)"
        )
    return url


def _types(raw: list[str]) -> list[str]:
    wanted = sorted({t.strip() for t in raw if t.strip()})
    if not wanted or len(wanted) > MAX_TYPES:
        raise InvalidArgument("event_types", len(wanted), f"must name 1-{MAX_TYPES} event types")
    for name in wanted:
        if name != "*" and (len(name) > 100 or not EVENT_TYPE.match(name)):
            raise InvalidArgument("event_types", name, "must look like client.changed, or be *")
    return wanted


def _require_admin(actor: Actor) -> None:
    if not actor.has(Role.ADMIN):
        raise PermissionDenied("subscriptions are managed by admins")


class Subscriptions:
    def __init__(self, session: AsyncSession, box: SecretBox, settings: WebhookSettings) -> None:
        self.session, self.box, self.settings = session, box, settings

    async def create(
        self, actor: Actor, url: str, event_types: list[str], description: str
    ) -> tuple[Subscription, str]:
        _require_admin(actor)
        if len(description) > 200:
            raise InvalidArgument("description", description[:40], "must be at most 200 characters")
        url = await check_url(url, allow_private=self.settings.webhook_allow_private)
        secret, now = new_secret(), datetime.now(UTC)
        subscription = Subscription(
            id=uuid.uuid4(),
            url=url,
            description=description,
            event_types=_types(event_types),
            secret=self.box.seal(secret),
            enabled=True,
            created_by=actor.user_id,
            created_at=now,
            updated_at=now,
        )
        self.session.add(subscription)
        await self.session.flush()
        self._change(actor, subscription, "create", {"url": url, "types": event_types})
        return subscription, secret

    async def get(self, actor: Actor, subscription_id: str) -> Subscription:
        _require_admin(actor)
        key = parse_id("id", subscription_id, "a subscription id")
        found = await self.session.get(Subscription, key, with_for_update=True)
        if found is None:
            raise NotFound(
                f"subscription {subscription_id} not found", field="id", value=subscription_id
            )
        return found

    async def listed(self, actor: Actor) -> list[tuple[Subscription, dict[str, int]]]:
        _require_admin(actor)
        counts: dict[uuid.UUID, dict[str, int]] = {}
        for sub_id, status, n in await self.session.execute(
            select(WebhookDelivery.subscription_id, WebhookDelivery.status, func.count())
            .where(WebhookDelivery.status.in_(("pending", "dead")))
            .group_by(WebhookDelivery.subscription_id, WebhookDelivery.status)
        ):
            counts.setdefault(sub_id, {})[status] = n
        rows = await self.session.scalars(select(Subscription).order_by(Subscription.created_at))
        return [(s, counts.get(s.id, {})) for s in rows]

    async def update(
        self, actor: Actor, subscription_id: str, changes: dict[str, Any]
    ) -> Subscription:
        subscription = await self.get(actor, subscription_id)
        before: dict[str, Any] = {}
        if changes.get("url") is not None:
            before["url"] = subscription.url
            subscription.url = await check_url(
                changes["url"], allow_private=self.settings.webhook_allow_private
            )
        if changes.get("event_types"):
            before["event_types"] = subscription.event_types
            subscription.event_types = _types(changes["event_types"])
        if changes.get("enabled") is not None:
            before["enabled"] = subscription.enabled
            subscription.enabled = bool(changes["enabled"])
        if changes.get("description") is not None:
            if len(changes["description"]) > 200:
                raise InvalidArgument("description", changes["description"][:40], "is too long")
            before["description"] = subscription.description
            subscription.description = changes["description"]
        subscription.updated_at = datetime.now(UTC)
        self._change(actor, subscription, "update", {k: str(v) for k, v in before.items()})
        return subscription

    async def rotate(
        self, actor: Actor, subscription_id: str, overlap_hours: int
    ) -> tuple[Subscription, str]:
        if not 0 <= overlap_hours <= 168:
            raise InvalidArgument("overlap_hours", overlap_hours, "must be 0-168")
        subscription = await self.get(actor, subscription_id)
        secret, now = new_secret(), datetime.now(UTC)
        subscription.previous_secret = subscription.secret if overlap_hours else None
        subscription.previous_until = (
            now + timedelta(hours=overlap_hours) if overlap_hours else None
        )
        subscription.secret = self.box.seal(secret)
        subscription.updated_at = now
        self._change(actor, subscription, "rotate", {"overlap_hours": overlap_hours})
        return subscription, secret

    async def deliveries(
        self, actor: Actor, subscription_id: str, status: str, limit: int
    ) -> list[WebhookDelivery]:
        subscription = await self.get(actor, subscription_id)
        if status and status not in ("pending", "delivered", "dead"):
            raise InvalidArgument("status", status, "must be pending, delivered or dead")
        if not 1 <= limit <= 500:
            raise InvalidArgument("page_size", limit, "must be 1-500")
        statement = select(WebhookDelivery).where(
            WebhookDelivery.subscription_id == subscription.id
        )
        if status:
            statement = statement.where(WebhookDelivery.status == status)
        return list(
            await self.session.scalars(statement.order_by(WebhookDelivery.id.desc()).limit(limit))
        )

    async def replay(self, actor: Actor, subscription_id: str, since: datetime) -> int:
        """Deliver again the stored events of the subscription's types received since then
        (nothing at all when that is more than MAX_REPLAY: choose a later time)."""
        subscription = await self.get(actor, subscription_id)
        result = await self.session.execute(
            text(
                "INSERT INTO workflows.webhook_deliveries (subscription_id, event_id, event_type,"
                " client_id, status, attempts, next_attempt_at, created_at)"
                " SELECT :id, e.event_id, e.type, e.client_id, 'pending', 0, now(), now()"
                " FROM workflows.events e WHERE e.received_at >= :since"
                " AND (e.type = ANY(:types) OR '*' = ANY(:types))"
                " ORDER BY e.received_at, e.event_id LIMIT :most"
            ),
            {
                "id": subscription.id,
                "since": since,
                "types": subscription.event_types,
                "most": MAX_REPLAY + 1,
            },
        )
        enqueued = result.rowcount or 0  # type: ignore[attr-defined]
        self._change(actor, subscription, "replay", {"since": since.isoformat(), "n": enqueued})
        if enqueued > MAX_REPLAY:
            raise InvalidArgument(
                "since", since.isoformat(), f"would replay more than {MAX_REPLAY} events; later"
            )
        return enqueued

    async def retry(self, actor: Actor, subscription_id: str, delivery_id: int) -> WebhookDelivery:
        subscription = await self.get(actor, subscription_id)
        delivery = await self.session.get(WebhookDelivery, delivery_id, with_for_update=True)
        if delivery is None or delivery.subscription_id != subscription.id:
            raise NotFound(
                f"delivery {delivery_id} not found", field="delivery_id", value=delivery_id
            )
        if delivery.status != "dead":
            raise FailedPrecondition(
                f"delivery {delivery_id} is {delivery.status}; only dead ones are retried",
                field="delivery_id",
                value=delivery_id,
            )
        delivery.status, delivery.attempts = "pending", 0
        delivery.next_attempt_at = datetime.now(UTC)
        self._change(actor, subscription, "retry", {"delivery": delivery_id})
        return delivery

    def _change(
        self, actor: Actor, subscription: Subscription, action: str, changes: dict[str, Any]
    ) -> None:
        self.session.add(
            SubscriptionChange(
                subscription_id=subscription.id,
                actor_id=actor.user_id,
                action=action,
                changes=changes,
                at=datetime.now(UTC),
            )
        )
