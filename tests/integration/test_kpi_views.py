"""The views other services read our data through (the reporting contract): each still
answers with its columns after every migration, and the reader role reads the views but not
the tables beneath them."""

from __future__ import annotations

import secrets

import asyncpg
import pytest
from sqlalchemy.engine import make_url

# Owner schema, view, the columns the reporting service relies on.
CONTRACT = {
    ("clients", "kpi_clients_v1"): [
        "id",
        "advisor_id",
        "team_id",
        "tier",
        "lifecycle_stage",
        "aum",
        "signed_on",
        "created_at",
    ],
    ("clients", "kpi_transactions_v1"): ["client_id", "kind", "amount", "occurred_at"],
    ("clients", "kpi_stage_changes_v1"): ["client_id", "stage", "changed_at"],
    ("clients", "kpi_tier_changes_v1"): ["client_id", "previous_tier", "tier", "changed_at"],
    ("workflows", "task_sla_v1"): [
        "process_kind",
        "client_id",
        "status",
        "breached_at",
        "created_at",
        "updated_at",
    ],
}


@pytest.mark.parametrize(("schema", "view"), list(CONTRACT))
async def test_each_view_answers_with_its_columns(
    database_url: str, schema: str, view: str
) -> None:
    connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        statement = await connection.prepare(f"SELECT * FROM {schema}.{view} LIMIT 1")
        columns = [attribute.name for attribute in statement.get_attributes()]
        await statement.fetch()
    finally:
        await connection.close()
    assert columns == CONTRACT[(schema, view)]


async def test_the_reader_role_reads_the_views_and_not_the_tables(database_url: str) -> None:
    dsn = database_url.replace("+asyncpg", "")
    admin = await asyncpg.connect(dsn)
    login = f"reporting_test_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(16)
    try:
        await admin.execute(f"CREATE ROLE {login} LOGIN PASSWORD '{password}'")
        await admin.execute(f"GRANT clientflow_reporting TO {login}")
        url = make_url(database_url)  # the same server and database, another role
        reader = await asyncpg.connect(
            host=url.host, port=url.port, user=login, password=password, database=url.database
        )
        try:
            for schema, view in CONTRACT:
                await reader.fetch(f"SELECT * FROM {schema}.{view} LIMIT 1")
            await reader.fetch("SELECT * FROM reporting.survey_answers LIMIT 1")
            for table in ("clients.clients", "clients.transactions", "workflows.tasks"):
                with pytest.raises(asyncpg.InsufficientPrivilegeError):
                    await reader.fetch(f"SELECT * FROM {table} LIMIT 1")
        finally:
            await reader.close()
    finally:
        await admin.execute(f"DROP OWNED BY {login}")
        await admin.execute(f"DROP ROLE IF EXISTS {login}")
        await admin.close()
