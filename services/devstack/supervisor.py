"""`clientflow dev`: the whole system on one machine, started in order and stopped cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import sys
import time
from pathlib import Path

import asyncpg
import httpx

from services.common.grpc_client import SERVICES
from services.common.migrations import upgrade
from services.common.temporal import connect_temporal_with_retry, ensure_search_attributes
from services.devstack import helpers
from services.devstack.banner import banner, metrics_ports
from services.devstack.postgres import PostgresDidNotStart, postgres_child, wait_for_postgres
from services.devstack.processes import Child, port_is_free
from services.devstack.settings import DevSettings
from services.devstack.temporal import temporal_child
from services.devstack.tending import Restarts, WorkerWatch, tend
from services.workflows.service.schedules import sync_schedules

APP_PROCESSES = (*SERVICES, "worker", "gateway", "console")
# Ctrl-C must leave nothing running within 10 s: apps get 6 s, the stores 3 s.
APP_STOP_SECONDS = 6.0
STORE_STOP_SECONDS = 3.0


class StartupError(Exception):
    """A one-line reason the stack could not start."""


def jwt_secret(settings: DevSettings) -> str:
    """The configured secret, or one kept in the data dir so tokens survive restarts."""
    if settings.auth_jwt_secret is not None:
        return settings.auth_jwt_secret.get_secret_value()
    return _kept_secret(settings.data_dir, "jwt-secret")


def internal_secret(settings: DevSettings) -> str:
    """The secret the processes sign their calls to each other with: the configured one, or
    one kept in the data dir."""
    if settings.internal_secret is not None:
        return settings.internal_secret.get_secret_value()
    return _kept_secret(settings.data_dir, "internal-secret")


def console_session_secret(settings: DevSettings) -> str:
    """The console's cookie-signing secret, kept in the data dir (sessions survive restarts)."""
    return _kept_secret(settings.data_dir, "console-session-secret")


def _kept_secret(data_dir: Path, name: str) -> str:
    path = data_dir / name
    if path.exists():
        return path.read_text().strip()
    secret = secrets.token_urlsafe(32)
    path.write_text(secret)
    path.chmod(0o600)
    return secret


def _ports(settings: DevSettings) -> list[tuple[int, str]]:
    ports = [
        (settings.gateway_port, "CLIENTFLOW_GATEWAY_PORT or --gateway-port"),
        (settings.console_port, "CLIENTFLOW_CONSOLE_PORT or --console-port"),
        (settings.worker_health_port, "CLIENTFLOW_WORKER_HEALTH_PORT or --worker-health-port"),
        *(
            (getattr(settings, f"{name}_port"), f"CLIENTFLOW_{name.upper()}_PORT or --{name}-port")
            for name in SERVICES
        ),
    ]
    if settings.smtp_host is None:
        ports.append((settings.mail_port, "CLIENTFLOW_MAIL_PORT or --mail-port"))
        ports.append((settings.mail_api_port, "CLIENTFLOW_MAIL_API_PORT or --mail-api-port"))
    if settings.prometheus:
        ports.append((settings.prometheus_port, "CLIENTFLOW_PROMETHEUS_PORT or --prometheus-port"))
    if settings.database_url is None:
        ports.append((settings.postgres_port, "CLIENTFLOW_POSTGRES_PORT or --postgres-port"))
    if settings.temporal_address is None:
        ports.append((settings.temporal_port, "CLIENTFLOW_TEMPORAL_PORT or --temporal-port"))
        ports.append(
            (settings.temporal_ui_port, "CLIENTFLOW_TEMPORAL_UI_PORT or --temporal-ui-port")
        )
    return ports


def check_ports(settings: DevSettings) -> None:
    """Fail fast, naming the port and the setting that moves it (and a missing Prometheus)."""
    if settings.prometheus:
        helpers.prometheus_binary()
    for port, setting in _ports(settings):
        if not port_is_free(settings.bind_host, port):
            raise StartupError(f"port {port} is already in use; choose another with {setting}")


async def _ensure_database(port: int, name: str) -> None:
    connection = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres")
    try:
        if not await connection.fetchval("select 1 from pg_database where datname = $1", name):
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


class DevStack:
    """Starts PostgreSQL and Temporal (unless given), migrates, runs every process."""

    def __init__(self, settings: DevSettings) -> None:
        self.settings = settings
        self.data_dir = settings.data_dir.resolve()
        self.logs = self.data_dir / "logs"
        self.stores: list[Child] = []
        self.apps: list[Child] = []
        self.metrics_ports: dict[str, int] = {}
        # Optional helpers left stopped after a crash loop (the rest keeps serving).
        self.given_up: set[str] = set()
        self.database_url = settings.database_url
        self.temporal_address = settings.temporal_address
        self.secret = ""
        self.internal_secret = ""
        self.console_secret = ""
        self.demo = False

    async def start_stores(self) -> None:
        """Embedded PostgreSQL and the Temporal dev server, each unless configured."""
        s = self.settings
        if self.database_url is None:
            pg = postgres_child(
                self.data_dir / "postgres", s.postgres_port, self.logs / "postgres.log"
            )
            pg.start()
            self.stores.append(pg)
        if self.temporal_address is None:
            temporal = temporal_child(
                self.data_dir,
                s.temporal_port,
                s.temporal_ui_port,
                s.temporal_namespace,
                self.logs / "temporal.log",
            )
            temporal.start()
            self.stores.append(temporal)
            self.temporal_address = f"127.0.0.1:{s.temporal_port}"
        if self.database_url is None:
            admin_url = f"postgresql://postgres@127.0.0.1:{s.postgres_port}/postgres"
            try:
                await wait_for_postgres(admin_url, self.stores[0], timeout=30)
            except PostgresDidNotStart as error:
                raise StartupError(str(error)) from None
            await _ensure_database(s.postgres_port, "clientflow")
            self.database_url = (
                f"postgresql+asyncpg://postgres@127.0.0.1:{s.postgres_port}/clientflow"
            )

    async def prepare(self) -> None:
        """Migrations, search attributes, schedules, default rules (and the demo book)."""
        assert self.database_url is not None and self.temporal_address is not None
        await asyncio.to_thread(upgrade, self.database_url)
        from services.clients.demo import demo_clients, seed_demo
        from services.common.config import TemporalSettings
        from services.common.db import create_engine
        from services.reporting.demo import seed_demo_answers
        from services.workflows.service.defaults import install_default_rules
        from services.workflows.service.demo import demo_ratings, seed_demo_requests

        temporal = TemporalSettings(
            temporal_address=self.temporal_address,
            temporal_namespace=self.settings.temporal_namespace,
        )
        client = await connect_temporal_with_retry(temporal, attempts=60)
        if self.settings.temporal_address is not None:
            await ensure_search_attributes(client)
        await sync_schedules(client, temporal.task_queue)
        # Each service's own seeding code, on its schema.
        engine = create_engine(self.database_url, pool_size=2, instrument=False)
        try:
            await install_default_rules(engine)
            added = await seed_demo(engine) if self.demo else 0
            if self.demo:
                # A year of requests and survey answers, each service on its own schema.
                book = await demo_clients(engine)
                requests = await seed_demo_requests(engine, book)
                await seed_demo_answers(engine, [c[0] for c in book], demo_ratings(requests))
        finally:
            await engine.dispose()
        if added:
            print(
                f"Seeded a demo book of {added} clients. Directory: team-east (manager"
                " mgr-east; advisors adv-li, adv-wang), team-west (manager mgr-west; advisor"
                " adv-chen); accountant acc-sun, partner ptn-zhou.",
                flush=True,
            )

    async def seed_present(self) -> None:
        """The demo's work for today, through the gateway (once per data directory)."""
        from services.devstack.demo_present import seed_present

        try:
            made = await seed_present(self.gateway_url, self.secret, self.data_dir)
        except Exception as error:  # the stack serves on; the demo day is a convenience
            print(f"Demo: today's work could not be made: {error}", file=sys.stderr, flush=True)
            return
        if made:
            print(
                "Demo: today's work is waiting in My day for adv-li, adv-wang, mgr-east,"
                " acc-sun and ptn-zhou.",
                flush=True,
            )

    def child_env(self) -> dict[str, str]:
        """What every app process is told."""
        s = self.settings
        env = {
            "CLIENTFLOW_DATABASE_URL": str(self.database_url),
            "CLIENTFLOW_TEMPORAL_ADDRESS": str(self.temporal_address),
            "CLIENTFLOW_TEMPORAL_NAMESPACE": s.temporal_namespace,
            "CLIENTFLOW_AUTH_JWT_SECRET": self.secret,
            "CLIENTFLOW_INTERNAL_SECRET": self.internal_secret,
            # The dev sign-in only when asked for: it mints a token for anyone.
            "CLIENTFLOW_DEV_SIGN_IN": "true" if s.dev_sign_in else "false",
            "CLIENTFLOW_GATEWAY_PORT": str(s.gateway_port),
            # The console: a frontend of the gateway; its dev sign-in lists the directory's
            # people and exists only under `clientflow dev`.
            "CLIENTFLOW_CONSOLE_PORT": str(s.console_port),
            "CLIENTFLOW_GATEWAY_URL": self.gateway_url,
            "CLIENTFLOW_CONSOLE_SESSION_SECRET": self.console_secret,
            "CLIENTFLOW_CONSOLE_DEV_SIGN_IN": "true" if self.console_mode == "dev" else "false",
            # The client portal is the console's /portal: links in messages point there.
            "CLIENTFLOW_PORTAL_URL": self.console_url,
            "CLIENTFLOW_BIND_HOST": s.bind_host,
            "CLIENTFLOW_LOG_LEVEL": s.log_level,
            "CLIENTFLOW_LOG_FORMAT": "json",
            # One machine, no load balancer: stop at once on Ctrl-C (no drain wait).
            "CLIENTFLOW_GRPC_DRAIN_SECONDS": "0",
            "CLIENTFLOW_WORKER_HEALTH_PORT": str(s.worker_health_port),
            # The dev sign-in's admin reads the daily digest of deliveries in doubt.
            "CLIENTFLOW_OPS_DIGEST_TO": os.environ.get("CLIENTFLOW_OPS_DIGEST_TO", "admin"),
            "CLIENTFLOW_WORKER_HEALTH_ADDRESS": self.worker_health_address,
            "OTEL_TRACES_EXPORTER": s.otel_traces_exporter,
            "OTEL_METRICS_EXPORTER": s.otel_metrics_exporter,
        }
        if s.auth_jwks_url:
            env["CLIENTFLOW_AUTH_JWKS_URL"] = s.auth_jwks_url
        if "CLIENTFLOW_ARTIFACTS_DIR" not in os.environ:
            env["CLIENTFLOW_ARTIFACTS_DIR"] = str(self.data_dir.resolve() / "artifacts")
        if s.smtp_host is None:
            env["CLIENTFLOW_SMTP_HOST"] = "127.0.0.1"
            env["CLIENTFLOW_SMTP_PORT"] = str(s.mail_port)
            env["CLIENTFLOW_SMTP_LOOKUP_URL"] = helpers.mail_api_url(self)
        for name in SERVICES:
            env[f"CLIENTFLOW_{name.upper()}_PORT"] = str(getattr(s, f"{name}_port"))
            env[f"CLIENTFLOW_{name.upper()}_HOST"] = self.local_host
        return env

    @property
    def console_mode(self) -> str | None:
        """ "dev": the dev sign-in (anyone who reaches it may be anyone), only on loopback
        unless --dev-sign-in says otherwise; "oidc": an identity provider is configured;
        None: the console is not started."""
        s = self.settings
        loopback = s.bind_host in ("127.0.0.1", "localhost", "::1")
        if not s.auth_jwks_url and (loopback or s.dev_sign_in):
            return "dev"
        if os.environ.get("CLIENTFLOW_OIDC_ISSUER"):
            return "oidc"
        return None

    def start_apps(self) -> None:
        """Every service, the worker, the gateway and (see console_mode) the console; each
        its own metrics port when CLIENTFLOW_METRICS_PORT asks for metrics."""
        env = self.child_env()
        names = [n for n in APP_PROCESSES if n != "console" or self.console_mode is not None]
        base = os.environ.get("CLIENTFLOW_METRICS_PORT") or (
            helpers.DEFAULT_METRICS_BASE if self.settings.prometheus else None
        )
        self.metrics_ports = metrics_ports(names, base)
        for name in names:
            port = self.metrics_ports.get(name)
            child = Child(
                name=name,
                argv=[sys.executable, "-m", "services.cli", name],
                log_path=self.logs / f"{name}.log",
                env={**env, "CLIENTFLOW_METRICS_PORT": str(port)} if port else env,
            )
            child.start()
            self.apps.append(child)

    def _dead_child(self) -> Child | None:
        return next((c for c in [*self.stores, *self.apps] if not c.running), None)

    async def wait_ready(self) -> None:
        """Gateway /readyz (every gRPC health SERVING) and the Temporal UI both answer 200."""
        deadline = time.monotonic() + self.settings.ready_timeout_seconds
        urls = [f"{self.gateway_url}/readyz"]
        if self.console_mode is not None:
            urls.append(f"{self.console_url}/healthz")
        if self.ui_url:
            urls.append(self.ui_url)
        async with httpx.AsyncClient(timeout=2) as http:
            pending = list(urls)
            while pending:
                dead = self._dead_child()
                if dead is not None:
                    raise StartupError(
                        f"{dead.name} exited during start-up; see {dead.log_path}:\n{dead.tail()}"
                    )
                if time.monotonic() > deadline:
                    raise StartupError(
                        f"not ready after {self.settings.ready_timeout_seconds:.0f} s: {', '.join(pending)}"
                    )
                for url in list(pending):
                    try:
                        answer = await http.get(url)
                        # The gateway is ready to serve at once; the stack once every
                        # service it calls answers too.
                        if answer.status_code == 200 and (
                            not url.endswith("/readyz") or answer.json().get("status") == "ready"
                        ):
                            pending.remove(url)
                    except (httpx.HTTPError, ValueError):
                        pass
                if pending:
                    await asyncio.sleep(0.25)

    @property
    def local_host(self) -> str:
        """Where this machine reaches what the stack binds (a wildcard bind is loopback here)."""
        bind = self.settings.bind_host
        return "127.0.0.1" if bind in ("0.0.0.0", "::") else bind

    @property
    def worker_health_address(self) -> str:
        return f"{self.local_host}:{self.settings.worker_health_port}"

    @property
    def gateway_url(self) -> str:
        return f"http://{self.local_host}:{self.settings.gateway_port}"

    @property
    def console_url(self) -> str:
        return f"http://{self.local_host}:{self.settings.console_port}"

    @property
    def console_line(self) -> str:
        mode = self.console_mode
        if mode == "dev":
            return f"{self.console_url}   (sign in as any person in the directory)"
        if mode == "oidc":
            return f"{self.console_url}   (sign in with your organisation)"
        return (
            "off: bound beyond loopback, where a dev sign-in would let anyone be anyone"
            " (pass --dev-sign-in to allow it, or set CLIENTFLOW_OIDC_ISSUER)"
        )

    @property
    def ui_url(self) -> str | None:
        if self.settings.temporal_address is not None:
            return None
        return f"http://127.0.0.1:{self.settings.temporal_ui_port}"

    def banner(self) -> str:
        """The short block printed once the stack is ready."""
        return banner(self)

    def stop(self) -> None:
        """Apps first (they drain), then Temporal and PostgreSQL; nothing is left behind."""
        for group, timeout in ((self.apps, APP_STOP_SECONDS), (self.stores, STORE_STOP_SECONDS)):
            for child in group:
                child.signal_stop()
            deadline = time.monotonic() + timeout
            for child in group:
                child.wait_or_kill(max(0.1, deadline - time.monotonic()))


async def _run(stack: DevStack) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    # Everything the stack writes (database, mail, artifacts, logs, secrets) is the
    # user's alone: files 0600, directories 0700.
    os.umask(0o077)
    stack.data_dir.mkdir(parents=True, exist_ok=True)
    stack.data_dir.chmod(0o700)
    stack.secret = jwt_secret(stack.settings)
    stack.internal_secret = internal_secret(stack.settings)
    stack.console_secret = console_session_secret(stack.settings)
    check_ports(stack.settings)
    print(f"Starting Clientflow (data: {stack.data_dir}, logs: {stack.logs}) ...", flush=True)
    startup = asyncio.ensure_future(_start(stack))
    stopper = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({startup, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if startup not in done:
        startup.cancel()
        return 130
    startup.result()
    print(stack.banner(), flush=True)
    present = asyncio.create_task(stack.seed_present()) if stack.demo else None
    restarts = Restarts()
    due: dict[str, float] = {}
    watch = WorkerWatch(stack.worker_health_address)
    try:
        while not stop.is_set():
            if not tend(stack, restarts, due, time.monotonic()):
                return 1
            await watch.check(stack, time.monotonic())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=0.5)
    finally:
        await watch.close()
    print("Stopping Clientflow ...", flush=True)
    if present is not None and not present.done():
        present.cancel()
    return 0


async def _start(stack: DevStack) -> None:
    await stack.start_stores()
    helpers.start_mailbox(stack)
    await stack.prepare()
    stack.start_apps()
    helpers.start_prometheus(stack)
    await stack.wait_ready()


def run_dev(settings: DevSettings, *, demo: bool = False) -> int:
    """Run until Ctrl-C/SIGTERM; returns the exit code."""
    stack = DevStack(settings)
    stack.demo = demo
    try:
        return asyncio.run(_run(stack))
    except StartupError as error:
        print(f"clientflow dev: {error}", file=sys.stderr)
        return 2
    finally:
        stack.stop()
