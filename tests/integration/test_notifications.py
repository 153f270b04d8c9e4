"""The notifications service over gRPC with real channels: aiosmtpd catching mail, a
loopback HTTP provider checking signatures, PostgreSQL holding the ledger."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import grpc
import pytest
from clientflow.clients.v1 import clients_pb2
from clientflow.notifications.v1 import notifications_pb2 as pb
from clientflow.reporting.v1 import reporting_pb2
from google.protobuf.struct_pb2 import Struct

from services.common.grpc_client import ServiceClients
from services.common.identity import SYSTEM_ACTOR, Role
from services.notifications.channels.email import message_id
from tests.notify_support import HttpProvider, SmtpSink, TestClock
from tests.support import ADMIN, actor, create_client

MANAGER = actor("mgr-1", Role.MANAGER)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def struct(**values: Any) -> Struct:
    result = Struct()
    result.update(values)
    return result


def key() -> str:
    return f"test/{uuid.uuid4()}"


async def wait_for(predicate: Any, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


@pytest.fixture(scope="module")
async def template(services: ServiceClients) -> str:
    """A template in both locales, with an HTML part."""
    name = f"greeting-{uuid.uuid4().hex[:8]}"
    for locale, subject, text in (
        ("zh-CN", "{{ name }}，您好", "尊敬的{{ name }}：您的季度报告已生成。"),
        ("en", "Hello {{ name }}", "Dear {{ name }}, your quarterly report is ready."),
    ):
        await services.notifications.PutTemplate(
            pb.PutTemplateRequest(
                key=name,
                locale=locale,
                content=pb.TemplateContent(
                    subject=subject, body_text=text, body_html="<p>{{ name }}</p>"
                ),
                category="service",
                sample_variables=struct(name="王小明"),
            ),
            metadata=ADMIN.to_metadata(),
        )
    return name


async def send(
    services: ServiceClients, request: pb.SendRequest, as_actor: Any = SYSTEM_ACTOR
) -> pb.Delivery:
    reply: pb.Delivery = await services.notifications.Send(
        request, metadata=as_actor.to_metadata(), timeout=30
    )
    return reply


async def get(services: ServiceClients, delivery_id: str) -> pb.Delivery:
    reply: pb.Delivery = await services.notifications.GetDelivery(
        pb.GetDeliveryRequest(id=delivery_id), metadata=ADMIN.to_metadata()
    )
    return reply


def to_address(email: str, **extra: str) -> pb.Address:
    return pb.Address(channel="email", value=email, name="王小明", **extra)


async def client_with(
    services: ServiceClients, advisor: str | None = None, **fields: str
) -> clients_pb2.Client:
    record = clients_pb2.ClientFields()
    for name, value in fields.items():
        setattr(record, name, value)
    return await create_client(services.clients, advisor_id=advisor, fields=record)


# -- templates -------------------------------------------------------------------------


async def test_templates_are_versioned_and_checked(services: ServiceClients) -> None:
    name = f"t-{uuid.uuid4().hex[:8]}"
    put = pb.PutTemplateRequest(
        key=name,
        locale="en",
        content=pb.TemplateContent(subject="Hi {{ name }}", body_text="v1 {{ name }}"),
    )
    first = await services.notifications.PutTemplate(put, metadata=ADMIN.to_metadata())
    put.content.body_text = "v2 {{ name }}"
    second = await services.notifications.PutTemplate(put, metadata=ADMIN.to_metadata())
    assert (first.version, second.version) == (1, 2)
    current = await services.notifications.GetTemplate(
        pb.GetTemplateRequest(key=name), metadata=ADMIN.to_metadata()
    )
    assert [t.version for t in current.locales] == [2]

    put.content.body_text = "{% if name %}unclosed"
    with pytest.raises(grpc.aio.AioRpcError) as bad:
        await services.notifications.PutTemplate(put, metadata=ADMIN.to_metadata())
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "content.body_text" in (bad.value.details() or "")
    assert "line 1" in (bad.value.details() or "")

    with pytest.raises(grpc.aio.AioRpcError) as denied:
        await services.notifications.PutTemplate(
            put, metadata=actor("adv-x", Role.ADVISOR).to_metadata()
        )
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_preview_names_a_missing_variable_and_escapes_html(
    services: ServiceClients, template: str
) -> None:
    preview = await services.notifications.PreviewTemplate(
        pb.PreviewTemplateRequest(key=template, locale="en", variables=struct(name="<b>Li</b>")),
        metadata=ADMIN.to_metadata(),
    )
    assert preview.subject == "Hello <b>Li</b>"
    assert preview.body_html == "<p>&lt;b&gt;Li&lt;/b&gt;</p>"
    sample = await services.notifications.PreviewTemplate(
        pb.PreviewTemplateRequest(key=template, locale="zh-CN"), metadata=ADMIN.to_metadata()
    )
    assert sample.subject == "王小明，您好"
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await services.notifications.PreviewTemplate(
            pb.PreviewTemplateRequest(key=template, locale="en", variables=struct(other=1)),
            metadata=ADMIN.to_metadata(),
        )
    assert missing.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "variables.name" in (missing.value.details() or "")


async def test_a_missing_variable_at_send_time_writes_nothing(
    services: ServiceClients, template: str, smtp_sink: SmtpSink
) -> None:
    idempotency_key = key()
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await send(
            services,
            pb.SendRequest(
                idempotency_key=idempotency_key,
                address=to_address("nobody@example.com"),
                template_key=template,
            ),
        )
    assert missing.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "variables.name" in (missing.value.details() or "")
    listed = await services.notifications.ListDeliveries(
        pb.ListDeliveriesRequest(status="failed", page_size=200), metadata=ADMIN.to_metadata()
    )
    assert all(d.idempotency_key != idempotency_key for d in listed.deliveries)


# -- e-mail and exactly-once -----------------------------------------------------------


async def test_email_is_sent_once_with_a_message_id_from_the_key(
    services: ServiceClients, template: str, smtp_sink: SmtpSink
) -> None:
    idempotency_key, address = key(), f"{uuid.uuid4().hex[:8]}@example.com"
    delivery = await send(
        services,
        pb.SendRequest(
            idempotency_key=idempotency_key,
            address=to_address(address, locale="en"),
            template_key=template,
            variables=struct(name="Li Lei"),
            workflow_id="quarterly-report/fund-1/2026Q3",
        ),
    )
    assert delivery.status == "sent", delivery.reason
    assert (delivery.locale, delivery.template_version, delivery.subject) == (
        "en",
        1,
        "Hello Li Lei",
    )
    [mail] = smtp_sink.to(address)
    assert mail["Message-ID"] == message_id(idempotency_key, "clientflow.local")
    assert mail["Subject"] == "Hello Li Lei"
    again = await send(
        services,
        pb.SendRequest(
            idempotency_key=idempotency_key,
            address=to_address(address, locale="en"),
            template_key=template,
            variables=struct(name="Li Lei"),
            workflow_id="quarterly-report/fund-1/2026Q3",
        ),
    )
    assert (again.id, again.status, again.replayed) == (delivery.id, "sent", True)
    assert len(smtp_sink.to(address)) == 1
    by_process = await services.notifications.ListDeliveries(
        pb.ListDeliveriesRequest(workflow_id="quarterly-report/fund-1/2026Q3"),
        metadata=ADMIN.to_metadata(),
    )
    assert delivery.id in [d.id for d in by_process.deliveries]


async def test_twenty_concurrent_duplicates_send_one_message(
    services: ServiceClients, template: str, smtp_sink: SmtpSink
) -> None:
    idempotency_key, address = key(), f"{uuid.uuid4().hex[:8]}@example.com"
    request = pb.SendRequest(
        idempotency_key=idempotency_key,
        address=to_address(address),
        template_key=template,
        variables=struct(name="韩梅梅"),
    )
    replies = await asyncio.gather(*(send(services, request) for _ in range(20)))
    assert {r.id for r in replies} == {replies[0].id}
    assert {r.status for r in replies} == {"sent"}
    assert sorted(r.replayed for r in replies) == [False] + [True] * 19
    assert len(smtp_sink.to(address)) == 1


async def test_the_same_key_for_a_different_message_is_refused(
    services: ServiceClients, template: str
) -> None:
    idempotency_key = key()
    request = pb.SendRequest(
        idempotency_key=idempotency_key,
        address=to_address(f"{uuid.uuid4().hex[:8]}@example.com"),
        template_key=template,
        variables=struct(name="A"),
    )
    await send(services, request)
    request.variables["name"] = "B"
    with pytest.raises(grpc.aio.AioRpcError) as conflict:
        await send(services, request)
    assert conflict.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert "idempotency_key" in (conflict.value.details() or "")


async def test_a_provider_failing_twice_then_succeeding_delivers_once(
    services: ServiceClients, template: str, smtp_sink: SmtpSink
) -> None:
    address = f"{uuid.uuid4().hex[:8]}@example.com"
    smtp_sink.fail_next[address] = 2
    delivery = await send(
        services,
        pb.SendRequest(
            idempotency_key=key(),
            address=to_address(address),
            template_key=template,
            variables=struct(name="李雷"),
        ),
    )
    assert delivery.status == "retrying"
    assert delivery.reason.startswith("transient: 451")

    async def sent() -> bool:
        return (await get(services, delivery.id)).status == "sent"

    await wait_for(sent)
    final = await get(services, delivery.id)
    assert [a.outcome for a in final.attempts] == [
        "transient_failure",
        "transient_failure",
        "sent",
    ]
    assert len(smtp_sink.to(address)) == 1


async def test_a_refused_address_fails_at_once_and_an_operator_can_retry(
    services: ServiceClients, template: str, smtp_sink: SmtpSink
) -> None:
    address = f"{uuid.uuid4().hex[:8]}@example.com"
    smtp_sink.reject.add(address)
    delivery = await send(
        services,
        pb.SendRequest(
            idempotency_key=key(),
            address=to_address(address),
            template_key=template,
            variables=struct(name="李雷"),
        ),
    )
    assert delivery.status == "failed"
    assert delivery.reason.startswith("permanent: recipient refused: 550")
    assert len((await get(services, delivery.id)).attempts) == 1
    dead = await services.notifications.ListDeliveries(
        pb.ListDeliveriesRequest(status="failed", page_size=200), metadata=ADMIN.to_metadata()
    )
    assert delivery.id in [d.id for d in dead.deliveries]

    with pytest.raises(grpc.aio.AioRpcError) as denied:
        await services.notifications.RetryDelivery(
            pb.RetryDeliveryRequest(id=delivery.id),
            metadata=actor("adv-1", Role.ADVISOR).to_metadata(),
        )
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # A manager whose teams the message is not about does not see it at all.
    with pytest.raises(grpc.aio.AioRpcError) as unseen:
        await services.notifications.RetryDelivery(
            pb.RetryDeliveryRequest(id=delivery.id), metadata=MANAGER.to_metadata()
        )
    assert unseen.value.code() == grpc.StatusCode.NOT_FOUND
    smtp_sink.reject.discard(address)
    retried = await services.notifications.RetryDelivery(
        pb.RetryDeliveryRequest(id=delivery.id), metadata=ADMIN.to_metadata()
    )
    assert retried.status == "sent"
    assert [a.outcome for a in retried.attempts] == ["permanent_failure", "sent"]
    assert len(smtp_sink.to(address)) == 1
    with pytest.raises(grpc.aio.AioRpcError) as again:
        await services.notifications.RetryDelivery(
            pb.RetryDeliveryRequest(id=delivery.id), metadata=ADMIN.to_metadata()
        )
    assert again.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_attachments_come_from_stored_report_artifacts(
    services: ServiceClients, template: str, smtp_sink: SmtpSink
) -> None:
    pdf = b"%PDF-1.7\n% quarterly report\n"
    artifact = await services.reporting.CreateArtifact(
        reporting_pb2.CreateArtifactRequest(
            kind="client-report", period="2026Q3", content_type="application/pdf", content=pdf
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    address = f"{uuid.uuid4().hex[:8]}@example.com"
    delivery = await send(
        services,
        pb.SendRequest(
            idempotency_key=key(),
            address=to_address(address),
            template_key=template,
            variables=struct(name="王"),
            attachment_artifact_ids=[artifact.id],
        ),
    )
    assert delivery.status == "sent", delivery.reason
    [mail] = smtp_sink.to(address)
    [part] = [p for p in mail.walk() if p.get_filename()]
    assert part.get_filename() == "client-report-2026Q3.pdf"
    assert part.get_payload(decode=True) == pdf


# -- client recipients: channels, consent, quiet hours, caps --------------------------------


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
