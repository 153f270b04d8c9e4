"""Calling the providers: one attempt of a delivery (SMTP, SMS/WeCom/webhook over HTTP, the
in-app inbox), shielded from the caller's cancellation, recorded in the ledger with its
outcome; the message with its attachments as the provider takes it."""

from __future__ import annotations

import time
from collections import OrderedDict
from datetime import datetime, timedelta

import grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.artifact_store import ArtifactStore, read_artifact
from services.common.errors import (
    InvalidArgument,
    NotFound,
)
from services.common.grpc_errors import from_rpc_error
from services.common.grpc_server import internal_secret_from_environment
from services.common.identity import SYSTEM_ACTOR
from services.notifications.channels.base import (
    Attachment,
    Channel,
    OutboundMessage,
    PermanentFailure,
    TransientFailure,
)
from services.notifications.channels.registry import SETTING_OF
from services.notifications.ledger import Ledger
from services.notifications.models import Delivery, DeliveryAttempt
from services.notifications.policy import backoff
from services.notifications.repository import (
    ConsentRepository,
    InboxRepository,
)
from services.notifications.settings import NotificationsSettings
from services.notifications.unsubscribe import make_token


class Attempts:
    """An attempt: mark sending, call the provider, record what it said."""

    def __init__(
        self,
        ledger: Ledger,
        channels: dict[str, Channel],  # type: ignore[type-arg]
        attachments: Attachments,
        settings: NotificationsSettings,
    ) -> None:
        self.ledger = ledger
        self.channels = channels
        self.attachments = attachments
        self.settings = settings

    async def attempt(
        self, session: AsyncSession, delivery: Delivery, *, marked: bool = False
    ) -> None:
        """One provider call, recorded. The caller holds the key's lock. `marked`: the row
        was committed as `sending` already (a new delivery, inserted that way)."""
        if marked:
            await self._call_provider(session, delivery, delivery.attempt_count)
            return
        if delivery.client_id is not None and delivery.category == "marketing":
            refused = await ConsentRepository(session).opted_out(
                delivery.client_id, delivery.category
            )
            if delivery.channel in refused:
                await self.ledger.finish(
                    session,
                    delivery,
                    "suppressed",
                    f"opted_out: the client refused marketing by {delivery.channel} before"
                    " it was sent",
                    "",
                )
                return
        started = self.ledger.clock()
        number = delivery.attempt_count + 1
        if delivery.channel == "in_app":
            await InboxRepository(session).add_for_delivery(
                delivery.id, delivery.recipient, delivery.subject, delivery.body_text
            )
            delivery.attempt_count = number
            delivery.round_attempts += 1
            attempt = self.ledger.attempt(delivery, number, "sent", "inbox", started, 0.0)
            await self.ledger.finish(session, delivery, "sent", "", "", attempt)
            return
        self.ledger.mark_sending(delivery)
        # From here on a crash leaves "sending" for the next holder of the key.
        await self.ledger.save(session, delivery)
        await self._call_provider(session, delivery, number)

    async def _call_provider(self, session: AsyncSession, delivery: Delivery, number: int) -> None:
        channel = self.channels.get(delivery.channel)
        started = (self.ledger.clock(), time.perf_counter())
        try:
            if channel is None and not delivery.channel:
                raise PermanentFailure(
                    "no_channel: the recipient has no address on any configured channel"
                )
            if channel is None:
                raise PermanentFailure(
                    f"no_channel: channel {delivery.channel} is not configured (set"
                    f" {SETTING_OF.get(delivery.channel, 'its settings')})"
                )
            message = await self._message(delivery)
            receipt = await channel.send(message)
        except TransientFailure as error:
            attempt = self._attempt(delivery, number, "transient_failure", str(error), started)
            if delivery.round_attempts >= self.settings.retry_max_attempts:
                await self.ledger.finish(
                    session,
                    delivery,
                    "failed",
                    f"exhausted: {delivery.round_attempts} attempts; last: {error}",
                    "",
                    attempt,
                )
                return
            delay = backoff(
                delivery.round_attempts,
                base=self.settings.retry_base_seconds,
                cap=self.settings.retry_max_seconds,
            )
            delivery.next_attempt_at = self.ledger.clock() + timedelta(seconds=delay)
            await self.ledger.finish(
                session, delivery, "retrying", f"transient: {error}", "", attempt
            )
            return
        except PermanentFailure as error:
            attempt = self._attempt(delivery, number, "permanent_failure", str(error), started)
            await self.ledger.finish(
                session, delivery, "failed", f"permanent: {error}", "", attempt
            )
            return
        attempt = self._attempt(delivery, number, "sent", receipt.response, started)
        await self.ledger.finish(session, delivery, "sent", "", receipt.message_id, attempt)

    def _attempt(
        self,
        delivery: Delivery,
        number: int,
        outcome: str,
        response: str,
        started: tuple[datetime, float],
    ) -> DeliveryAttempt:
        """The call's row: `started` is its (ledger clock, perf counter) at the start."""
        at, began = started
        elapsed = time.perf_counter() - began
        return self.ledger.attempt(delivery, number, outcome, response, at, elapsed)

    async def _message(self, delivery: Delivery) -> OutboundMessage:
        attachments = tuple([await self.attachments.read(a) for a in delivery.attachment_ids])
        return OutboundMessage(
            delivery_id=str(delivery.id),
            idempotency_key=delivery.idempotency_key,
            channel=delivery.channel,
            recipient=delivery.recipient,
            recipient_name=delivery.recipient_name,
            subject=delivery.subject,
            body_text=delivery.body_text,
            body_html=delivery.body_html,
            locale=delivery.locale,
            category=delivery.category,
            client_id=str(delivery.client_id or ""),
            workflow_id=delivery.workflow_id or "",
            attachments=attachments,
            unsubscribe_url=self._unsubscribe_url(delivery),
        )

    def _unsubscribe_url(self, delivery: Delivery) -> str:
        """Marketing e-mail to a client carries its one-click unsubscribe link."""
        if delivery.category != "marketing" or delivery.channel != "email":
            return ""
        if not delivery.client_id or not self.settings.unsubscribe_url:
            return ""
        token = make_token(
            internal_secret_from_environment(), str(delivery.client_id), "email", "marketing"
        )
        return f"{self.settings.unsubscribe_url.rstrip('/')}/{token}"


class Attachments:
    """A delivery's attachments as the provider takes them: the artifact's record from
    reporting, its bytes from the store itself (checked against their digest), through
    reporting only when this store does not have them.

    An artifact's record never changes once written (its bytes are addressed by their
    digest), so the records routing has just read for the sender's access check are kept
    (the most recent `KEEP`) and the attempt right after does not read them again."""

    KEEP = 2000

    def __init__(
        self,
        reporting: reporting_pb2_grpc.ReportingServiceStub | None,
        artifacts: ArtifactStore | None,
    ) -> None:
        self.reporting = reporting
        self.artifacts = artifacts
        self._records: OrderedDict[str, reporting_pb2.Artifact] = OrderedDict()

    def remember(self, artifact: reporting_pb2.Artifact) -> None:
        self._records[artifact.id] = artifact
        self._records.move_to_end(artifact.id)
        while len(self._records) > self.KEEP:
            self._records.popitem(last=False)

    async def _record(self, artifact_id: str) -> reporting_pb2.Artifact:
        known = self._records.get(artifact_id)
        if known is not None:
            return known
        assert self.reporting is not None
        artifact: reporting_pb2.Artifact = await self.reporting.GetArtifact(
            reporting_pb2.GetArtifactRequest(id=artifact_id),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=10,
        )
        self.remember(artifact)
        return artifact

    async def read(self, artifact_id: str) -> Attachment:
        if self.reporting is None:
            raise PermanentFailure("attachments need the reporting service")
        try:
            artifact = await self._record(artifact_id)
            data = (
                await read_artifact(self.artifacts, artifact.sha256)
                if self.artifacts is not None
                else None
            )
            if data is None:
                content = await self.reporting.ReadArtifactContent(
                    reporting_pb2.ReadArtifactContentRequest(id=artifact_id),
                    metadata=SYSTEM_ACTOR.to_metadata(),
                    timeout=30,
                )
                data = content.content
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if isinstance(failure, NotFound | InvalidArgument):
                raise PermanentFailure(f"attachment {artifact_id}: {failure.message}") from None
            raise TransientFailure(f"attachment {artifact_id}: {failure.message}") from None
        extension = {
            "application/pdf": ".pdf",
            "text/calendar": ".ics",
            "image/png": ".png",
            "image/jpeg": ".jpg",
        }.get(artifact.content_type, "")
        filename = f"{artifact.kind}-{artifact.period or artifact.id}{extension}"
        return Attachment(filename, artifact.content_type, data)
