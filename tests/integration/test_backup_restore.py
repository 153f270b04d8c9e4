"""Backup and restore, proven: the stack's database is dumped with `pg_dump` (the embedded
PostgreSQL's own, as docs/OPERATIONS.md's runbook says), restored into a fresh database, and
serves from there the same client, an intact audit chain (`clientflow audit verify`, the
CLI) and the same report (its row and checksum; the PDF itself lives in the artifact store,
backed up beside the database)."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from clientflow.reporting.v1 import reporting_pb2
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.service import ClientService
from services.common.db import create_engine
from services.common.identity import Role
from services.devstack.postgres import postgres_binary
from services.reporting.models import Artifact
from tests.support import Stack, actor, token

ADMIN = token("admin-1", "admin")


async def _run(argv: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
    """A program, off the event loop (the stack's servers run on it)."""
    done: subprocess.CompletedProcess[str] = await asyncio.to_thread(
        functools.partial(subprocess.run, argv, text=True, **options)
    )
    return done


def _libpq(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def test_a_dump_restored_into_a_fresh_database_serves_the_same_book(
    gateway: httpx.AsyncClient,
    stack: Stack,
    database_url: str,
    postgres_admin_url: str,
    tmp_path: Path,
) -> None:
    suffix = uuid.uuid4().hex[:6]
    made = await gateway.post(
        "/v1/clients", headers=ADMIN, json={"name": f"备份客户{suffix}", "advisor_id": "adv-bk"}
    )
    assert made.status_code == 201, made.text
    client_id = made.json()["id"]
    changed = await gateway.patch(
        f"/v1/clients/{client_id}", headers=ADMIN, json={"tags": ["backup"]}
    )
    assert changed.status_code == 200, changed.text
    report = await stack.services.reporting.RenderClientReport(
        reporting_pb2.RenderClientReportRequest(client_id=client_id, period="2026Q3"),
        metadata=actor("admin-1", Role.ADMIN).to_metadata(),
    )
    pdf = await gateway.get(f"/v1/artifacts/{report.id}/content", headers=ADMIN)
    assert pdf.status_code == 200

    dump = tmp_path / "clientflow.dump"
    await _run(
        [postgres_binary("pg_dump"), "--format=custom", f"--file={dump}", _libpq(database_url)],
        check=True,
        timeout=120,
    )
    restored_name = f"restored_{suffix}"
    admin = await asyncpg.connect(postgres_admin_url)
    try:
        await admin.execute(f'CREATE DATABASE "{restored_name}"')
    finally:
        await admin.close()
    restored = f"{database_url.rsplit('/', 1)[0]}/{restored_name}"
    await _run(
        [
            postgres_binary("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            f"--dbname={_libpq(restored)}",
            str(dump),
        ],
        check=True,
        timeout=120,
    )
    try:
        verified = await _run(
            [sys.executable, "-m", "services.cli", "audit", "verify"],
            env={**os.environ, "CLIENTFLOW_DATABASE_URL": restored},
            capture_output=True,
            timeout=120,
        )
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert "audit trail intact" in verified.stdout
        engine = create_engine(restored, pool_size=1)
        try:
            async with AsyncSession(engine) as session:
                client = await ClientService(session).get(actor("admin-1", Role.ADMIN), client_id)
                assert (client.name, client.tags) == (f"备份客户{suffix}", ["backup"])
                artifact = (
                    await session.execute(
                        select(Artifact).where(Artifact.id == uuid.UUID(report.id))
                    )
                ).scalar_one()
                assert artifact.sha256 == hashlib.sha256(pdf.content).hexdigest()
        finally:
            await engine.dispose()
    finally:
        admin = await asyncpg.connect(postgres_admin_url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
        finally:
            await admin.close()
