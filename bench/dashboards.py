"""KPI dashboard latency at 100,000 clients: `Dashboards.kpis` (every query of the
dashboard, over a read-only connection) for the firm, a team and an advisor, on a book of
`--clients` clients (default 100,000) with 5 transactions each, a year of tier and stage
changes, 30,000 survey answers and 50,000 completed tasks. Reported: p50 and p95 per scope,
for the current quarter and the current year, over `--requests` sequential calls, and the ratio to one bare aggregate query over the same
clients table in the same run."""

from __future__ import annotations

import argparse
import statistics
import time

import asyncpg

from bench.book import load_book
from bench.stack import embedded_postgres
from services.common.db import create_engine
from services.reporting.dashboards import Dashboards, Scope
from services.reporting.periods import parse_period

EXTRAS = """
INSERT INTO clients.tier_history (client_id, tier, previous_tier, inputs, manual, reason, by_user, changed_at)
SELECT id, tier, 'GROWTH', '{}', false, '', 'bench', now() - random() * interval '365 days'
FROM clients.clients TABLESAMPLE BERNOULLI (20);
INSERT INTO clients.stage_history (client_id, stage, previous_stage, explanation, reason, by_user, changed_at)
SELECT id, lifecycle_stage, 'ACTIVE', '{}', '', 'bench', now() - random() * interval '365 days'
FROM clients.clients TABLESAMPLE BERNOULLI (20);
INSERT INTO reporting.survey_answers (id, client_id, score, comment, channel, answered_at, recorded_by)
SELECT gen_random_uuid(), id, floor(random() * 11)::int, '', 'portal',
       now() - random() * interval '365 days', 'bench'
FROM clients.clients TABLESAMPLE BERNOULLI (30);
INSERT INTO workflows.tasks (id, workflow_id, task_id, process_kind, title, client_id,
    assignee_user, assignee_role, team_id, status, sla, outcome, comment, form_json,
    claimed_by, completed_by, reminders_sent, escalation_level, breached_at, paused,
    created_at, updated_at, revision)
SELECT gen_random_uuid(), 'call-client/' || id || '/b', 'call',
       (ARRAY['call-client','onboarding','client-care'])[1 + floor(random() * 3)::int], 'Call',
       id::text, advisor_id, 'advisor', coalesce(team_id, ''), 'done', '2 business days', 'reached',
       '', '{}', '', advisor_id, 0, 0,
       CASE WHEN random() < 0.2 THEN now() ELSE NULL END, false,
       now() - interval '30 days' - random() * interval '300 days',
       now() - random() * interval '300 days', 1
FROM clients.clients TABLESAMPLE BERNOULLI (50);
ANALYZE;
"""


async def run(args: argparse.Namespace) -> list[str]:
    lines: list[str] = []
    async with embedded_postgres() as url:
        dsn = url.replace("postgresql+asyncpg://", "postgresql://")
        started = time.perf_counter()
        await load_book(dsn, clients=args.clients, interactions=0)
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute(EXTRAS)
            team = await connection.fetchval("SELECT team_id FROM clients.clients LIMIT 1")
            advisor = await connection.fetchval("SELECT advisor_id FROM clients.clients LIMIT 1")
        finally:
            await connection.close()
        lines.append(f"book: {args.clients:,} clients in {time.perf_counter() - started:.0f} s")
        engine = create_engine(url, pool_size=4, read_only=True, instrument=False)
        dashboards = Dashboards(engine)
        year = time.gmtime().tm_year
        periods = [
            parse_period(f"{year}Q{(time.gmtime().tm_mon - 1) // 3 + 1}"),
            parse_period(str(year)),
        ]
        try:
            bare: list[float] = []
            async with engine.connect() as bare_connection:
                for _ in range(args.requests):
                    began = time.perf_counter()
                    await bare_connection.exec_driver_sql(
                        "SELECT tier, count(*), sum(aum) FROM clients.clients GROUP BY tier"
                    )
                    bare.append(time.perf_counter() - began)
            for period, (name, scope) in (
                (period, choice)
                for period in periods
                for choice in (
                    ("firm", Scope()),
                    (f"team {team}", Scope(team_id=team)),
                    (f"advisor {advisor}", Scope(advisor_id=advisor)),
                )
            ):
                await dashboards.kpis(scope, period)  # warm the caches
                latencies = []
                for _ in range(args.requests):
                    began = time.perf_counter()
                    await dashboards.kpis(scope, period)
                    latencies.append(time.perf_counter() - began)
                p50 = statistics.median(latencies) * 1000
                p95 = statistics.quantiles(latencies, n=20)[18] * 1000
                lines.append(
                    f"{period.key} {name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms over {args.requests} calls "
                    f"(aim p95 < 500 ms); p50 ÷ one bare aggregate = "
                    f"{statistics.median(latencies) / statistics.median(bare):.1f}"
                )
        finally:
            await engine.dispose()
    return lines
