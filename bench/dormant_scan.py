"""The dormant-client scan at 1,000,000 clients.

The book: `--clients` clients (default 1,000,000) inserted by one INSERT … SELECT, with last
activity spread evenly over 400 days and tiers and stages drawn independently (seeded). The scan's query work is what
the workflows service does for one scan (`DormancyService`: plan the windows, then page
through them over gRPC from the clients service), with Temporal replaced by a stub that
counts starts, so only the query path is timed:

- daily: the windows of one day (the watermark a day old), i.e. the clients who went
  dormant since yesterday — the scan's cost every day;
- first run: no watermark yet, a 30-day look-back;
- baseline: what a scan without a watermark pays every day at the least — one pass of one
  SQL query over every client idle past their tier's threshold (ids only, no gRPC), in the
  same run.

Reported: seconds per scan (median of rounds), clients started, and daily ÷ naive.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from sqlalchemy import delete

from bench.stack import bench_engine, embedded_postgres
from services.clients.server import build as build_clients
from services.common.db import session_factory
from services.common.grpc_client import ServiceClients
from services.common.identity import SYSTEM_ACTOR
from services.gateway.settings import GatewaySettings
from services.workflows.service.dormancy import DormancyService, Window
from services.workflows.service.models import ScanWatermark
from services.workflows.settings import ProcessDefaults


class CountingTemporal:
    """Stands in for the Temporal client: counts starts, so only query work is timed."""

    def __init__(self) -> None:
        self.started = 0

    async def start_workflow(self, *_args: Any, **_kwargs: Any) -> None:
        self.started += 1


BOOK_SQL = """
INSERT INTO clients.clients (
    id, kind, name, advisor_id, team_id, email, locale, timezone, status, kyc_status, tags,
    custom_fields, tier, tier_override, lifecycle_stage, aum, last_activity_at, version,
    risk_answers, investment_preferences, created_at, updated_at)
SELECT gen_random_uuid(), 'individual', '客户' || n, 'adv-' || (n % 30), 'team-' || (n % 5),
       'c' || n || '@example.com', 'zh-CN', 'Asia/Shanghai', 'active', 'verified', '{}', '{}',
       (ARRAY['STRATEGIC','CORE','GROWTH','GROWTH'])[1 + floor(random() * 4)::int], false,
       (ARRAY['ACTIVE','ACTIVE','GROWING','DECLINING','DORMANT'])[1 + floor(random() * 5)::int],
       (n % 5000) * 1000, now() - random() * interval '400 days',
       1, '{}', '{}', now() - (n % 2000) * interval '1 hour', now()
FROM generate_series(1, $1) AS n
"""


async def scan(service: DormancyService, windows: list[Window]) -> float:
    started = time.perf_counter()
    for window in windows:
        token = ""
        while True:
            page = await service.scan_page(SYSTEM_ACTOR, window, token, 200)
            token = page.next_page_token
            if not token:
                break
    return time.perf_counter() - started


async def run(args: argparse.Namespace) -> list[str]:
    lines = []
    async with embedded_postgres() as url:
        dsn = url.replace("postgresql+asyncpg://", "postgresql://")
        connection = await asyncpg.connect(dsn)
        loaded = time.perf_counter()
        await connection.execute("SELECT setseed(0.42)")
        await connection.execute(BOOK_SQL, args.clients)
        await connection.execute("ANALYZE clients.clients")
        await connection.close()
        lines.append(f"book: {args.clients:,} clients in {time.perf_counter() - loaded:.0f} s")
        async with bench_engine(url) as engine:
            server = build_clients(engine)
            port = await server.start("127.0.0.1", 0, port_setting="(bench)")
            services = ServiceClients.connect(
                GatewaySettings(
                    clients_host="127.0.0.1", clients_port=port, auth_jwt_secret="x" * 32
                )
            )
            defaults = ProcessDefaults()
            sessions = session_factory(engine)
            now = datetime.now(UTC)
            try:
                results: dict[str, list[float]] = {"daily": [], "first run": []}
                starts: dict[str, int] = {}
                for _ in range(args.rounds):
                    for name in results:
                        temporal = CountingTemporal()
                        async with sessions() as session:
                            service = DormancyService(
                                session,
                                temporal,  # type: ignore[arg-type]
                                services.clients,
                                defaults,
                                task_queue="bench",
                            )
                            await session.execute(delete(ScanWatermark))
                            if name == "daily":
                                for tier in ("STRATEGIC", "CORE", "GROWTH"):
                                    days = defaults.dormant_days.get(tier, 180)
                                    session.add(
                                        ScanWatermark(
                                            name=f"dormant:{tier}",
                                            watermark=now - timedelta(days=days + 1),
                                            updated_at=now,
                                        )
                                    )
                                await session.flush()
                            planned = time.perf_counter()
                            windows = await service.plan(SYSTEM_ACTOR, now)
                            plan_seconds = time.perf_counter() - planned
                            seconds = plan_seconds + await scan(service, windows)
                            await session.rollback()
                        results[name].append(seconds)
                        starts[name] = temporal.started
                    results.setdefault("naive", []).append(await naive(dsn, defaults, now))
                    starts["naive"] = 0
                for name, values in results.items():
                    lines.append(
                        f"{name}: {statistics.median(values):.3f} s per scan, "
                        + (
                            f"{starts[name]:,} reactivations started"
                            if name != "naive"
                            else f"{naive_rows[-1]:,} idle clients read"
                        )
                    )
                daily, full = (statistics.median(results[k]) for k in ("daily", "naive"))
                lines.append(f"daily ÷ naive = {daily / full:.4f} (aim: daily under 2 s)")
                async with sessions() as session:
                    plan = await session.execute(
                        _explain(now - timedelta(days=181), now - timedelta(days=180))
                    )
                    lines.append("one page's plan: " + " | ".join(r[0] for r in plan)[:600])
            finally:
                await services.close()
                await server.stop(0)
    return lines


async def naive(dsn: str, defaults: ProcessDefaults, now: datetime) -> float:
    """Every client idle past their tier's threshold, in one query (ids only)."""
    connection = await asyncpg.connect(dsn)
    try:
        started = time.perf_counter()
        rows = await connection.fetch(
            "SELECT id FROM clients.clients WHERE lifecycle_stage = ANY($1) AND ("
            " (tier = 'STRATEGIC' AND last_activity_at < $2)"
            " OR (tier <> 'STRATEGIC' AND last_activity_at < $3))",
            ["ACTIVE", "GROWING", "DECLINING"],
            now - timedelta(days=defaults.dormant_days.get("STRATEGIC", 90)),
            now - timedelta(days=defaults.dormant_days.get("default", 180)),
        )
        seconds = time.perf_counter() - started
        naive_rows.append(len(rows))
        return seconds
    finally:
        await connection.close()


naive_rows: list[int] = []


def _explain(since: datetime, until: datetime) -> Any:
    from sqlalchemy import text

    return text(
        "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) "
        "SELECT * FROM clients.clients WHERE tier = 'GROWTH' "
        "AND lifecycle_stage IN ('ACTIVE', 'GROWING', 'DECLINING') "
        "AND last_activity_at >= :since AND last_activity_at < :until "
        "ORDER BY created_at DESC, id DESC LIMIT 200"
    ).bindparams(since=since, until=until)
