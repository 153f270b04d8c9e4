"""Wall time to distribute a quarter's reports to `--clients` clients (default 10,000) once
the approvals are given, and where the time goes.

Everything real and in separate processes as in production: embedded PostgreSQL, the
Temporal dev server, `clientflow clients | notifications | reporting | workflows | worker`,
and an SMTP server (aiosmtpd, in this process) catching the e-mails. The book: one team,
every client with an e-mail address, 3 holdings and 5 transactions in the quarter. The
benchmark starts `quarterly-report/team-bench/2026Q3`, completes the data, commentary and
approval tasks through the workflow's Updates, then times the distribution (batches of 200,
4 batches at a time, 8 reports in flight per batch) until the run completes, and reads each
process's CPU time over that window."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import asyncpg
import psutil

from bench.services import child, cpu_seconds, report_data
from bench.stack import dev_server, embedded_postgres
from services.common.grpc_client import ServiceClients
from services.gateway.settings import GatewaySettings
from services.reporting.pdf import render_client_report
from services.workflows.contract import ProcessProgress, TaskAction
from services.workflows.worker.processes.quarterly import (
    QuarterlyReportInput,
    QuarterlyReportResult,
    QuarterlyReportWorkflow,
)
from tests.notify_support import SmtpSink
from tests.support import free_port

BOOK_SQL = """
INSERT INTO clients.clients (id, kind, name, advisor_id, team_id, email, preferred_channel,
    locale, timezone, status, kyc_status, tags, custom_fields, tier, tier_override,
    lifecycle_stage, aum, version, risk_answers, investment_preferences, created_at, updated_at)
SELECT gen_random_uuid(), 'individual', '客户' || n, 'adv-' || (n % 20), 'team-bench',
       'c' || n || '@example.com', 'email', 'zh-CN', 'Asia/Shanghai', 'active', 'verified',
       '{}', '{}', 'GROWTH', false, 'ACTIVE', 0, 1, '{}', '{}', now(), now()
FROM generate_series(1, $1) AS n;
"""
POSITIONS_SQL = """
INSERT INTO clients.holdings (id, client_id, product_code, product_name, units, cost,
    market_value, currency, as_of)
SELECT gen_random_uuid(), c.id, 'P' || p, '稳健增长' || p || '号', 1000, 900,
       round((random() * 500000)::numeric, 2), 'CNY', '2026-09-30'
FROM clients.clients c, generate_series(1, 3) AS p;
UPDATE clients.clients c SET aum = h.total
FROM (SELECT client_id, sum(market_value) AS total FROM clients.holdings GROUP BY 1) h
WHERE h.client_id = c.id;
INSERT INTO clients.transactions (id, client_id, external_id, kind, product_code, amount,
    currency, occurred_at, recorded_at)
SELECT gen_random_uuid(), c.id, 'b-' || c.id || '-' || t,
       (ARRAY['subscription','redemption','dividend'])[1 + t % 3], 'P1',
       round((random() * 50000)::numeric, 2), 'CNY',
       timestamptz '2026-07-01 02:00+00' + (t * 17) * interval '1 day', now()
FROM clients.clients c, generate_series(1, 5) AS t;
ANALYZE;
"""

# The SMTP server catching the mail runs in the bench process.
MAIL_SERVER = "bench and its mail server"


async def run(args: argparse.Namespace) -> list[str]:
    clients = args.clients
    lines: list[str] = []
    sink = SmtpSink()
    sink.start()
    env_server = await dev_server()
    try:
        async with embedded_postgres() as url:
            dsn = url.replace("postgresql+asyncpg://", "postgresql://")
            connection = await asyncpg.connect(dsn)
            try:
                await connection.execute(BOOK_SQL, clients)
                await connection.execute(POSITIONS_SQL)
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
                    "CLIENTFLOW_TASK_QUEUE": "bench-reports",
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
                        # The SMTP server catching the mail runs in this process; a
                        # deployment's mail server is elsewhere.
                        MAIL_SERVER: lambda: [psutil.Process()],
                    }
                    result, seconds, cpu = await _distribute(env_server.client, processes)
                    direct, rendering = await _direct_rendering(dsn, ports["clients"], artifacts)
    finally:
        await env_server.shutdown()
        sink.stop()
    caught = len(sink.messages)
    lines.append(
        f"{clients:,} clients: distribution took {seconds:.0f} s "
        f"({clients / seconds:.1f} reports/s), {caught:,} e-mails caught, counts {result.counts}"
    )
    lines.append(
        f"direct rendering of the same reports ({psutil.cpu_count()} processes, one per core,"
        f" nothing else running): {direct:.1f} reports/s;"
        f" ratio distribution/direct {clients / seconds / direct:.2f} (aim >= 0.5, 0.8 stretch)"
    )
    total = sum(cpu.values())
    ours = 1000 * (total - cpu[MAIL_SERVER]) / clients
    lines.append(
        f"CPU per report: direct rendering {rendering:.1f} ms, the distribution {ours:.1f} ms"
        f" in our processes (the mail server left out: a deployment's is elsewhere);"
        f" ratio {rendering / ours:.2f}"
    )
    lines.append(
        "CPU over the distribution (s, share): "
        + ", ".join(f"{name} {value:.0f} ({value / total:.0%})" for name, value in cpu.items())
        + f"; {total / seconds:.2f} cores busy on average (of {psutil.cpu_count()})"
    )
    return lines


def _render(data: Any, count: int) -> tuple[float, float]:
    """Seconds and CPU seconds to render `count` reports from `data` in this process, after
    one to warm up."""
    render_client_report(data)
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        render_client_report(data)
    return time.perf_counter() - started, time.process_time() - cpu


async def _direct_rendering(
    dsn: str, clients_port: int, artifacts: str, count: int = 150
) -> tuple[float, float]:
    """Reports per second (and CPU ms per report) from the reporting package's renderer
    called directly on a bench client's quarter, one process per core: the baseline the
    distribution is measured against (same machine, same run, same data shape)."""
    connection = await asyncpg.connect(dsn)
    try:
        client_id = str(await connection.fetchval("SELECT id FROM clients.clients LIMIT 1"))
    finally:
        await connection.close()
    services = ServiceClients.connect(
        GatewaySettings(clients_port=clients_port, auth_jwt_secret="x" * 32)
    )
    try:
        data = await report_data(
            services.clients, artifacts, client_id, "三季度市场震荡，组合保持均衡配置。"
        )
    finally:
        await services.close()
    cores = psutil.cpu_count() or 1
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(cores) as pool:
        timed = await asyncio.gather(
            *(loop.run_in_executor(pool, _render, data, count) for _ in range(cores))
        )
    cpu_ms = 1000 * sum(cpu for _, cpu in timed) / (count * cores)
    return sum(count / seconds for seconds, _ in timed), cpu_ms


def _tree(process: psutil.Process) -> list[psutil.Process]:
    """A process and its descendants (the reporting service's render workers)."""
    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return [process]


def _named(prefix: str) -> list[psutil.Process]:
    return [p for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith(prefix)]


def _snapshot(groups: dict[str, Any]) -> dict[str, dict[int, float]]:
    """CPU seconds by pid of every process in each group, as the group is now (a backend or a
    render worker started since the last look counts from zero)."""
    found: dict[str, dict[int, float]] = {}
    for name, members in groups.items():
        processes = members() if callable(members) else _tree(members)
        found[name] = {}
        for process in processes:
            with contextlib.suppress(psutil.Error):
                found[name][process.pid] = cpu_seconds(process)
    return found


async def _distribute(
    client: Any, processes: dict[str, Any]
) -> tuple[QuarterlyReportResult, float, dict[str, float]]:
    handle = await client.start_workflow(
        QuarterlyReportWorkflow.run,
        QuarterlyReportInput(book="team-bench", period="2026Q3", manager_id="mgr-bench"),
        id="quarterly-report/team-bench/2026Q3",
        task_queue="bench-reports",
    )

    async def complete(task_id: str, user: str, role: str, outcome: str, **form: str) -> None:
        for _ in range(600):
            view = await handle.query("progress", result_type=ProcessProgress)
            if any(t.task_id == task_id for t in view.tasks):
                break
            await asyncio.sleep(0.1)
        await handle.execute_update(
            QuarterlyReportWorkflow.complete_task,
            TaskAction(
                task_id=task_id,
                actor_user=user,
                actor_roles=(role,),
                actor_team="team-bench",
                outcome=outcome,
                form_json=json.dumps(form),
            ),
        )

    await complete("data", "acc", "accountant", "confirmed")
    await complete("commentary-1", "adv-1", "advisor", "submitted", commentary="三季度评述")
    before = _snapshot(processes)
    started = time.perf_counter()
    await complete("approval-1", "ptr", "partner", "approved")
    result: QuarterlyReportResult = await handle.result()
    seconds = time.perf_counter() - started
    after = _snapshot(processes)
    return (
        result,
        seconds,
        {
            name: sum(cpu - before[name].get(pid, 0.0) for pid, cpu in after[name].items())
            for name in processes
        },
    )
