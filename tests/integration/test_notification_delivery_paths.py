"""Notifications reaching a client: the preferred channel through a signed provider,
marketing consent and its fallback, quiet hours in the client's zone, the marketing cap, an
advisor's reach, the in-app inbox, bad requests named by field, a stalled provider."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import grpc
import pytest
from clientflow.notifications.v1 import notifications_pb2 as pb

from services.common.grpc_client import ServiceClients
from services.common.identity import Role
from tests.integration.test_notifications import (  # noqa: F401  (the fixture, by its name)
    MANAGER,
    SHANGHAI,
    client_with,
    get,
    key,
    make_template,
    send,
    struct,
    template as template_fixture,
    to_address,
    wait_for,
)
from tests.notify_support import HttpProvider, SmtpSink, TestClock
from tests.support import ADMIN, actor


@pytest.fixture(scope="module")
async def template(services: ServiceClients) -> str:
    return await make_template(services)


async def test_a_client_is_reached_on_the_preferred_channel_through_a_signed_provider(
    services: ServiceClients, template: str, http_provider: HttpProvider
) -> None:
    phone = f"+86138{uuid.uuid4().int % 10**8:08d}"
    client = await client_with(
        services, phone=phone, email="x@example.com", preferred_channel="sms", locale="zh-CN"
    )
    delivery = await send(
        services,
        pb.SendRequest(
            idempotency_key=key(),
            client_id=client.id,
            template_key=template,
            variables=struct(name=client.name),
        ),
    )
    assert (delivery.status, delivery.channel, delivery.recipient) == ("sent", "sms", phone)
    [request] = [r for r in http_provider.requests if r.body.get("to") == phone]
    assert request.path == "/sms" and request.signature_ok
    assert request.body["text"] == f"尊敬的{client.name}：您的季度报告已生成。"
    assert request.headers["Idempotency-Key"] == delivery.idempotency_key
    assert delivery.provider_message_id.startswith("prov-")


async def test_marketing_opt_out_falls_back_then_suppresses_but_service_still_goes(
    services: ServiceClients, template: str, smtp_sink: SmtpSink
) -> None:
    email = f"{uuid.uuid4().hex[:8]}@example.com"
    phone = f"+86139{uuid.uuid4().int % 10**8:08d}"
    client = await client_with(services, email=email, phone=phone, preferred_channel="email")
    opt_out = await services.notifications.SetConsent(
        pb.SetConsentRequest(
            client_id=client.id,
            channels=[
                pb.ChannelConsent(
                    channel="email", category="marketing", opted_out=True, source="unsubscribe"
                )
            ],
        ),
        metadata=ADMIN.to_metadata(),
    )
    assert [(c.channel, c.opted_out) for c in opt_out.channels] == [("email", True)]

    def marketing() -> pb.SendRequest:
        return pb.SendRequest(
            idempotency_key=key(),
            client_id=client.id,
            template_key=template,
            category="marketing",
            variables=struct(name="x"),
        )

    fallback = await send(services, marketing())
    assert (fallback.status, fallback.channel) == ("sent", "sms")
    await services.notifications.SetConsent(
        pb.SetConsentRequest(
            client_id=client.id,
            channels=[pb.ChannelConsent(channel="sms", category="marketing", opted_out=True)],
        ),
        metadata=ADMIN.to_metadata(),
    )
    refused = await send(services, marketing())
    assert refused.status == "suppressed"
    assert refused.reason.startswith("opted_out")
    service = await send(
        services,
        pb.SendRequest(
            idempotency_key=key(),
            client_id=client.id,
            template_key=template,
            variables=struct(name="x"),
        ),
    )
    assert (service.status, service.channel) == ("sent", "email")
    assert len(smtp_sink.to(email)) == 1

    with pytest.raises(grpc.aio.AioRpcError) as bad:
        await services.notifications.SetConsent(
            pb.SetConsentRequest(
                client_id=client.id,
                channels=[pb.ChannelConsent(channel="email", category="service", opted_out=True)],
            ),
            metadata=ADMIN.to_metadata(),
        )
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "channels[0].opted_out" in (bad.value.details() or "")


@pytest.mark.parametrize(
    ("zone", "local_now", "expected_local_send"),
    [
        # late evening: deferred across midnight to 08:00 the next day
        ("Asia/Shanghai", datetime(2026, 12, 1, 23, 30), datetime(2026, 12, 2, 8, 0)),
        # after midnight: deferred to 08:00 the same day
        ("Asia/Shanghai", datetime(2026, 12, 2, 1, 15), datetime(2026, 12, 2, 8, 0)),
        # the client's zone decides, not the server's
        ("America/New_York", datetime(2026, 12, 1, 22, 0), datetime(2026, 12, 2, 8, 0)),
    ],
)
async def test_quiet_hours_defer_to_the_next_window_in_the_clients_zone(
    services: ServiceClients,
    template: str,
    smtp_sink: SmtpSink,
    clock: TestClock,
    zone: str,
    local_now: datetime,
    expected_local_send: datetime,
) -> None:
    email = f"{uuid.uuid4().hex[:8]}@example.com"
    client = await client_with(services, email=email, preferred_channel="email", timezone=zone)
    clock.set(local_now.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC))
    delivery = await send(
        services,
        pb.SendRequest(
            idempotency_key=key(),
            client_id=client.id,
            template_key=template,
            variables=struct(name="x"),
        ),
    )
    assert delivery.status == "deferred"
    assert delivery.reason.startswith("quiet_hours")
    send_at = delivery.next_attempt_at.ToDatetime(tzinfo=UTC)
    assert send_at == expected_local_send.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    await asyncio.sleep(0.3)
    assert smtp_sink.to(email) == []

    urgent = await send(
        services,
        pb.SendRequest(
            idempotency_key=key(),
            client_id=client.id,
            template_key=template,
            variables=struct(name="x"),
            priority="urgent",
        ),
    )
    assert urgent.status == "sent"

    clock.set(send_at + timedelta(seconds=1))

    async def sent() -> bool:
        return (await get(services, delivery.id)).status == "sent"

    await wait_for(sent)
    assert len(smtp_sink.to(email)) == 2


async def test_the_marketing_frequency_cap_suppresses_the_fourth_message(
    services: ServiceClients, template: str
) -> None:
    client = await client_with(
        services, email=f"{uuid.uuid4().hex[:8]}@example.com", preferred_channel="email"
    )
    statuses = []
    for _ in range(4):
        delivery = await send(
            services,
            pb.SendRequest(
                idempotency_key=key(),
                client_id=client.id,
                template_key=template,
                category="marketing",
                variables=struct(name="x"),
            ),
        )
        statuses.append(delivery.status)
        last = delivery
    assert statuses == ["sent", "sent", "sent", "suppressed"]
    assert last.reason.startswith("frequency_cap: 3 marketing messages")
    service = await send(
        services,
        pb.SendRequest(
            idempotency_key=key(),
            client_id=client.id,
            template_key=template,
            variables=struct(name="x"),
        ),
    )
    assert service.status == "sent"


async def test_an_advisor_reaches_only_their_own_clients(
    services: ServiceClients, template: str
) -> None:
    mine = await client_with(services, advisor="adv-me", email="me@example.com")
    theirs = await client_with(services, advisor="adv-other", email="them@example.com")
    advisor = actor("adv-me", Role.ADVISOR)
    ok = await send(
        services,
        pb.SendRequest(
            idempotency_key=key(),
            client_id=mine.id,
            template_key=template,
            variables=struct(name="x"),
        ),
        as_actor=advisor,
    )
    assert ok.status == "sent"
    with pytest.raises(grpc.aio.AioRpcError) as hidden:
        await send(
            services,
            pb.SendRequest(
                idempotency_key=key(),
                client_id=theirs.id,
                template_key=template,
                variables=struct(name="x"),
            ),
            as_actor=advisor,
        )
    assert hidden.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as hidden_ledger:
        await services.notifications.ListDeliveries(
            pb.ListDeliveriesRequest(client_id=theirs.id), metadata=advisor.to_metadata()
        )
    assert hidden_ledger.value.code() == grpc.StatusCode.NOT_FOUND
    own = await services.notifications.ListDeliveries(
        pb.ListDeliveriesRequest(client_id=mine.id), metadata=advisor.to_metadata()
    )
    assert [d.id for d in own.deliveries] == [ok.id]


async def test_in_app_messages_land_once_in_the_users_inbox(
    services: ServiceClients, template: str
) -> None:
    user = f"user-{uuid.uuid4().hex[:6]}"
    request = pb.SendRequest(
        idempotency_key=key(), user_id=user, template_key=template, variables=struct(name=user)
    )
    replies = await asyncio.gather(*(send(services, request) for _ in range(5)))
    assert {r.status for r in replies} == {"sent"}
    inbox = await services.notifications.ListInbox(
        pb.ListInboxRequest(user_id=user), metadata=actor(user).to_metadata()
    )
    assert [m.delivery_id for m in inbox.messages] == [replies[0].id]
    read = await services.notifications.MarkInboxRead(
        pb.MarkInboxReadRequest(id=inbox.messages[0].id), metadata=actor(user).to_metadata()
    )
    assert read.HasField("read_at")


async def test_bad_requests_name_the_field(services: ServiceClients, template: str) -> None:
    cases = [
        (pb.SendRequest(idempotency_key="", user_id="u", template_key=template), "idempotency_key"),
        (pb.SendRequest(idempotency_key=key(), template_key=template), "recipient"),
        (
            pb.SendRequest(idempotency_key=key(), client_id="nope", template_key=template),
            "client_id",
        ),
        (
            pb.SendRequest(
                idempotency_key=key(), user_id="u", template_key=template, category="spam"
            ),
            "category",
        ),
        (
            pb.SendRequest(
                idempotency_key=key(),
                address=pb.Address(channel="email", value="not-an-address"),
                template_key=template,
            ),
            "address.value",
        ),
        (
            pb.SendRequest(
                idempotency_key=key(),
                address=pb.Address(channel="email", value="a@b.c", timezone="Mars/Base"),
                template_key=template,
            ),
            "address.timezone",
        ),
    ]
    for request, field in cases:
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await send(services, request)
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT, field
        assert (bad.value.details() or "").startswith(field), bad.value.details()


async def test_a_stalled_provider_does_not_hold_the_caller(
    services: ServiceClients, template: str, http_provider: HttpProvider
) -> None:
    """The send answers within send_wait_seconds with the delivery as it stands (sending);
    the attempt goes on and the delivery is sent once, when the provider answers."""
    import threading
    import time

    phone = f"+86137{uuid.uuid4().int % 10**8:08d}"
    client = await client_with(services, phone=phone, preferred_channel="sms")
    release = threading.Event()

    def stall(request: Any) -> None:
        if request.body.get("to") == phone:
            release.wait(5)

    http_provider.on_request = stall
    try:
        started = time.monotonic()
        delivery = await send(
            services,
            pb.SendRequest(
                idempotency_key=key(),
                client_id=client.id,
                template_key=template,
                variables=struct(name=client.name),
            ),
        )
        waited = time.monotonic() - started
        assert delivery.status == "sending" and waited < 3, (delivery.status, waited)
        release.set()

        async def sent() -> bool:
            return (await get(services, delivery.id)).status == "sent"

        await wait_for(sent)
        assert len([r for r in http_provider.requests if r.body.get("to") == phone]) == 1
    finally:
        release.set()
        http_provider.on_request = None
