"""Clients benchmarks on a 100,000-client book with 1,000,000 interactions:

- view: GET /v1/clients/{id}/view through gateway -> clients gRPC -> PostgreSQL, against
  a bare FastAPI endpoint doing one asyncpg query on the same data, 32 requests in flight;
- segment: the count of a typical segment through the gateway;
- import: a 100,000-row .xlsx through POST /v1/clients:import, against PostgreSQL COPY of
  the same rows into a bare table, and against the write floor: COPY of the same rows straight
  into what an import must write (clients with their indexes, external ids, audit entries
  with their chain trigger), rolled back; with the clients process's peak memory for a
  25,000- and a 100,000-row file.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import psutil
from openpyxl import Workbook

from bench.book import load_book
from bench.budget import CpuBudget, Spent
from bench.stack import embedded_postgres
from services.common.tokens import mint_token
from tests.support import free_port

SECRET = "bench-secret-0123456789abcdef0123456789"
ADMIN = {"Authorization": f"Bearer {mint_token(SECRET, user_id='bench', roles=['admin'])}"}


@asynccontextmanager
async def process(
    argv: Sequence[str], env: dict[str, str], health_url: str
) -> AsyncIterator[psutil.Process]:
    child = await asyncio.create_subprocess_exec(
        *argv, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        async with httpx.AsyncClient() as http:
            for _ in range(200):
                try:
                    if (await http.get(health_url)).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)
        yield psutil.Process(child.pid)
    finally:
        child.terminate()
        try:
            await asyncio.wait_for(child.wait(), 10)
        except TimeoutError:
            print(f"{' '.join(argv[-2:])} did not stop within 10 s; killed", file=sys.stderr)
            child.kill()
            await child.wait()


async def load(
    url: str, ids: list[Any], total: int, concurrency: int, headers: dict[str, str]
) -> tuple[list[float], float]:
    """`total` GETs of url.format(id) with `concurrency` in flight; latencies (s) and wall time."""
    latencies: list[float] = []
    rng = random.Random(3)
    queue = [rng.choice(ids) for _ in range(total)]
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:

        async def worker() -> None:
            while queue:
                client_id = queue.pop()
                started = time.perf_counter()
                response = await http.get(url.format(id=client_id), headers=headers)
                latencies.append(time.perf_counter() - started)
                assert response.status_code == 200, response.text

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, time.perf_counter() - started


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


def xlsx(rows: int, offset: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["姓名", "手机", "邮箱", "外部编号", "标签"])
    for i in range(offset, offset + rows):
        sheet.append([f"导入客户{i}", f"186{i:08d}", f"imp{i}@example.com", f"IMP-{i}", "vip、ESG"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def write_floor(connection: asyncpg.Connection, records: Sequence[tuple[str, ...]]) -> float:
    """Seconds to COPY `records` as new clients with their external ids and create audit
    entries, the rows an import writes, with no parsing or validation; rolled back."""

    now = datetime.now(UTC)
    ids = [uuid.uuid4() for _ in records]
    changes = json.dumps({"name": {"after": "x"}, "phone": {"after": "1"}, "email": {"after": "e"}})
    transaction = connection.transaction()
    await transaction.start()
    try:
        t0 = time.perf_counter()
        await connection.copy_records_to_table(
            "clients",
            schema_name="clients",
            columns=["id", "name", "phone", "email", "kind", "advisor_id", "team_id", "version"],
            records=[
                (ids[i], name, phone, email, "individual", "bench", None, 1)
                for i, (name, phone, email, _) in enumerate(records)
            ],
        )
        await connection.copy_records_to_table(
            "external_ids",
            schema_name="clients",
            columns=["client_id", "source", "external_id"],
            records=[(ids[i], "floor", r[3]) for i, r in enumerate(records)],
        )
        await connection.copy_records_to_table(
            "audit_log",
            schema_name="clients",
            columns=[
                "client_id",
                "entity",
                "entity_id",
                "action",
                "actor_id",
                "changes",
                "at",
                "seq",
            ],
            records=[(i, "client", str(i), "create", "bench", changes, now, 1) for i in ids],
        )
        return time.perf_counter() - t0
    finally:
        await transaction.rollback()


async def peak_rss_during(proc: psutil.Process, work: Any) -> tuple[Any, int]:
    peak = proc.memory_info().rss
    task = asyncio.ensure_future(work)
    while not task.done():
        peak = max(peak, proc.memory_info().rss)
        await asyncio.sleep(0.02)
    return task.result(), peak


async def run(args: argparse.Namespace) -> list[str]:
    lines: list[str] = []
    async with embedded_postgres() as url:
        dsn = url.replace("postgresql+asyncpg://", "postgresql://")
        started = time.perf_counter()
        ids = await load_book(dsn, clients=args.clients, interactions=args.interactions)
        lines.append(
            f"book: {args.clients} clients, {args.interactions} interactions loaded in {time.perf_counter() - started:.0f} s"
        )
        clients_port, gateway_port, bare_port = free_port(), free_port(), free_port()
        env = {
            "CLIENTFLOW_DATABASE_URL": url,
            "CLIENTFLOW_CLIENTS_PORT": str(clients_port),
            "CLIENTFLOW_GATEWAY_PORT": str(gateway_port),
            "CLIENTFLOW_AUTH_JWT_SECRET": SECRET,
            "CLIENTFLOW_LOG_LEVEL": "WARNING",
            "CLIENTFLOW_DB_POOL_SIZE": "16",
        }
        py = sys.executable
        async with (
            process(
                [py, "-m", "services.cli", "clients"],
                env,
                f"http://127.0.0.1:{gateway_port}/healthz",
            ) as clients_proc,
            process(
                [py, "-m", "services.cli", "gateway"],
                env,
                f"http://127.0.0.1:{gateway_port}/healthz",
            ),
            process(
                [
                    py,
                    "-m",
                    "uvicorn",
                    "bench.bare_api:app",
                    "--port",
                    str(bare_port),
                    "--log-level",
                    "warning",
                ],
                {"BENCH_DSN": dsn},
                f"http://127.0.0.1:{bare_port}/docs",
            ),
        ):
            ours_url = f"http://127.0.0.1:{gateway_port}/v1/clients/{{id}}/view"
            bare_url = f"http://127.0.0.1:{bare_port}/clients/{{id}}"
            await load(ours_url, ids, 300, args.concurrency, ADMIN)
            await load(bare_url, ids, 300, args.concurrency, {})
            ours: list[tuple[list[float], float]] = []
            bare: list[tuple[list[float], float]] = []
            budget, ours_cpu, bare_cpu = CpuBudget.of_this_run(), Spent(), Spent()
            for _ in range(args.rounds):
                with budget.round() as spent:
                    bare.append(await load(bare_url, ids, args.requests, args.concurrency, {}))
                bare_cpu.add(spent)
                with budget.round() as spent:
                    ours.append(await load(ours_url, ids, args.requests, args.concurrency, ADMIN))
                ours_cpu.add(spent)
            ours_lat = [x for lat, _ in ours for x in lat]
            bare_lat = [x for lat, _ in bare for x in lat]
            ours_rps = statistics.median(args.requests / wall for _, wall in ours)
            bare_rps = statistics.median(args.requests / wall for _, wall in bare)
            lines += [
                f"view: {args.rounds} rounds x {args.requests} requests, {args.concurrency} in flight",
                f"  bare FastAPI + 1 asyncpg query : p50 {pct(bare_lat, 50):6.1f} ms  p99 {pct(bare_lat, 99):6.1f} ms  {bare_rps:7.1f} req/s",
                f"  Clientflow 360 view (gw+gRPC)  : p50 {pct(ours_lat, 50):6.1f} ms  p99 {pct(ours_lat, 99):6.1f} ms  {ours_rps:7.1f} req/s",
                f"  throughput ratio clientflow/bare: {ours_rps / bare_rps:.2f}",
                *ours_cpu.lines("360 view", args.requests * args.rounds),
                *bare_cpu.lines("bare FastAPI + asyncpg", args.requests * args.rounds),
            ]
            # One call at a time: the latency a person waits for, without queueing.
            alone, _ = await load(ours_url, ids, 200, 1, ADMIN)
            bare_alone, _ = await load(bare_url, ids, 200, 1, {})
            lines.append(
                f"  one at a time: Clientflow p50 {pct(alone, 50):5.1f} ms, p99"
                f" {pct(alone, 99):5.1f} ms; bare p50 {pct(bare_alone, 50):5.1f} ms"
            )

            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{gateway_port}", timeout=120
            ) as http:
                after = (datetime.now(UTC) - timedelta(days=180)).isoformat()
                body = {
                    "name": "bench segment",
                    "filter": {
                        "tiers": ["STRATEGIC", "CORE"],
                        "tags_any": ["vip"],
                        "aum_min": "1000000",
                        "last_activity_after": after,
                    },
                }
                segment = (await http.post("/v1/segments", json=body, headers=ADMIN)).json()["id"]
                timings, count = [], 0
                for _ in range(21):
                    t0 = time.perf_counter()
                    count = (await http.get(f"/v1/segments/{segment}/count", headers=ADMIN)).json()[
                        "count"
                    ]
                    timings.append(time.perf_counter() - t0)
                lines.append(
                    f"segment count ({count} of {args.clients} match): p50 {statistics.median(timings) * 1000:.0f} ms, "
                    f"max {max(timings) * 1000:.0f} ms over 21 calls (through the gateway)"
                )

                peaks = {}
                for rows, offset in (
                    (args.import_rows // 4, 10_000_000),
                    (args.import_rows, 20_000_000),
                ):
                    content = xlsx(rows, offset)
                    t0 = time.perf_counter()
                    response, peak = await peak_rss_during(
                        clients_proc,
                        http.post(
                            "/v1/clients:import",
                            params={"all_or_nothing": "false"},
                            files={"file": ("book.xlsx", content)},
                            headers=ADMIN,
                        ),
                    )
                    wall = time.perf_counter() - t0
                    report = response.json()
                    assert report.get("created") == rows, report
                    peaks[rows] = (peak, wall, len(content))
                rows = args.import_rows
                records = [
                    (f"导入客户{i}", f"186{i:08d}", f"imp{i}@example.com", f"IMP-{i}")
                    for i in range(30_000_000, 30_000_000 + rows)
                ]
                connection = await asyncpg.connect(dsn)
                await connection.execute(
                    "create table bench_copy(name text, phone text, email text, external_id text)"
                )
                t0 = time.perf_counter()
                await connection.copy_records_to_table("bench_copy", records=records)
                copy_wall = time.perf_counter() - t0
                floor_wall = await write_floor(connection, records)
                await connection.close()
                ours_rate = rows / peaks[rows][1]
                copy_rate = rows / copy_wall
                small = args.import_rows // 4
                lines += [
                    f"import: {rows}-row .xlsx ({peaks[rows][2] / 1e6:.1f} MB) through the gateway: {ours_rate:8.0f} rows/s",
                    f"  PostgreSQL COPY of the same rows:                {copy_rate:8.0f} rows/s",
                    f"  ratio import/COPY: {ours_rate / copy_rate:.3f}",
                    f"  write floor (COPY into clients, external_ids, audit_log): {rows / floor_wall:8.0f} rows/s;"
                    f" ratio floor/COPY {copy_wall / floor_wall:.3f}, import/floor {floor_wall / peaks[rows][1]:.2f}",
                    f"  clients process peak RSS: {peaks[small][0] / 1e6:.0f} MB at {small} rows, {peaks[rows][0] / 1e6:.0f} MB at {rows} rows",
                ]
    return lines
