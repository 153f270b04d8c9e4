"""SMS, WeCom and generic webhooks through HTTP providers, signed with HMAC-SHA256.

Every request is a JSON POST with three headers:

- ``Idempotency-Key``: the delivery's key; a provider that honours it makes a repeat safe.
- ``X-Clientflow-Timestamp``: Unix seconds when it was signed.
- ``X-Clientflow-Signature``: ``v1=`` + hex HMAC-SHA256 over ``"{timestamp}.{body}"`` with
  the channel's secret. Receivers check it with :func:`verify_signature` (constant-time,
  with a tolerance on the timestamp so a captured request cannot be replayed later).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, ClassVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, SecretStr

from services.notifications.channels.base import (
    Channel,
    Found,
    OutboundMessage,
    PermanentFailure,
    ProviderReceipt,
    TransientFailure,
)

SIGNATURE_HEADER = "X-Clientflow-Signature"
TIMESTAMP_HEADER = "X-Clientflow-Timestamp"
TRANSIENT_STATUSES = frozenset({408, 425, 429})


class HttpProviderConfig(BaseModel):
    url: str
    secret: SecretStr
    timeout_seconds: float = 10.0
    # The provider drops a repeated Idempotency-Key (most SMS gateways do; say so here).
    dedupes_by_key: bool = True
    # Where the provider says whether it has a message: `{key}` is replaced by the
    # Idempotency-Key it was given; 200 = it has it, 404 = it does not.
    lookup_url: str | None = None


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify_signature(
    secret: str,
    body: bytes,
    timestamp: str,
    signature: str,
    *,
    tolerance_seconds: int = 300,
    now: float | None = None,
) -> bool:
    """What a receiver runs: right secret, untampered body, recent timestamp."""
    try:
        stamp = int(timestamp)
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - stamp) > tolerance_seconds:
        return False
    return hmac.compare_digest(sign(secret, stamp, body), signature)


class HttpProviderChannel(Channel[HttpProviderConfig]):
    """Base of the HTTP channels; subclasses shape the JSON payload."""

    name: ClassVar[str] = "webhook"

    def __init__(self, config: HttpProviderConfig) -> None:
        super().__init__(config)
        self.client = httpx.AsyncClient(timeout=config.timeout_seconds)

    @property
    def safe_to_repeat(self) -> bool:
        return self.config.dedupes_by_key

    @property
    def can_look_up(self) -> bool:
        return self.config.lookup_url is not None

    async def lookup(self, idempotency_key: str) -> Found | None:
        if self.config.lookup_url is None:
            return None
        url = self.config.lookup_url.replace("{key}", quote(idempotency_key, safe=""))
        stamp = int(time.time())
        headers = {
            TIMESTAMP_HEADER: str(stamp),
            SIGNATURE_HEADER: sign(self.config.secret.get_secret_value(), stamp, b""),
        }
        try:
            response = await self.client.get(url, headers=headers)
        except httpx.HTTPError as error:
            raise TransientFailure(f"lookup: {error.__class__.__name__}: {error}") from None
        if response.status_code == 404:
            return Found(False, detail="the provider's lookup by Idempotency-Key")
        if response.status_code != 200:
            raise TransientFailure(f"lookup: HTTP {response.status_code}")
        provider_id = ""
        try:
            data = response.json()
            if isinstance(data, dict):
                provider_id = str(data.get("id") or data.get("message_id") or "")
        except ValueError:
            pass
        return Found(True, provider_id, "the provider's lookup by Idempotency-Key")

    def payload(self, message: OutboundMessage) -> dict[str, Any]:
        return {
            "id": message.delivery_id,
            "idempotency_key": message.idempotency_key,
            "channel": self.name,
            "to": message.recipient,
            "name": message.recipient_name,
            "subject": message.subject,
            "text": message.body_text,
            "locale": message.locale,
            "category": message.category,
            "client_id": message.client_id,
            "workflow_id": message.workflow_id,
        }

    async def send(self, message: OutboundMessage) -> ProviderReceipt:
        body = json.dumps(self.payload(message), ensure_ascii=False, sort_keys=True).encode()
        stamp = int(time.time())
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": message.idempotency_key,
            TIMESTAMP_HEADER: str(stamp),
            SIGNATURE_HEADER: sign(self.config.secret.get_secret_value(), stamp, body),
        }
        try:
            response = await self.client.post(self.config.url, content=body, headers=headers)
        except httpx.HTTPError as error:
            raise TransientFailure(f"{error.__class__.__name__}: {error}") from None
        text = response.text[:500]
        if response.status_code >= 500 or response.status_code in TRANSIENT_STATUSES:
            raise TransientFailure(f"HTTP {response.status_code}: {text}")
        if response.status_code >= 400:
            raise PermanentFailure(f"HTTP {response.status_code}: {text}")
        provider_id = ""
        try:
            data = response.json()
            if isinstance(data, dict):
                provider_id = str(data.get("id") or data.get("message_id") or "")
        except ValueError:
            pass
        return ProviderReceipt(message_id=provider_id, response=f"HTTP {response.status_code}")

    async def close(self) -> None:
        await self.client.aclose()


class SmsChannel(HttpProviderChannel):
    name: ClassVar[str] = "sms"

    def payload(self, message: OutboundMessage) -> dict[str, Any]:
        data = super().payload(message)
        # A text message has no subject: the plain body is the message.
        data.pop("subject")
        return data


class WeComChannel(HttpProviderChannel):
    name: ClassVar[str] = "wecom"


class WebhookChannel(HttpProviderChannel):
    name: ClassVar[str] = "webhook"
