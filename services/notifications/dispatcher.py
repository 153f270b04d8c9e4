"""The retry dispatcher: deferred and retrying deliveries when they fall due, and sends a
crashed sender left in `sending`, settled under the key's lock."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from opentelemetry import trace
from opentelemetry.instrumentation.utils import suppress_instrumentation
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.channels.base import Channel, TransientFailure
from services.notifications.ledger import STALE_SENDING, Ledger
from services.notifications.models import Delivery
from services.notifications.providers import Attempts
from services.notifications.repository import DeliveryRepository
from services.notifications.settings import NotificationsSettings

log = logging.getLogger(__name__)
TRACER = trace.get_tracer("clientflow.notifications")

IN_DOUBT = (
    "in_doubt: the service stopped while the provider was being called; it may or may not"
    " have been delivered. Check with the recipient before sending it anyway."
)
# How long a lookup that does not answer is asked again before a person decides.
LOOKUP_PATIENCE = timedelta(hours=1)


class Dispatcher:
    """The background loop, one pass of it, and carrying on with a delivery found under its
    key's lock."""

    def __init__(
        self,
        ledger: Ledger,
        attempts: Attempts,
        channels: dict[str, Channel],  # type: ignore[type-arg]
        settings: NotificationsSettings,
    ) -> None:
        self.ledger = ledger
        self.attempts = attempts
        self.channels = channels
        self.settings = settings
        self._loop: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._loop is None:
            self._loop = asyncio.create_task(self._dispatch_forever(), name="dispatcher")

    async def stop(self) -> None:
        if self._loop is not None:
            self._loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop
            self._loop = None

    async def dispatch_due(self) -> int:
        """One pass: attempt every due deferred/retrying delivery and settle abandoned sends.
        Returns how many were handled here (others may be held by another replica)."""
        now = self.ledger.clock()
        # The poll itself makes no spans (an idle dispatcher would fill the traces with a
        # query a second); each delivery it picks up is one trace of its own.
        with suppress_instrumentation():
            async with self.ledger.session() as session:
                keys = await DeliveryRepository(session).due(
                    now, stale_before=now - STALE_SENDING, limit=100
                )
        handled = 0
        for key in keys:
            with TRACER.start_as_current_span("notifications.dispatch"):
                if await self.ledger.shielded(self._dispatch_one(key)):
                    handled += 1
        return handled

    async def _dispatch_forever(self) -> None:
        while True:
            try:
                await self.dispatch_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("notification dispatcher pass failed")
            await asyncio.sleep(self.settings.dispatch_interval_seconds)

    async def _dispatch_one(self, key: str) -> bool:
        async with self.ledger.key_lock(key, wait=False) as session:
            if session is None:
                return False
            delivery = await DeliveryRepository(session).by_key(key)
            if delivery is None:
                return False
            await self.resume(session, delivery)
            return True

    async def resume(self, session: AsyncSession, delivery: Delivery) -> None:
        """Carry on with a delivery found under the lock: settle an interrupted send, or
        attempt it if it is due."""
        if delivery.status == "sending":
            await self._settle_interrupted(session, delivery)
        elif delivery.status in ("accepted", "deferred", "retrying"):
            due = (
                delivery.next_attempt_at is None or delivery.next_attempt_at <= self.ledger.clock()
            )
            if due:
                await self.attempts.attempt(session, delivery)

    async def _settle_interrupted(self, session: AsyncSession, delivery: Delivery) -> None:
        """The last sender died between calling the provider and recording the answer.
        (In-app deliveries never reach this: their inbox row and `sent` share a transaction.)

        A provider that drops repeated keys is simply called again. One that can be asked
        (the mail server's API by Message-ID, an HTTP provider by key) is asked: it has the
        message → sent; it has not → sent now, once. Only where nobody can say is the
        delivery left `in_doubt` for a person."""
        channel = self.channels.get(delivery.channel)
        if channel is not None and channel.safe_to_repeat:
            await self.attempts.attempt(session, delivery)
            return
        if channel is None or not channel.can_look_up:
            await self.ledger.finish(session, delivery, "failed", IN_DOUBT, "")
            return
        try:
            found = await channel.lookup(delivery.idempotency_key)
        except TransientFailure as error:
            await self._lookup_failed(session, delivery, str(error))
            return
        if found is None:
            await self.ledger.finish(session, delivery, "failed", IN_DOUBT, "")
        elif found.delivered:
            await self.ledger.note(session, delivery, "confirmed", f"delivered, per {found.detail}")
            await self.ledger.finish(
                session,
                delivery,
                "sent",
                f"confirmed: cut off by a restart; {found.detail} shows it was delivered",
                found.message_id,
            )
        else:
            await self.ledger.note(session, delivery, "not_delivered", f"per {found.detail}")
            # Never reached the provider: send it now (this attempt is the only one).
            await self.attempts.attempt(session, delivery)

    async def _lookup_failed(self, session: AsyncSession, delivery: Delivery, error: str) -> None:
        """The provider's lookup did not answer: ask again after STALE_SENDING, and give the
        delivery to a person once LOOKUP_PATIENCE has passed since its attempt was due."""
        due = delivery.next_attempt_at or delivery.created_at
        if self.ledger.clock() - due > LOOKUP_PATIENCE:
            await self.ledger.finish(
                session, delivery, "failed", f"{IN_DOUBT} (the lookup failed: {error})", ""
            )
            return
        log.warning("delivery %s: lookup failed, asking again later: %s", delivery.id, error)
        delivery.updated_at = self.ledger.clock()
        await self.ledger.save(session, delivery)
