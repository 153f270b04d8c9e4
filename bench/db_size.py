"""The database's size per client, for capacity planning: the demo book (advisors, holdings,
a year of transactions and interactions, tiers, stages, the audit chain) seeded into a fresh
embedded PostgreSQL, then every table's size (heap, indexes and TOAST) over the clients.
Not a ratio: a size to multiply by the book (docs/CAPACITY.md).

    python -m bench db_size --clients 2000
"""

from __future__ import annotations

import argparse

from sqlalchemy import text

from bench.stack import bench_engine, embedded_postgres
from services.clients.demo import seed_demo


async def run(args: argparse.Namespace) -> list[str]:
    async with embedded_postgres() as url, bench_engine(url) as engine:
        async with engine.connect() as connection:
            empty = int(
                (
                    await connection.execute(text("SELECT pg_database_size(current_database())"))
                ).scalar_one()
            )
        clients = await seed_demo(engine, clients=args.clients)
        async with engine.begin() as connection:
            await connection.execute(text("ANALYZE"))
        async with engine.connect() as connection:
            total = int(
                (
                    await connection.execute(text("SELECT pg_database_size(current_database())"))
                ).scalar_one()
            )
            rows = (
                await connection.execute(
                    text(
                        "SELECT n.nspname || '.' || c.relname, pg_total_relation_size(c.oid),"
                        " c.reltuples::bigint FROM pg_class c JOIN pg_namespace n"
                        " ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                        " AND n.nspname IN ('clients', 'notifications', 'reporting', 'workflows')"
                        " ORDER BY 2 DESC LIMIT 12"
                    )
                )
            ).all()
    grown = total - empty
    lines = [
        f"clients seeded: {clients:,}",
        f"database: {total / 2**20:,.1f} MiB ({empty / 2**20:,.1f} MiB empty, migrated)",
        f"per client: {grown / max(clients, 1) / 1024:,.1f} KiB",
        "largest tables (with indexes and TOAST):",
    ]
    lines += [
        f"  {name:<40} {size / 2**20:>8.1f} MiB  {count:>10,} rows" for name, size, count in rows
    ]
    return lines
