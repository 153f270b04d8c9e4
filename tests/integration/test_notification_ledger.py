"""The send path's collaborators one at a time, on real PostgreSQL and the loopback SMTP
server: the ledger's key lock and its one-statement writes, an attempt and what it records,
and the dispatcher settling a send its sender left behind."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from clientflow.reporting.v1 import reporting_pb2
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.grpc_client import ServiceClients
from services.common.identity import SYSTEM_ACTOR
from services.notifications.channels.registry import build_channels
from services.notifications.dispatcher import IN_DOUBT, Dispatcher
from services.notifications.ledger import STALE_SENDING, Ledger
from services.notifications.models import Delivery
from services.notifications.providers import Attachments, Attempts
from services.notifications.repository import DeliveryRepository
from tests.conftest import notification_settings
from tests.notify_support import HttpProvider, SmtpSink


def new_delivery(channel: str, recipient: str, now: datetime) -> Delivery:
    key = f"ledger-{uuid.uuid4()}"
    return Delivery(
        id=uuid.uuid4(),
        idempotency_key=key,
        request_hash="0" * 64,
        status="accepted",
        reason="",
        channel=channel,
        recipient=recipient,
        recipient_name="Ledger Test",
        client_id=None,
        user_id=recipient if channel == "in_app" else None,
        advisor_id=None,
        team_id=None,
        workflow_id=None,
        template_key="ledger-test",
        template_version=1,
        locale="en",
        category="service",
        priority="urgent",
        subject="Your statement",
        body_text="It is ready.",
        body_html="",
        attachment_ids=[],
        attempt_count=0,
        round_attempts=0,
        next_attempt_at=now,
        provider_message_id="",
        message_id="",
        created_by="svc-test",
        created_at=now,
        updated_at=now,
        sent_at=None,
    )


@dataclass
class Sending:
    ledger: Ledger
    attempts: Attempts
    dispatcher: Dispatcher
    now: datetime


@pytest.fixture
async def sending(
    engine: AsyncEngine, smtp_sink: SmtpSink, http_provider: HttpProvider
) -> AsyncIterator[Sending]:
    """A ledger at a fixed time, its attempts and dispatcher over the loopback providers."""
    settings = notification_settings(smtp_sink, http_provider)
    channels = build_channels(settings)
    now = datetime.now(UTC)
    ledger = Ledger(engine, lambda: now)
    attempts = Attempts(ledger, channels, Attachments(None, None), settings)
    yield Sending(ledger, attempts, Dispatcher(ledger, attempts, channels, settings), now)
    for channel in channels.values():
        await channel.close()


async def advisory_locks(engine: AsyncEngine, key: str) -> int:
    async with engine.connect() as connection:
        found = await connection.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                " AND objid = (hashtextextended(:key, 0) & 4294967295)::oid"
            ),
            {"key": key},
        )
    return int(found or 0)


async def test_a_held_key_is_passed_over_elsewhere_and_released_with_its_holder(
    engine: AsyncEngine,
) -> None:
    key = f"ledger-lock-{uuid.uuid4()}"
    here, other_process = (
        Ledger(engine, lambda: datetime.now(UTC)),
        Ledger(engine, lambda: datetime.now(UTC)),
    )
    async with here.key_lock(key, wait=True) as session:
        assert session is not None
        assert await advisory_locks(engine, key) == 1
        # Another process (its own in-process locks) does not get it, and does not wait.
        async with other_process.key_lock(key, wait=False) as elsewhere:
            assert elsewhere is None
        # In this process a second holder does not even ask the database.
        async with here.key_lock(key, wait=False) as again:
            assert again is None
    assert await advisory_locks(engine, key) == 0
    async with other_process.key_lock(key, wait=False) as elsewhere:
        assert elsewhere is not None


async def test_a_failure_under_the_lock_rolls_back_and_releases_it(engine: AsyncEngine) -> None:
    ledger = Ledger(engine, lambda: datetime.now(UTC))
    delivery = new_delivery("in_app", "adv-ledger", datetime.now(UTC))
    try:
        async with ledger.key_lock(delivery.idempotency_key, wait=True) as session:
            assert session is not None
            await DeliveryRepository(session).insert(delivery)
            raise RuntimeError("the render failed")
    except RuntimeError:
        pass
    assert await advisory_locks(engine, delivery.idempotency_key) == 0
    async with ledger.session() as session:
        assert await DeliveryRepository(session).by_key(delivery.idempotency_key) is None


async def test_a_delivery_is_written_by_statements_not_a_unit_of_work(
    engine: AsyncEngine,
) -> None:
    now = datetime.now(UTC)
    ledger = Ledger(engine, lambda: now)
    delivery = new_delivery("email", "ledger@example.com", now)
    async with ledger.key_lock(delivery.idempotency_key, wait=True) as session:
        assert session is not None
        await ledger.accept(session, delivery)
        assert delivery.status == "sending" and delivery.attempt_count == 1
        assert not session.identity_map and not session.new
        await ledger.record(session, delivery, 1, "sent", "250 queued", now, 0.01)
        await ledger.finish(session, delivery, "sent", "", "<provider-id>")
    async with ledger.session() as session:
        stored = await DeliveryRepository(session).by_key(delivery.idempotency_key)
        assert stored is not None and not session.identity_map  # a plain object
        assert (stored.status, stored.attempt_count, stored.provider_message_id) == (
            "sent",
            1,
            "<provider-id>",
        )
        assert stored.sent_at == now and stored.next_attempt_at is None
        outcome = await ledger.outcome(session, stored)
        assert [(a.number, a.outcome) for a in outcome.attempts] == [(1, "sent")]


async def test_an_attempt_sends_once_and_records_a_retry_with_its_backoff(
    sending: Sending, smtp_sink: SmtpSink
) -> None:
    ledger, attempts, now = sending.ledger, sending.attempts, sending.now
    address = f"ledger-{uuid.uuid4().hex[:8]}@example.com"
    smtp_sink.fail_next[address] = 1
    delivery = new_delivery("email", address, now)
    async with ledger.key_lock(delivery.idempotency_key, wait=True) as session:
        assert session is not None
        await ledger.accept(session, delivery)
        await attempts.attempt(session, delivery, marked=True)
        assert delivery.status == "retrying"
        assert delivery.next_attempt_at is not None and delivery.next_attempt_at > now
        await attempts.attempt(session, delivery)
        assert delivery.status == "sent"
        outcome = await ledger.outcome(session, delivery)
    assert [a.outcome for a in outcome.attempts] == ["transient_failure", "sent"]
    assert len(smtp_sink.to(address)) == 1


async def test_the_dispatcher_settles_an_email_its_sender_left_in_doubt(
    sending: Sending, smtp_sink: SmtpSink
) -> None:
    """SMTP cannot be asked whether it got the message: a person decides, nothing is sent."""
    ledger = sending.ledger
    address = f"ledger-{uuid.uuid4().hex[:8]}@example.com"
    delivery = new_delivery("email", address, sending.now - STALE_SENDING - timedelta(seconds=1))
    async with ledger.key_lock(delivery.idempotency_key, wait=True) as session:
        assert session is not None
        await ledger.accept(session, delivery)  # committed as `sending`, then the sender died
    async with ledger.key_lock(delivery.idempotency_key, wait=False) as session:
        assert session is not None
        found = await DeliveryRepository(session).by_key(delivery.idempotency_key)
        assert found is not None and found.status == "sending"
        await sending.dispatcher.resume(session, found)
    assert (found.status, found.reason) == ("failed", IN_DOUBT)
    assert smtp_sink.to(address) == []


class CountingReads:
    """The real reporting stub, counting the artifact records read through it."""

    def __init__(self, stub: Any) -> None:
        self.stub, self.reads = stub, 0

    async def GetArtifact(self, *args: Any, **kwargs: Any) -> reporting_pb2.Artifact:
        self.reads += 1
        found: reporting_pb2.Artifact = await self.stub.GetArtifact(*args, **kwargs)
        return found

    async def ReadArtifactContent(self, *args: Any, **kwargs: Any) -> Any:
        return await self.stub.ReadArtifactContent(*args, **kwargs)


async def test_an_attachment_checked_at_acceptance_is_not_read_again(
    services: ServiceClients,
) -> None:
    pdf = b"%PDF-1.7\n% checked once\n"
    artifact = await services.reporting.CreateArtifact(
        reporting_pb2.CreateArtifactRequest(
            kind="client-report", period="2026Q4", content_type="application/pdf", content=pdf
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    reporting = CountingReads(services.reporting)
    attachments = Attachments(cast(Any, reporting), None)
    attachments.remember(artifact)  # what routing does once the sender's check passed
    attached = await attachments.read(artifact.id)
    assert reporting.reads == 0
    assert (attached.filename, attached.content) == ("client-report-2026Q4.pdf", pdf)
    # A dispatcher's attempt in another process reads the record once, then knows it.
    elsewhere = Attachments(cast(Any, reporting), None)
    assert await elsewhere.read(artifact.id) == attached
    assert await elsewhere.read(artifact.id) == attached
    assert reporting.reads == 1
