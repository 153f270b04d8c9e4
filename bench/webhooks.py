"""What subscriptions add to the change that causes a delivery: the time to store an event (the
insert the outbox relay's publish makes, one per transaction) with no subscriptions against
with three subscriptions of its type, whose trigger queues the deliveries in that transaction.
The deliveries themselves are sent later by the dispatcher, outside any transaction."""

from __future__ import annotations

import argparse
import statistics
import time
import uuid

import asyncpg

from bench.stack import embedded_postgres

EVENTS = 3000
INSERT = """
INSERT INTO workflows.events (event_id, type, client_id, occurred_at, received_at, payload,
    published_by, firings)
VALUES ($1, 'client.changed', $2, now(), now(), '{"fields": ["tags"]}', 'bench', '[]')
ON CONFLICT (event_id) DO NOTHING
"""
SUBSCRIBE = """
INSERT INTO workflows.webhook_subscriptions (id, url, description, event_types, secret,
    enabled, created_by, created_at, updated_at)
VALUES ($1, 'https://example.com/hook', '', ARRAY['client.changed'], 'sealed', true, 'bench',
    now(), now())
"""


async def _round(connection: asyncpg.Connection, label: str) -> list[float]:
    times = []
    for n in range(EVENTS):
        started = time.perf_counter()
        async with connection.transaction():
            await connection.execute(INSERT, f"bench/{label}/{n}", str(uuid.uuid4()))
        times.append((time.perf_counter() - started) * 1000)
    return times


async def run(args: argparse.Namespace) -> list[str]:
    async with embedded_postgres() as url:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            await _round(connection, "warm")
            bare = await _round(connection, "bare")
            for _ in range(3):
                await connection.execute(SUBSCRIBE, uuid.uuid4())
            fanned = await _round(connection, "fanned")
            queued = await connection.fetchval("SELECT count(*) FROM workflows.webhook_deliveries")
        finally:
            await connection.close()
    p50_bare, p50_fan = statistics.median(bare), statistics.median(fanned)
    return [
        f"{EVENTS:,} events stored one per transaction: p50 {p50_bare:.3f} ms with no"
        f" subscriptions, {p50_fan:.3f} ms with three subscriptions of their type"
        f" ({queued:,} deliveries queued)",
        f"added by the subscriptions: {p50_fan - p50_bare:.3f} ms per event (aim <= 1 ms);"
        f" ratio {p50_bare / p50_fan:.2f}",
    ]
