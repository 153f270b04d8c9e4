"""Delivering subscribed events: a background loop of the workflows service.

Each turn claims due pending deliveries — per subscription at most `webhook_per_subscriber`,
and for each (subscription, client) only the oldest pending one, so a client's events reach a
subscriber in the order they were stored — by moving their next attempt a lease ahead, then
POSTs them outside any transaction, `webhook_concurrency` at a time. A 2xx marks a delivery
delivered; anything else (or no answer within the timeout) schedules the next attempt with
exponential backoff, and after the last attempt the delivery is dead (listed, retried by an
admin, or replayed). A worker that dies mid-POST leaves the lease to expire: the delivery is
sent again, with the same `webhook-id` (the event's id) for the receiver to recognise.

The request follows the Standard Webhooks specification (the `standardwebhooks` package):
headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256>`;
during a rotation's overlap, one signature per secret), and a JSON body
`{"type", "timestamp", "data": {"event_id", "client_id", "occurred_at", "payload"}}`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from opentelemetry.instrumentation.utils import suppress_instrumentation
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from standardwebhooks import Webhook

from services.workflows.service.webhooks import SecretBox, WebhookSettings, _public, resolve

log = logging.getLogger(__name__)
LEASE = timedelta(seconds=120)
MAX_BODY = 256 * 1024

CLAIM = text(
    """
UPDATE workflows.webhook_deliveries d
SET attempts = d.attempts + 1, next_attempt_at = now() + :lease
FROM (
    SELECT picked.id FROM workflows.webhook_subscriptions s
    CROSS JOIN LATERAL (
        SELECT p.id FROM workflows.webhook_deliveries p
        WHERE p.subscription_id = s.id AND p.status = 'pending' AND p.next_attempt_at <= now()
          AND NOT EXISTS (
            SELECT 1 FROM workflows.webhook_deliveries q
            WHERE q.subscription_id = p.subscription_id AND q.client_id = p.client_id
              AND q.status = 'pending' AND q.id < p.id)
        ORDER BY p.id LIMIT :per
        FOR UPDATE OF p SKIP LOCKED
    ) picked
    WHERE s.enabled
    LIMIT :most
) due
WHERE d.id = due.id
RETURNING d.id, d.subscription_id, d.event_id, d.attempts
"""
)
DETAILS = text(
    """
SELECT s.id, s.url, s.secret, s.previous_secret, s.previous_until
FROM workflows.webhook_subscriptions s WHERE s.id = ANY(:ids)
"""
)
EVENTS = text(
    """
SELECT event_id, type, client_id, occurred_at, payload FROM workflows.events
WHERE event_id = ANY(:ids)
"""
)
DONE = text(
    """
UPDATE workflows.webhook_deliveries SET status = 'delivered', delivered_at = now(),
    next_attempt_at = NULL, last_status = :code, last_error = ''
WHERE id = :id
"""
)
FAILED = text(
    """
UPDATE workflows.webhook_deliveries SET status = :status, next_attempt_at = :next,
    last_status = :code, last_error = :error
WHERE id = :id
"""
)


@dataclass(frozen=True)
class Claimed:
    id: int
    subscription_id: uuid.UUID
    event_id: str
    attempts: int


class Dispatcher:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        box: SecretBox,
        settings: WebhookSettings,
        *,
        interval_seconds: float = 0.5,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.sessions, self.box, self.settings = sessions, box, settings
        self.interval = interval_seconds
        self.http = httpx.AsyncClient(
            timeout=settings.webhook_timeout_seconds,
            follow_redirects=False,
            transport=transport,
            headers={"user-agent": "Clientflow-Webhooks/1"},
        )
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()

    def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.create_task(self._loop(), name="webhook-dispatcher")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.http.aclose()

    async def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                sent = await self.run_once()
            except Exception:  # the database away: try again on the next turn
                log.exception("webhook dispatch failed; retrying")
                sent = 0
            if not sent:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), timeout=self.interval)

    async def run_once(self) -> int:
        """One turn: claim what is due and deliver it; how many were attempted."""
        with suppress_instrumentation():  # an idle poll makes no spans
            async with self.sessions() as session, session.begin():
                rows = await session.execute(
                    CLAIM,
                    {
                        "lease": LEASE,
                        "per": self.settings.webhook_per_subscriber,
                        "most": self.settings.webhook_concurrency,
                    },
                )
                claimed = [Claimed(*row) for row in rows]
        if not claimed:
            return 0
        async with self.sessions() as session, session.begin():
            subscriptions = {
                row[0]: row
                for row in await session.execute(
                    DETAILS, {"ids": list({c.subscription_id for c in claimed})}
                )
            }
            events = {
                row[0]: row
                for row in await session.execute(EVENTS, {"ids": [c.event_id for c in claimed]})
            }
        outcomes = await asyncio.gather(
            *(
                self._deliver(c, subscriptions.get(c.subscription_id), events.get(c.event_id))
                for c in claimed
            )
        )
        async with self.sessions() as session, session.begin():
            for claim, (code, error) in zip(claimed, outcomes, strict=True):
                if error is None:
                    await session.execute(DONE, {"id": claim.id, "code": code})
                    continue
                dead = claim.attempts >= self.settings.webhook_max_attempts
                await session.execute(
                    FAILED,
                    {
                        "id": claim.id,
                        "status": "dead" if dead else "pending",
                        "next": None if dead else datetime.now(UTC) + self._backoff(claim.attempts),
                        "code": code,
                        "error": error[:500],
                    },
                )
        return len(claimed)

    def _backoff(self, attempts: int) -> timedelta:
        seconds = min(self.settings.webhook_retry_base_seconds * 2 ** (attempts - 1), 3600.0)
        return timedelta(seconds=seconds * random.uniform(0.8, 1.2))

    async def _deliver(
        self, claim: Claimed, subscription: Any, event: Any
    ) -> tuple[int | None, str | None]:
        """(HTTP status, None) when delivered; (status or None, why) when not."""
        if subscription is None or event is None:
            return None, "the subscription or the event is gone"
        _id, url, sealed, previous, previous_until = subscription
        event_id, event_type, client_id, occurred_at, payload = event
        now = datetime.now(UTC)
        body = json.dumps(
            {
                "type": event_type,
                "timestamp": now.isoformat(),
                "data": {
                    "event_id": event_id,
                    "client_id": client_id,
                    "occurred_at": occurred_at.isoformat(),
                    "payload": payload,
                },
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        if len(body) > MAX_BODY:
            return None, f"the event is larger than {MAX_BODY} bytes"
        keys = [self.box.open(sealed)]
        if previous and previous_until and previous_until > now:
            keys.append(self.box.open(previous))
        signature = " ".join(Webhook(key).sign(event_id, now, body) for key in keys)
        if not self.settings.webhook_allow_private and not await _resolves_public(url):
            return None, "the URL no longer resolves to public addresses"
        try:
            answer = await self.http.post(
                url,
                content=body,
                headers={
                    "content-type": "application/json",
                    "webhook-id": event_id,
                    "webhook-timestamp": str(int(now.timestamp())),
                    "webhook-signature": signature,
                },
            )
        except httpx.HTTPError as error:
            return None, f"{type(error).__name__}: {error}"[:500]
        if 200 <= answer.status_code < 300:
            return answer.status_code, None
        return answer.status_code, f"HTTP {answer.status_code}"


async def _resolves_public(url: str) -> bool:
    """Checked again at each delivery: a name may resolve elsewhere since it was registered."""
    parts = urlsplit(url)
    found = await resolve(parts.hostname or "", parts.port or 443)
    return bool(found) and all(_public(address) for address in found or ())
