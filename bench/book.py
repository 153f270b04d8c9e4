"""A large synthetic book loaded with COPY, shared by the clients benchmarks."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg

TIERS = ("STRATEGIC", "CORE", "GROWTH")
STAGES = ("ACTIVE", "ACTIVE", "GROWING", "DECLINING", "DORMANT")
TAGS = ("vip", "高净值", "企业主", "ESG", "退休规划")
CLIENT_COLUMNS = (
    "id",
    "kind",
    "name",
    "advisor_id",
    "team_id",
    "phone",
    "email",
    "locale",
    "timezone",
    "status",
    "kyc_status",
    "risk_level",
    "tags",
    "custom_fields",
    "tier",
    "tier_override",
    "lifecycle_stage",
    "aum",
    "last_activity_at",
    "version",
    "risk_answers",
    "investment_preferences",
)


async def load_book(
    dsn: str, *, clients: int, interactions: int, seed: int = 11
) -> list[uuid.UUID]:
    """Insert `clients` clients and `interactions` interactions (plus 3 holdings and 5
    transactions per client) with COPY; returns the client ids."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    connection = await asyncpg.connect(dsn)
    try:
        ids = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(clients)]
        records: list[tuple[object, ...]] = [
            (
                cid,
                "individual",
                f"客户{i:06d}",
                f"adv-{i % 30:02d}",
                f"team-{i % 5}",
                f"139{i:08d}",
                f"c{i}@example.com",
                "zh-CN",
                "Asia/Shanghai",
                "active",
                "verified",
                rng.choice(("C1", "C2", "C3", "C4", "C5")),
                rng.sample(TAGS, rng.randint(0, 2)),
                "{}",
                rng.choice(TIERS),
                False,
                rng.choice(STAGES),
                round(rng.uniform(1e5, 5e7), 2),
                now - timedelta(days=rng.randint(0, 400)),
                1,
                "{}",
                [],
            )
            for i, cid in enumerate(ids)
        ]
        await connection.copy_records_to_table(
            "clients", schema_name="clients", columns=CLIENT_COLUMNS, records=records
        )
        holdings = [
            (
                uuid.uuid4(),
                cid,
                f"P{j}",
                f"产品{j}",
                100,
                1000,
                round(rng.uniform(1e4, 1e7), 2),
                "CNY",
                now.date(),
            )
            for cid in ids
            for j in range(3)
        ]
        await connection.copy_records_to_table(
            "holdings",
            schema_name="clients",
            columns=(
                "id",
                "client_id",
                "product_code",
                "product_name",
                "units",
                "cost",
                "market_value",
                "currency",
                "as_of",
            ),
            records=holdings,
        )
        transactions = [
            (
                uuid.uuid4(),
                cid,
                f"b-{cid}-{j}",
                rng.choice(("subscription", "redemption", "dividend")),
                "P0",
                round(rng.uniform(1e3, 1e6), 2),
                "CNY",
                now - timedelta(days=rng.randint(0, 365)),
            )
            for cid in ids
            for j in range(5)
        ]
        await connection.copy_records_to_table(
            "transactions",
            schema_name="clients",
            columns=(
                "id",
                "client_id",
                "external_id",
                "kind",
                "product_code",
                "amount",
                "currency",
                "occurred_at",
            ),
            records=transactions,
        )
        batch: list[tuple[object, ...]] = []
        for n in range(interactions):
            batch.append(
                (
                    uuid.uuid4(),
                    ids[n % clients],
                    rng.choice(("call", "email", "wechat", "meeting")),
                    "outbound",
                    "季度回顾",
                    now - timedelta(days=rng.randint(0, 365)),
                    "adv-00",
                )
            )
            if len(batch) == 100_000:
                await connection.copy_records_to_table(
                    "interactions",
                    schema_name="clients",
                    columns=(
                        "id",
                        "client_id",
                        "channel",
                        "direction",
                        "summary",
                        "occurred_at",
                        "by_user",
                    ),
                    records=batch,
                )
                batch = []
        if batch:
            await connection.copy_records_to_table(
                "interactions",
                schema_name="clients",
                columns=(
                    "id",
                    "client_id",
                    "channel",
                    "direction",
                    "summary",
                    "occurred_at",
                    "by_user",
                ),
                records=batch,
            )
        await connection.execute("ANALYZE")
        return ids
    finally:
        await connection.close()
