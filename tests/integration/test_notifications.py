"""The notifications service over gRPC with real channels: aiosmtpd catching mail, a
loopback HTTP provider checking signatures, PostgreSQL holding the ledger."""

from __future__ import annotations

import asyncio
import uuid
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
from tests.notify_support import SmtpSink
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
    return await make_template(services)


async def make_template(services: ServiceClients) -> str:
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
