"""A list of records of one type filtered on two indexed fields, at 100,000 records of that
type (among 200,000 of four types): the records' storage (JSONB with a partial expression
index per indexed field, the list through `CustomRecordService.list_records` as an admin)
against a table of the same rows with native columns and b-tree indexes (the same filter,
sort and page size in plain SQL), in the same database and run. Reported: p50 and p95 per
list, and the ratio of the p95s.

    python -m bench records --workflows 300 --rounds 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bench.stack import bench_engine, embedded_postgres
from services.clients.custom_records import CustomRecordService, Filter
from services.clients.record_type_store import RecordTypeStore
from services.common.identity import Actor, Role

ADMIN = Actor(user_id="bench-admin", roles=frozenset({Role.ADMIN}))
TYPES = ("order", "contract", "opportunity", "ticket")


def order_type(key: str) -> dict[str, Any]:
    return {
        "key": key,
        "name": {"zh-CN": key, "en": key},
        "client": "none",
        "fields": [
            {"key": "product", "type": "text", "label": {"zh-CN": "产品", "en": "Product"}},
            {
                "key": "amount",
                "type": "money",
                "label": {"zh-CN": "金额", "en": "Amount"},
                "indexed": True,
                "required": True,
            },
            {
                "key": "ordered_on",
                "type": "date",
                "label": {"zh-CN": "日期", "en": "Date"},
                "indexed": True,
            },
        ],
        "title_field": "product",
    }


async def build(engine: AsyncEngine, count: int) -> None:
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    async with sessions() as session, session.begin():
        for key in TYPES:
            await RecordTypeStore(session).put(ADMIN, order_type(key), 0)
    rng = random.Random(7)
    start = date(2024, 1, 1)
    rows = []
    plain = []
    now = datetime.now(UTC)
    for key in TYPES:
        for i in range(count if key == "order" else count // 3):
            amount = rng.randint(1, 5_000_000)
            on = start + timedelta(days=rng.randint(0, 1000))
            record_id = uuid.uuid4()
            rows.append(
                (
                    record_id,
                    key,
                    f"p{i}",
                    f'{{"product": "p{i}", "amount": {{"amount": {amount}, "currency": "CNY"}},'
                    f' "ordered_on": "{on.isoformat()}"}}',
                    now - timedelta(seconds=i),
                )
            )
            if key == "order":
                plain.append((record_id, f"p{i}", amount, on, now - timedelta(seconds=i)))
    async with engine.begin() as connection:
        raw: Any = (await connection.get_raw_connection()).driver_connection
        await raw.execute(
            "CREATE TEMP TABLE staging (id uuid, type_key text, title text, data text,"
            " at timestamptz)"
        )
        await raw.copy_records_to_table("staging", records=rows)
        await raw.execute(
            "INSERT INTO clients.records (id, type_key, client_id, title, data, status, version,"
            " created_by, updated_by, created_at, updated_at) SELECT id, type_key, NULL, title,"
            " data::jsonb, 'active', 1, 'bench', 'bench', at, at FROM staging"
        )
        await raw.execute(
            "CREATE TABLE public.plain_orders (id uuid PRIMARY KEY, product text,"
            " amount numeric, ordered_on date, updated_at timestamptz)"
        )
        await raw.copy_records_to_table("plain_orders", records=plain, schema_name="public")
        await raw.execute("CREATE INDEX ON public.plain_orders (amount)")
        await raw.execute("CREATE INDEX ON public.plain_orders (ordered_on)")
        await raw.execute("ANALYZE clients.records")
        await raw.execute("ANALYZE public.plain_orders")


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


async def measure(engine: AsyncEngine, lists: int) -> tuple[list[float], list[float]]:
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    rng = random.Random(11)
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(lists):
        low = rng.randint(0, 4_000_000)
        since = (date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))).isoformat()
        filters = [Filter("amount", "gte", str(low)), Filter("ordered_on", "gte", since)]
        async with sessions() as session:
            t0 = time.perf_counter()
            await CustomRecordService(session).list_records(
                ADMIN, "order", filters=filters, sort="-amount", size=50
            )
            ours.append(time.perf_counter() - t0)
        async with engine.connect() as connection:
            t0 = time.perf_counter()
            await connection.execute(
                text(
                    "SELECT * FROM public.plain_orders WHERE amount >= :low AND ordered_on >= :on"
                    " ORDER BY amount DESC, id LIMIT 51"
                ),
                {"low": low, "on": date.fromisoformat(since)},
            )
            bare.append(time.perf_counter() - t0)
    return ours, bare


async def run(args: argparse.Namespace) -> list[str]:
    count = int(args.clients or 100_000)
    lines = []
    async with embedded_postgres() as url, bench_engine(url) as engine:
        await build(engine, count)
        medians = []
        for round_number in range(int(args.rounds)):
            ours, bare = await measure(engine, int(args.workflows))
            (o50, o95), (b50, b95) = quantiles(ours), quantiles(bare)
            medians.append((o95, b95))
            lines.append(
                f"round {round_number + 1}: records p50 {o50 * 1000:.1f} ms p95 {o95 * 1000:.1f} ms"
                f" | native columns p50 {b50 * 1000:.1f} ms p95 {b95 * 1000:.1f} ms"
            )
        o95 = statistics.median(m[0] for m in medians)
        b95 = statistics.median(m[1] for m in medians)
        lines.append(
            f"records of one type: {count:,} (of {count + 3 * (count // 3):,}); filter on two"
            f" indexed fields, sort by one, 50 a page: p95 {o95 * 1000:.1f} ms (aim ≤ 100 ms),"
            f" native columns {b95 * 1000:.1f} ms, ratio {b95 / o95:.2f} of the native speed"
        )
    return lines
