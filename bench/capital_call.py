"""Wall time of a capital call from a partner's approval to the last investor's notice, for
`--clients` investors (default 1,000), against rendering the same notices directly.

Everything real and in separate processes as in production (as for `distribution`): embedded
PostgreSQL, the Temporal dev server, `clientflow clients | notifications | reporting |
workflows | worker`, and an SMTP server in this process. The fund's investors each have an
e-mail address and a commitment; a manager drafts a call of 10 % over the FundsService, a
partner approves it, and the workflows service starts the process as the gateway would. The
clock runs from the approval until the process has sent every notice (it then waits for the
due date, years ahead). The baseline: the reporting package's notice renderer called
directly, one process per core, on the same data shape."""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import asyncpg
import psutil
from clientflow.clients.v1 import clients_pb2
from clientflow.workflows.v1 import workflows_pb2

from bench.distribution import _named, _snapshot
from bench.services import child
from bench.stack import dev_server, embedded_postgres
from services.common.grpc_client import ServiceClients
from services.common.identity import Actor, Role
from services.gateway.settings import GatewaySettings
from services.reporting.notice_pdf import NoticeData, render_notice
from services.workflows.contract import ProcessProgress
from services.workflows.worker.activities.capital import CapitalActivities
from services.workflows.worker.activities.capital_types import NoticeDelivery
from tests.notify_support import SmtpSink
from tests.support import free_port

FUND = "F-BENCH"
INVESTORS_SQL = """
INSERT INTO clients.clients (id, kind, name, advisor_id, team_id, email, preferred_channel,
    locale, timezone, status, kyc_status, tags, custom_fields, tier, tier_override,
    lifecycle_stage, aum, version, risk_answers, investment_preferences, created_at, updated_at)
SELECT gen_random_uuid(), 'individual', '有限合伙人' || n, 'adv-' || (n % 20), 'team-bench',
       'lp' || n || '@example.com', 'email', 'zh-CN', 'Asia/Shanghai', 'active', 'verified',
       '{}', '{}', 'GROWTH', false, 'ACTIVE', 0, 1, '{}', '{}', now(), now()
FROM generate_series(1, $1) AS n;
INSERT INTO clients.funds (code, name, currency, vintage, size)
VALUES ('F-BENCH', '成长一期', 'CNY', 2025, 100000000000);
INSERT INTO clients.commitments (fund_code, client_id, amount, committed_on)
SELECT 'F-BENCH', id, 1000000 + (random() * 9000000)::int, '2025-01-15' FROM clients.clients;
ANALYZE;
"""
MANAGER = Actor("mgr-bench", frozenset({Role.ADMIN}))
PARTNER = Actor("ptr-bench", frozenset({Role.PARTNER}))


async def run(args: argparse.Namespace) -> list[str]:
    investors = args.clients if args.clients != 100_000 else 1_000
    sink = SmtpSink()
    sink.start()
    env_server = await dev_server()
    try:
        async with embedded_postgres() as url:
            connection = await asyncpg.connect(
                url.replace("postgresql+asyncpg://", "postgresql://")
            )
            try:
                for statement in INVESTORS_SQL.split(";\n"):
                    if statement.strip():
                        args_ = (investors,) if "$1" in statement else ()
                        await connection.execute(statement, *args_)
            finally:
                await connection.close()
            ports = {
                name: free_port() for name in ("clients", "notifications", "reporting", "workflows")
            }
            with tempfile.TemporaryDirectory() as artifacts:
                env = {
                    "CLIENTFLOW_DATABASE_URL": url,
                    "CLIENTFLOW_TEMPORAL_ADDRESS": env_server.client.service_client.config.target_host,
                    "CLIENTFLOW_ARTIFACTS_DIR": artifacts,
                    "CLIENTFLOW_SMTP_HOST": "127.0.0.1",
                    "CLIENTFLOW_SMTP_PORT": str(sink.port),
                    "CLIENTFLOW_QUIET_HOURS": "off",
                    "CLIENTFLOW_LOG_LEVEL": "WARNING",
                    "CLIENTFLOW_TASK_QUEUE": "bench-capital",
                    **{f"CLIENTFLOW_{n.upper()}_PORT": str(p) for n, p in ports.items()},
                }
                async with (
                    child("clients", env, ports["clients"]) as p_clients,
                    child("reporting", env, ports["reporting"]) as p_reporting,
                    child("notifications", env, ports["notifications"]) as p_notifications,
                    child("workflows", env, ports["workflows"]) as p_workflows,
                    child("worker", env) as p_worker,
                ):
                    processes = {
                        "clients": p_clients,
                        "reporting": p_reporting,
                        "notifications": p_notifications,
                        "workflows": p_workflows,
                        "worker": p_worker,
                        "temporal": lambda: _named("temporal"),
                        "postgres": lambda: _named("postgres"),
                    }
                    services = ServiceClients.connect(
                        GatewaySettings(
                            **{f"{n}_port": p for n, p in ports.items()},  # type: ignore[arg-type]
                            auth_jwt_secret="x" * 32,
                        )
                    )
                    try:
                        seconds, cpu = await _call(services, env_server.client, processes)
                        bare = await _bare_activities(services)
                    finally:
                        await services.close()
                    direct = _direct_rendering()
    finally:
        await env_server.shutdown()
        sink.stop()
    rate = investors / seconds
    total = sum(cpu.values())
    return [
        f"{investors:,} investors: approval to the last notice took {seconds:.1f} s"
        f" ({rate:.1f} notices/s), {len(sink.messages):,} e-mails caught",
        f"direct rendering of the same notices ({psutil.cpu_count()} processes, one per core,"
        f" nothing else running): {direct:.1f} notices/s;"
        f" ratio call/direct {rate / direct:.2f} (aim >= 0.8)",
        f"the same notices of a second call by the process's activity called directly, 32 at a"
        f" time (no Temporal): {bare:.1f} notices/s; ratio process/bare {rate / bare:.2f}",
        "CPU over the call (s, share): "
        + ", ".join(f"{name} {value:.0f} ({value / total:.0%})" for name, value in cpu.items()),
    ]


async def _call(
    services: ServiceClients, temporal: Any, processes: dict[str, Any]
) -> tuple[float, dict[str, float]]:
    draft = await services.funds.DraftCapitalEvent(
        clients_pb2.DraftCapitalEventRequest(
            fund_code=FUND, kind="call", percent="10", purpose="项目投资", due_on="2031-01-03"
        ),
        metadata=MANAGER.to_metadata(),
        timeout=120,
    )
    before = _snapshot(processes)
    started = time.perf_counter()
    await services.funds.DecideCapitalEvent(
        clients_pb2.DecideCapitalEventRequest(id=draft.id, approve=True),
        metadata=PARTNER.to_metadata(),
    )
    process = await services.processes.StartCapitalEventRun(
        workflows_pb2.StartCapitalEventRunRequest(event_id=draft.id),
        metadata=PARTNER.to_metadata(),
    )
    handle = temporal.get_workflow_handle(process.workflow_id)
    while True:
        view = await handle.query("progress", result_type=ProcessProgress)
        if view.current_step == "awaiting payment":
            break
        await asyncio.sleep(0.2)
    seconds = time.perf_counter() - started
    after = _snapshot(processes)
    await handle.terminate("benchmark done")
    return seconds, {
        name: sum(cpu - before[name].get(pid, 0.0) for pid, cpu in after[name].items())
        for name in processes
    }


async def _bare_activities(services: ServiceClients) -> float:
    """Notices per second when this process calls the notice activity itself for every
    investor of a second call: the same services, renders and e-mails, without Temporal."""
    draft = await services.funds.DraftCapitalEvent(
        clients_pb2.DraftCapitalEventRequest(
            fund_code=FUND, kind="call", percent="10", due_on="2031-02-03"
        ),
        metadata=MANAGER.to_metadata(),
        timeout=120,
    )
    await services.funds.DecideCapitalEvent(
        clients_pb2.DecideCapitalEventRequest(id=draft.id, approve=True),
        metadata=PARTNER.to_metadata(),
    )
    activities = CapitalActivities(services.funds, services.reporting, services.notifications)
    gate = asyncio.Semaphore(32)

    async def one(client_id: str) -> None:
        async with gate:
            await activities.deliver_notice(
                NoticeDelivery(draft.id, client_id, f"bench/{draft.id}", "call", "notice")
            )

    started = time.perf_counter()
    await asyncio.gather(*(one(a.client_id) for a in draft.allocations))
    return len(draft.allocations) / (time.perf_counter() - started)


SAMPLE = NoticeData(
    kind="call",
    locale="zh-CN",
    event_id="0c0ffee0-0000-4000-8000-000000000001",
    issued_on="2026-12-07",
    client_name="有限合伙人1",
    fund_code=FUND,
    fund_name="成长一期",
    currency="CNY",
    amount="512345.67",
    due_on="2031-01-03",
    purpose="项目投资",
    payment_reference="CF-0C0FFEE0-1A2B3C4D",
    commitment="5123456.00",
    called="512345.67",
    uncalled="4611110.33",
)


def _render(count: int) -> float:
    render_notice(SAMPLE)
    started = time.perf_counter()
    for _ in range(count):
        render_notice(SAMPLE)
    return time.perf_counter() - started


def _direct_rendering(count: int = 200) -> float:
    cores = psutil.cpu_count() or 1
    with ProcessPoolExecutor(cores) as pool:
        seconds = list(pool.map(_render, [count] * cores))
    return sum(count / each for each in seconds)
