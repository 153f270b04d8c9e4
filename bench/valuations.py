"""Valuation history at scale: N clients (default 100,000) with 8 products each and 60
month-end valuations (5 years) — 48 million rows — seeded straight into PostgreSQL, the firm's
AUM changes derived from them, then:

- one client's value series over 5 years (`PortfolioReader.series`: its history read and
  carried forward), against a bare SELECT of the same rows with asyncpg;
- the firm's AUM series from the running changes (`PortfolioReader.aum_series`), against the
  naive GROUP BY over every valuation it replaces;
- an advisor's book (500 clients) from its clients' histories.

    python -m bench valuations --clients 100000 --requests 200
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from bench.stack import bench_engine, embedded_postgres
from services.clients.portfolio import PortfolioReader
from services.common.identity import Actor, Role

ADMIN = Actor(user_id="bench-admin", roles=frozenset({Role.ADMIN}))
BOOK = 500  # clients per advisor

SEED = """
INSERT INTO clients.clients (id, kind, name, advisor_id, team_id, email, locale, timezone,
    status, kyc_status, tags, custom_fields, tier, tier_override, lifecycle_stage, aum, version,
    risk_answers, investment_preferences, created_at, updated_at)
SELECT md5('c' || i)::uuid, 'individual', 'client ' || i, 'adv-' || (i / {book}),
       'team-' || (i / ({book} * 10)), 'c' || i || '@example.com', 'zh-CN', 'Asia/Shanghai',
       'active', 'verified', '{{}}', '{{}}', 'GROWTH', false, 'ACTIVE', 0, 1, '{{}}', '{{}}',
       now(), now()
FROM generate_series(0, {n} - 1) AS i;
INSERT INTO clients.valuations (client_id, as_of, product_code, product_name, units, cost,
                                market_value, currency)
SELECT md5('c' || i)::uuid,
       (date '2021-02-01' + make_interval(months => m))::date - 1,
       'P' || p, 'product ' || p, 1000, 100000,
       round((100000 + 50000 * sin(i + p + m / 6.0))::numeric, 2), 'CNY'
FROM generate_series(0, {n} - 1) AS i, generate_series(0, 7) AS p, generate_series(0, 59) AS m;
"""
CHANGES = """
INSERT INTO clients.aum_changes (as_of, team_id, currency, change)
SELECT as_of, team_id, currency, sum(change) FROM (
  SELECT v.as_of, c.team_id, v.currency,
         v.market_value - coalesce(lag(v.market_value) OVER (
           PARTITION BY v.client_id, v.product_code ORDER BY v.as_of), 0) AS change
  FROM clients.valuations v JOIN clients.clients c ON c.id = v.client_id) AS changes
GROUP BY 1, 2, 3
"""
CLIENT_CHANGES = """
INSERT INTO clients.client_aum_changes (client_id, as_of, currency, change)
SELECT client_id, as_of, currency, sum(change) FROM (
  SELECT v.client_id, v.as_of, v.currency,
         v.market_value - coalesce(lag(v.market_value) OVER (
           PARTITION BY v.client_id, v.product_code ORDER BY v.as_of), 0) AS change
  FROM clients.valuations v) AS changes
GROUP BY 1, 2, 3
"""
NAIVE = "SELECT as_of, currency, sum(market_value) FROM clients.valuations GROUP BY 1, 2 ORDER BY 1"


async def timed(call: Callable[[], Awaitable[object]], rounds: int) -> list[float]:
    await call()  # warm
    spent = []
    for _ in range(rounds):
        began = time.perf_counter()
        await call()
        spent.append((time.perf_counter() - began) * 1000)
    return spent


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 2 else max(values)


async def run(args: argparse.Namespace) -> list[str]:
    n, rounds = args.clients, max(args.requests // 10, 20)
    async with embedded_postgres() as url, bench_engine(url) as engine:
        began = time.perf_counter()
        async with engine.begin() as connection:
            for statement in SEED.format(n=n, book=BOOK).split(";"):
                if statement.strip():
                    await connection.execute(text(statement))
            await connection.execute(text(CHANGES))
            await connection.execute(text(CLIENT_CHANGES))
            await connection.execute(text("ANALYZE"))
        seeded = time.perf_counter() - began
        async with engine.connect() as connection:
            rows = (
                await connection.execute(text("SELECT count(*) FROM clients.valuations"))
            ).scalar()
            size = int(
                (
                    await connection.execute(
                        text("SELECT pg_total_relation_size('clients.valuations')")
                    )
                ).scalar_one()
            )
            picks = [
                str(r[0])
                for r in await connection.execute(
                    text("SELECT id FROM clients.clients ORDER BY random() LIMIT 50")
                )
            ]
        raw = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        rng = random.Random(1)

        async def ours_series() -> None:
            async with AsyncSession(engine) as session:
                await PortfolioReader(session).series(ADMIN, rng.choice(picks), "", "")

        async def bare_series() -> None:
            await raw.fetch(
                "SELECT as_of, product_code, market_value, currency FROM clients.valuations"
                " WHERE client_id = $1 ORDER BY as_of",
                uuid.UUID(rng.choice(picks)),
            )

        async def ours_firm() -> None:
            async with AsyncSession(engine) as session:
                await PortfolioReader(session).aum_series(ADMIN, "", "", "", "")

        async def naive_firm() -> None:
            await raw.fetch(NAIVE)

        async def ours_book() -> None:
            async with AsyncSession(engine) as session:
                await PortfolioReader(session).aum_series(ADMIN, "", "adv-1", "", "")

        series, bare = await timed(ours_series, rounds), await timed(bare_series, rounds)
        firm = await timed(ours_firm, rounds)
        naive = await timed(naive_firm, 3)
        book = await timed(ours_book, max(rounds // 4, 5))
        await raw.close()
    return [
        f"valuations: {rows:,} rows ({n:,} clients x 8 products x 60 month-ends),"
        f" {size / 2**30:.2f} GiB with its index; seeded in {seeded:.0f} s",
        f"one client's 5-year series: p50 {p(series, 50):.2f} ms, p95 {p(series, 95):.2f} ms"
        f" (aim <= 20 ms); bare SELECT of its rows p50 {p(bare, 50):.2f} ms;"
        f" ratio {p(bare, 50) / p(series, 50):.2f}",
        f"the firm's AUM series: p50 {p(firm, 50):.1f} ms, p95 {p(firm, 95):.1f} ms"
        f" (aim <= 250 ms); naive GROUP BY over every valuation p50 {p(naive, 50):.0f} ms;"
        f" {p(naive, 50) / p(firm, 50):.0f}x faster",
        f"an advisor's book ({BOOK} clients): p50 {p(book, 50):.0f} ms, p95 {p(book, 95):.0f} ms",
    ]


if __name__ == "__main__":  # pragma: no cover
    asyncio.run(run(argparse.Namespace(clients=1000, requests=200)))
