"""The e-mail channel keeps SMTP connections open between messages (`smtp_pool.py`), against
the real loopback SMTP server: a burst shares connections, and a connection that is dropped,
failed or idle too long is never used for the next message, which arrives exactly once. And
a message with attachments arrives as the email package writes it."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from email import message_from_bytes
from email.message import Message
from email.policy import default
from typing import Any

import pytest
from aiosmtplib.email import flatten_message

from services.notifications.channels.base import Attachment, OutboundMessage, PermanentFailure
from services.notifications.channels.email import EmailChannel, SmtpConfig
from tests.mime_reference import email_package_message
from tests.notify_support import SmtpSink


def message(recipient: str) -> OutboundMessage:
    return OutboundMessage(
        delivery_id=str(uuid.uuid4()),
        idempotency_key=f"pool/{uuid.uuid4()}",
        channel="email",
        recipient=recipient,
        recipient_name="",
        subject="Quarterly report",
        body_text="Your report is attached.",
        body_html="",
        locale="en",
        category="service",
    )


@asynccontextmanager
async def channel(smtp_sink: SmtpSink, **pool: Any) -> AsyncIterator[EmailChannel]:
    email = EmailChannel(
        SmtpConfig(host="127.0.0.1", port=smtp_sink.port, local_hostname="tests", **pool)
    )
    try:
        yield email
    finally:
        await email.close()


def peers(smtp_sink: SmtpSink, addresses: list[str]) -> list[tuple[str, int]]:
    """The connection each address's one message came over (and that it came once)."""
    found = []
    for address in addresses:
        caught = [m for m in smtp_sink.messages if address in m.envelope_to]
        assert len(caught) == 1, (address, len(caught))
        found.append(caught[0].peer)
    return found


def addresses(count: int) -> list[str]:
    tag = uuid.uuid4().hex[:8]
    return [f"pool-{tag}-{i}@example.com" for i in range(count)]


async def until(condition: Callable[[], bool]) -> None:
    for _ in range(100):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached")


async def test_a_burst_of_messages_shares_one_connection(smtp_sink: SmtpSink) -> None:
    sent = addresses(5)
    async with channel(smtp_sink) as email:
        for address in sent:
            await email.send(message(address))
        assert email.connections.opened == 1
    assert len(set(peers(smtp_sink, sent))) == 1


async def test_pool_size_zero_is_a_connection_per_message(smtp_sink: SmtpSink) -> None:
    sent = addresses(3)
    async with channel(smtp_sink, pool_size=0) as email:
        for address in sent:
            await email.send(message(address))
        assert email.connections.idle == []
    assert len(set(peers(smtp_sink, sent))) == 3


async def test_concurrent_messages_keep_at_most_pool_size_connections(
    smtp_sink: SmtpSink,
) -> None:
    sent = addresses(12)
    async with channel(smtp_sink, pool_size=2) as email:
        await asyncio.gather(*(email.send(message(a)) for a in sent))
        assert 1 <= len(email.connections.idle) <= 2
    peers(smtp_sink, sent)


async def test_a_connection_the_server_dropped_is_not_used_again(smtp_sink: SmtpSink) -> None:
    first, second = addresses(2)
    async with channel(smtp_sink) as email:
        await email.send(message(first))
        smtp_sink.hang_up()
        await until(lambda: not email.connections.idle[0].smtp.is_connected)
        await email.send(message(second))
        assert email.connections.opened == 2
    before, after = peers(smtp_sink, [first, second])
    assert before != after


async def test_a_connection_whose_message_failed_is_closed(smtp_sink: SmtpSink) -> None:
    first, refused, third = addresses(3)
    smtp_sink.reject.add(refused)
    try:
        async with channel(smtp_sink) as email:
            await email.send(message(first))
            with pytest.raises(PermanentFailure):
                await email.send(message(refused))
            assert email.connections.idle == []
            await email.send(message(third))
            assert email.connections.opened == 2
    finally:
        smtp_sink.reject.discard(refused)
    before, after = peers(smtp_sink, [first, third])
    assert before != after


async def test_an_idle_connection_is_closed_after_the_idle_limit(smtp_sink: SmtpSink) -> None:
    first, second = addresses(2)
    async with channel(smtp_sink, pool_idle_seconds=0.2) as email:
        await email.send(message(first))
        kept = email.connections.idle[0]
        await until(lambda: email.connections.idle == [])
        assert not kept.smtp.is_connected
        await email.send(message(second))
    before, after = peers(smtp_sink, [first, second])
    assert before != after


async def test_a_connection_carries_at_most_its_message_limit(smtp_sink: SmtpSink) -> None:
    sent = addresses(5)
    async with channel(smtp_sink, messages_per_connection=2) as email:
        for address in sent:
            await email.send(message(address))
        assert email.connections.opened == 3
    used = peers(smtp_sink, sent)
    assert used[0] == used[1] != used[2] == used[3] != used[4]


async def test_a_long_idle_connection_is_checked_before_use(
    smtp_sink: SmtpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the probe age a kept connection answers NOOP first; one that does not is
    replaced, and the message still arrives once."""
    first, second = addresses(2)
    async with channel(smtp_sink) as email:
        await email.send(message(first))
        kept = email.connections.idle[0]
        kept.last_used -= 5  # idle past PROBE_AFTER_SECONDS, within the idle limit
        probes = 0
        real_noop = kept.smtp.noop

        async def failing_noop(**kwargs: Any) -> Any:
            nonlocal probes
            probes += 1
            await real_noop(**kwargs)
            raise TimeoutError("no answer")

        monkeypatch.setattr(kept.smtp, "noop", failing_noop)
        await email.send(message(second))
        assert probes == 1
        assert email.connections.opened == 2
    before, after = peers(smtp_sink, [first, second])
    assert before != after


def parts(raw: Message) -> list[tuple[str, str, str | None, bytes]]:
    """Each leaf part: its type, its Content-Type parameters, filename and decoded bytes."""
    found = []
    for part in raw.walk():
        if part.is_multipart():
            continue
        params = ";".join(f"{k}={v}" for k, v in part.get_params() or [])
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        found.append((part.get_content_type(), params, part.get_filename(), payload))
    return found


async def test_a_message_with_attachments_arrives_as_the_email_package_writes_it(
    smtp_sink: SmtpSink,
) -> None:
    """The channel writes the MIME itself (`channels/mime.py`); what arrives over SMTP is the
    message the email package writes, part for part."""
    [address] = addresses(1)
    report = os.urandom(150_000)
    invitation = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    sent = replace(
        message(address),
        recipient_name="张三",
        subject="您的 2026Q3 季度报告",
        body_html="<html><body><p>报告见附件</p></body></html>",
        attachments=(
            Attachment("2026Q3 季度报告.pdf", "application/pdf", report),
            Attachment("review.ics", "text/calendar", invitation),
        ),
    )
    async with channel(smtp_sink) as email:
        await email.send(sent)
    [caught] = smtp_sink.to(address)
    expected = message_from_bytes(
        flatten_message(email_package_message(sent, email.config)), policy=default
    )
    assert parts(caught) == parts(expected)
    assert [p[3] for p in parts(caught)][-2:] == [report, invitation]
    for header in ("Subject", "To", "Message-ID", "X-Clientflow-Delivery", "Content-Language"):
        assert caught[header] == expected[header]
