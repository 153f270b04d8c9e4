"""A notifications service process killed between calling the provider and recording the
answer: the restarted service never sends a second copy, and settles the send by asking the
provider where it can (the mail server's lookup API), leaving it to a person only where
nobody can say.

The provider stub kills the service (SIGKILL) the moment a message reaches it, before it
answers, so the kill lands exactly in the window between "sent" and "recorded"."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import grpc
import pytest
import uvicorn
from clientflow.notifications.v1 import notifications_pb2 as pb, notifications_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.common.grpc_client import open_channel
from services.common.identity import SYSTEM_ACTOR
from services.common.migrations import upgrade
from services.devstack.mailbox import api
from tests.notify_support import PROVIDER_SECRET, HttpProvider, SmtpSink
from tests.support import ADMIN, TEST_INTERNAL_SECRET, free_port

BIN = Path(sys.executable).parent / "clientflow"


class ServiceProcess:
    """`clientflow notifications` as a child process on a fixed port."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env, self.port = env, port
        self.process: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        self.stop()  # never two at once: one port, and none left behind
        self.process = subprocess.Popen(  # noqa: ASYNC220 - returns at once
            [str(BIN), "notifications"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        async with grpc.aio.insecure_channel(f"127.0.0.1:{self.port}") as channel:
            health = health_pb2_grpc.HealthStub(channel)
            for _ in range(200):
                try:
                    reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
                    if reply.status == health_pb2.HealthCheckResponse.SERVING:
                        return
                except grpc.aio.AioRpcError:
                    pass
                await asyncio.sleep(0.1)
        raise AssertionError("notifications service did not become ready")

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture(scope="module")
def crash_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(scope="module")
def lookup_url(crash_sink: SmtpSink) -> Iterator[str]:
    """The dev mail catcher's lookup API (Mailpit's search by Message-ID) over the sink."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(api(crash_sink), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def crash_provider() -> Iterator[HttpProvider]:
    provider = HttpProvider()
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture(scope="module")
def own_database(postgres_admin_url: str) -> Iterator[str]:
    """A database of its own: the session's notifications service (another configuration,
    another clock) must not pick up this test's interrupted deliveries."""
    name = f"clientflow_crash_{uuid.uuid4().hex[:8]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(postgres_admin_url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    base = postgres_admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    url = f"{base}/{name}"
    upgrade(url)
    yield url
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
async def service(
    own_database: str, crash_sink: SmtpSink, crash_provider: HttpProvider
) -> AsyncIterator[ServiceProcess]:
    port = free_port()
    env = {
        **os.environ,
        "CLIENTFLOW_DATABASE_URL": own_database,
        "CLIENTFLOW_NOTIFICATIONS_PORT": str(port),
        "CLIENTFLOW_SMTP_HOST": "127.0.0.1",
        "CLIENTFLOW_SMTP_PORT": str(crash_sink.port),
        "CLIENTFLOW_SMS_URL": crash_provider.url("sms"),
        "CLIENTFLOW_SMS_SECRET": PROVIDER_SECRET,
        "CLIENTFLOW_QUIET_HOURS": "off",
        "CLIENTFLOW_LOG_LEVEL": "WARNING",
    }
    process = ServiceProcess(env, port)
    yield process
    process.stop()


@pytest.fixture
async def looking_service(service: ServiceProcess, lookup_url: str) -> ServiceProcess:
    """The same service with the mail server's lookup API configured."""
    service.env = {**service.env, "CLIENTFLOW_SMTP_LOOKUP_URL": lookup_url}
    return service


async def _template(stub: notifications_pb2_grpc.NotificationsServiceStub) -> str:
    name = f"crash-{uuid.uuid4().hex[:8]}"
    await stub.PutTemplate(
        pb.PutTemplateRequest(
            key=name,
            locale="zh-CN",
            content=pb.TemplateContent(subject="对账单", body_text="您好，{{ name }}"),
        ),
        metadata=ADMIN.to_metadata(),
    )
    return name


async def _crash_then_repeat(
    service: ServiceProcess, request_for: dict[str, object], arm: object
) -> pb.Delivery:
    await service.start()
    async with open_channel(
        f"127.0.0.1:{service.port}", secret=TEST_INTERNAL_SECRET, audience="notifications"
    ) as channel:
        stub = notifications_pb2_grpc.NotificationsServiceStub(channel)
        variables = Struct()
        variables.update({"name": "王小明"})
        request = pb.SendRequest(
            idempotency_key=f"crash/{uuid.uuid4()}",
            template_key=await _template(stub),
            variables=variables,
            **request_for,  # type: ignore[arg-type]
        )
        assert callable(arm)
        arm()
        with pytest.raises(grpc.aio.AioRpcError) as cut:
            await stub.Send(request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=30)
        assert cut.value.code() == grpc.StatusCode.UNAVAILABLE
    assert service.process is not None
    service.process.wait(10)

    await service.start()
    async with open_channel(
        f"127.0.0.1:{service.port}", secret=TEST_INTERNAL_SECRET, audience="notifications"
    ) as channel:
        stub = notifications_pb2_grpc.NotificationsServiceStub(channel)
        reply: pb.Delivery = await stub.Send(
            request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=30
        )
        again: pb.Delivery = await stub.Send(
            request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=30
        )
    assert again.id == reply.id and again.status == reply.status
    return reply


async def test_an_email_cut_off_by_a_crash_is_never_sent_twice(
    service: ServiceProcess, crash_sink: SmtpSink
) -> None:
    address = f"{uuid.uuid4().hex[:8]}@example.com"

    def arm() -> None:
        def kill_service(_mail: object) -> None:
            crash_sink.on_message = None
            service.kill()

        crash_sink.on_message = kill_service

    delivery = await _crash_then_repeat(
        service, {"address": pb.Address(channel="email", value=address)}, arm
    )
    assert len(crash_sink.to(address)) == 1
    # SMTP cannot say whether it kept the message: the ledger says so, for an operator.
    assert delivery.status == "failed"
    assert delivery.reason.startswith("in_doubt")
    assert delivery.replayed

    # A manager or admin may send it anyway — only saying they accept a second copy — and the
    # decision stays in the delivery's history (the restarted service is still running).
    async with open_channel(
        f"127.0.0.1:{service.port}", secret=TEST_INTERNAL_SECRET, audience="notifications"
    ) as channel:
        stub = notifications_pb2_grpc.NotificationsServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.RetryDelivery(
                pb.RetryDeliveryRequest(id=delivery.id), metadata=ADMIN.to_metadata()
            )
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "accept_duplicate_risk" in str(refused.value.details())
        sent = await stub.RetryDelivery(
            pb.RetryDeliveryRequest(id=delivery.id, accept_duplicate_risk=True),
            metadata=ADMIN.to_metadata(),
        )
        got = await stub.GetDelivery(
            pb.GetDeliveryRequest(id=delivery.id), metadata=ADMIN.to_metadata()
        )
    assert sent.status == "sent"
    assert [a.outcome for a in got.attempts][-2:] == ["send_anyway", "sent"]
    assert len(crash_sink.to(address)) == 2  # what the manager accepted


async def test_an_sms_cut_off_by_a_crash_is_confirmed_by_a_provider_that_does_not_dedupe(
    service: ServiceProcess, crash_provider: HttpProvider
) -> None:
    service.env = {
        **service.env,
        "CLIENTFLOW_PROVIDERS_DEDUPE_BY_KEY": "false",
        "CLIENTFLOW_SMS_LOOKUP_URL": crash_provider.url("lookup/{key}"),
    }
    phone = f"+86138{uuid.uuid4().int % 10**8:08d}"

    def arm() -> None:
        def kill_service(_request: object) -> None:
            crash_provider.on_request = None
            service.kill()

        crash_provider.on_request = kill_service

    delivery = await _crash_then_repeat(
        service, {"address": pb.Address(channel="sms", value=phone)}, arm
    )
    calls = [r for r in crash_provider.requests if r.body.get("to") == phone]
    assert len(calls) == 1  # asked, not repeated
    assert delivery.status == "sent" and delivery.reason.startswith("confirmed")
    assert delivery.provider_message_id == crash_provider.delivered[delivery.idempotency_key]


async def test_an_email_cut_off_after_the_server_kept_it_is_confirmed_by_lookup(
    looking_service: ServiceProcess, crash_sink: SmtpSink
) -> None:
    address = f"{uuid.uuid4().hex[:8]}@example.com"

    def arm() -> None:
        def kill_service(_mail: object) -> None:
            crash_sink.on_message = None
            looking_service.kill()

        crash_sink.on_message = kill_service

    delivery = await _crash_then_repeat(
        looking_service, {"address": pb.Address(channel="email", value=address)}, arm
    )
    assert len(crash_sink.to(address)) == 1
    assert delivery.status == "sent", delivery.reason
    assert delivery.reason.startswith("confirmed")
    assert delivery.provider_message_id == crash_sink.to(address)[0]["Message-ID"]


async def test_an_email_cut_off_before_the_server_kept_it_is_sent_once_after_lookup(
    looking_service: ServiceProcess, crash_sink: SmtpSink
) -> None:
    address = f"{uuid.uuid4().hex[:8]}@example.com"

    def arm() -> None:
        def kill_service(rcpt: str) -> None:
            if rcpt == address:
                crash_sink.on_rcpt = None
                looking_service.kill()

        crash_sink.on_rcpt = kill_service

    delivery = await _crash_then_repeat(
        looking_service, {"address": pb.Address(channel="email", value=address)}, arm
    )
    assert len(crash_sink.to(address)) == 1
    assert delivery.status == "sent", delivery.reason
    # the cut-off attempt, the lookup's answer, the one send after it
    assert delivery.attempt_count == 3


async def test_an_sms_cut_off_by_a_crash_is_repeated_and_deduplicated_by_the_provider(
    service: ServiceProcess, crash_provider: HttpProvider
) -> None:
    phone = f"+86137{uuid.uuid4().int % 10**8:08d}"

    def arm() -> None:
        def kill_service(_request: object) -> None:
            crash_provider.on_request = None
            service.kill()

        crash_provider.on_request = kill_service

    delivery = await _crash_then_repeat(
        service, {"address": pb.Address(channel="sms", value=phone)}, arm
    )
    calls = [r for r in crash_provider.requests if r.body.get("to") == phone]
    assert len(calls) == 2  # the cut-off call and the repeat
    assert {r.headers["Idempotency-Key"] for r in calls} == {delivery.idempotency_key}
    assert delivery.status == "sent"
    assert delivery.provider_message_id == crash_provider.delivered[delivery.idempotency_key]
