"""The audit trail is tamper-evident: each entry chains to the one before it in its client's
chain; an edited or deleted entry is found by `clientflow audit verify`, and the application
itself cannot update or delete entries."""

from __future__ import annotations

import os
import subprocess
import sys

import asyncpg
import pytest
from clientflow.clients.v1 import clients_pb2
from google.protobuf import field_mask_pb2
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.clients.audit import verify_chains
from services.common.grpc_client import ServiceClients
from tests.support import ADMIN, create_client


def _verify_cli(database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "services.cli", "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CLIENTFLOW_DATABASE_URL": database_url},
    )


async def test_an_edited_or_deleted_entry_breaks_the_chain(
    services: ServiceClients, engine: AsyncEngine, database_url: str
) -> None:
    client = await create_client(services.clients)
    for email in ("a@example.com", "b@example.com"):
        current = await services.clients.GetClient(
            clients_pb2.GetClientRequest(id=client.id), metadata=ADMIN.to_metadata()
        )
        await services.clients.UpdateClient(
            clients_pb2.UpdateClientRequest(
                id=client.id,
                expected_version=current.version,
                fields=clients_pb2.ClientFields(email=email),
                update_mask=field_mask_pb2.FieldMask(paths=["email"]),
            ),
            metadata=ADMIN.to_metadata(),
        )
    async with AsyncSession(engine) as session:
        checked, breaks = await verify_chains(session)
    assert checked >= 3 and breaks == []

    connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        rows = await connection.fetch(
            "SELECT * FROM clients.audit_log WHERE client_id = $1 ORDER BY seq", client.id
        )
        assert [r["seq"] for r in rows] == [1, 2, 3]
        assert rows[1]["prev_hash"] == rows[0]["hash"]
        # The application's own connection cannot rewrite history.
        with pytest.raises(asyncpg.RaiseError, match="append-only"):
            await connection.execute("DELETE FROM clients.audit_log WHERE id = $1", rows[1]["id"])

        # Someone with the power to switch triggers off edits one entry ...
        await connection.execute("SET session_replication_role = replica")
        await connection.execute(
            "UPDATE clients.audit_log SET actor_id = 'someone-else' WHERE id = $1", rows[1]["id"]
        )
        async with AsyncSession(engine) as session:
            _, breaks = await verify_chains(session)
        assert [(b.id, b.problem.split(":")[0]) for b in breaks] == [(rows[1]["id"], "edited")]
        result = _verify_cli(database_url)
        assert result.returncode == 1 and f"audit entry {rows[1]['id']}" in result.stdout

        # ... or deletes one.
        await connection.execute(
            "UPDATE clients.audit_log SET actor_id = $2 WHERE id = $1",
            rows[1]["id"],
            rows[1]["actor_id"],
        )
        await connection.execute("DELETE FROM clients.audit_log WHERE id = $1", rows[1]["id"])
        async with AsyncSession(engine) as session:
            _, breaks = await verify_chains(session)
        assert [b.id for b in breaks] == [rows[2]["id"]]
        assert "missing" in breaks[0].problem

        # Put it back as it was: the chain holds again.
        record = dict(rows[1])
        columns = list(record)
        await connection.execute(
            f"INSERT INTO clients.audit_log ({', '.join(columns)}) VALUES"
            f" ({', '.join(f'${i + 1}' for i in range(len(columns)))})",
            *record.values(),
        )
        assert _verify_cli(database_url).returncode == 0
    finally:
        await connection.close()


async def test_an_entry_may_open_a_chain_only_once(
    services: ServiceClients, database_url: str
) -> None:
    """A writer may say an entry opens a new client's chain (seq 1: the importer does, for
    the clients it creates); the unique index refuses the claim on a chain that exists, and
    the hash is the trigger's whatever the writer sent. Other entries are chained by the
    trigger, the firm's chain (no client) too."""
    client = await create_client(services.clients)
    connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    insert = (
        "INSERT INTO clients.audit_log (client_id, entity, entity_id, action, actor_id,"
        " changes, at, seq, prev_hash, hash) VALUES ($1, 'client', $2, 'update', 'someone',"
        " '{}', now(), $3, 'forged', 'forged') RETURNING seq, prev_hash, hash"
    )
    try:
        with pytest.raises(asyncpg.UniqueViolationError):
            await connection.execute(insert, client.id, client.id, 1)
        appended = await connection.fetchrow(insert, client.id, client.id, 7)
        before = await connection.fetchrow(
            "SELECT hash FROM clients.audit_log WHERE client_id = $1 AND seq = 1", client.id
        )
        assert (appended["seq"], appended["prev_hash"]) == (2, before["hash"])
        assert appended["hash"] not in ("forged", before["hash"])
        firm = [
            await connection.fetchrow(
                "INSERT INTO clients.audit_log (client_id, entity, entity_id, action,"
                " actor_id, changes, at) VALUES (NULL, 'rule', 'r', 'update', 'someone', '{}',"
                " now()) RETURNING seq, prev_hash, hash"
            )
            for _ in range(2)
        ]
        assert firm[1]["seq"] == firm[0]["seq"] + 1
        assert firm[1]["prev_hash"] == firm[0]["hash"]
    finally:
        await connection.close()
