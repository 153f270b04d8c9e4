"""The baseline for the 360° view: a bare FastAPI endpoint doing one asyncpg query."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from fastapi import FastAPI

pool: asyncpg.Pool | None = None


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    global pool
    pool = await asyncpg.create_pool(os.environ["BENCH_DSN"], min_size=4, max_size=16)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/clients/{client_id}")
async def client(client_id: str) -> dict[str, Any]:
    assert pool is not None
    row = await pool.fetchrow(
        "select id, name, tier, lifecycle_stage, aum from clients.clients where id = $1", client_id
    )
    return {k: str(v) for k, v in dict(row or {}).items()}
