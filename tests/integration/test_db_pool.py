"""The connection pool pings only connections that sat idle: one the database dropped while
idle is replaced before a call uses it, and a pool in steady use adds no round trips."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from services.common.db import ping_when_idle


@pytest.fixture
def pings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    seen: list[int] = []
    ping: Any = AsyncAdapt_asyncpg_connection.ping

    def counted(self: AsyncAdapt_asyncpg_connection) -> None:
        seen.append(1)
        ping(self)

    monkeypatch.setattr(AsyncAdapt_asyncpg_connection, "ping", counted)
    return seen


@asynccontextmanager
async def one_connection_pool(database_url: str, idle_seconds: float) -> AsyncIterator[AsyncEngine]:
    """A pool of one connection, pinged after `idle_seconds` idle."""
    engine = create_async_engine(database_url, pool_size=1, max_overflow=0)
    ping_when_idle(engine, idle_seconds=idle_seconds)
    try:
        yield engine
    finally:
        await engine.dispose()


async def backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(text("select pg_backend_pid()"))).scalar_one())


async def test_an_idle_connection_dropped_by_the_database_is_replaced(
    database_url: str, pings: list[int]
) -> None:
    async with one_connection_pool(database_url, idle_seconds=0.0) as engine:
        first = await backend_pid(engine)
        assert await backend_pid(engine) == first  # the same pooled connection, pinged
        admin = create_async_engine(database_url, poolclass=NullPool)
        async with admin.connect() as connection:
            await connection.execute(text(f"select pg_terminate_backend({first})"))
        await admin.dispose()
        assert await backend_pid(engine) != first  # pinged, found dropped, replaced
        assert len(pings) >= 2


async def test_a_connection_in_steady_use_is_not_pinged(
    database_url: str, pings: list[int]
) -> None:
    async with one_connection_pool(database_url, idle_seconds=60.0) as engine:
        pids = {await backend_pid(engine) for _ in range(5)}
        assert len(pids) == 1
        assert pings == []
