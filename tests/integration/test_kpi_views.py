"""The views other services read our data through (the reporting contract): each still
answers with its columns after every migration, and the reader role reads the views but not
the tables beneath them."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import asyncpg
import pytest
from clientflow.clients.v1 import clients_pb2
from sqlalchemy.engine import make_url

from services.common.grpc_client import ServiceClients
from services.common.identity import SYSTEM_ACTOR
from tests.support import create_client

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
    ("clients", "kpi_flows_by_month_v1"): ["month", "inflow", "outflow", "entries"],
    ("clients", "kpi_first_transactions_v1"): ["client_id", "first_at"],
    ("workflows", "task_sla_v1"): [
        "process_kind",
        "client_id",
        "status",
        "breached_at",
        "created_at",
        "updated_at",
    ],
    ("workflows", "task_sla_v2"): [
        "process_kind",
        "task_id",
        "client_id",
        "status",
        "breached_at",
        "created_at",
        "updated_at",
    ],
    ("workflows", "service_requests_v1"): [
        "id",
        "type_key",
        "client_id",
        "advisor_id",
        "team_id",
        "channel",
        "status",
        "resolution",
        "opened_at",
        "first_response_at",
        "resolved_at",
        "due_at",
        "csat_score",
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


FLOWS_FROM_TRANSACTIONS = """
SELECT (date_trunc('month', occurred_at AT TIME ZONE 'Asia/Shanghai'))::date AS month,
       coalesce(sum(abs(amount)) FILTER (WHERE kind = 'subscription'), 0) AS inflow,
       coalesce(sum(abs(amount)) FILTER (WHERE kind = 'redemption'), 0) AS outflow
FROM clients.transactions GROUP BY 1 ORDER BY 1
"""
FLOWS_FROM_ROLLUP = "SELECT month, inflow, outflow FROM clients.kpi_flows_by_month_v1 ORDER BY 1"
FIRST_FROM_TRANSACTIONS = (
    "SELECT client_id, min(occurred_at) FROM clients.transactions GROUP BY 1 ORDER BY 1"
)
FIRST_FROM_ROLLUP = "SELECT client_id, first_at FROM clients.kpi_first_transactions_v1 ORDER BY 1"


async def same(connection: asyncpg.Connection, kept: str, computed: str) -> None:
    assert [tuple(r) for r in await connection.fetch(kept)] == [
        tuple(r) for r in await connection.fetch(computed)
    ]


async def test_the_rollups_follow_every_insert_and_delete(
    database_url: str, services: ServiceClients
) -> None:
    """The rollups the dashboards read (monthly flows, each client's first transaction)
    equal the transactions they summarise: after whatever the suite wrote, a transaction
    recorded now, an earlier one, and a delete."""
    client = await create_client(services.clients, advisor_id="adv-flows")
    deposit = clients_pb2.Transaction(
        external_id=f"flows-{client.id}", kind="subscription", amount="1234.50", currency="CNY"
    )
    deposit.occurred_at.FromDatetime(datetime(2026, 2, 28, 17, tzinfo=UTC))  # March in Shanghai
    await services.clients.RecordTransaction(
        clients_pb2.RecordTransactionRequest(client_id=client.id, transaction=deposit),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    earlier = clients_pb2.Transaction(
        external_id=f"flows-early-{client.id}", kind="redemption", amount="100", currency="CNY"
    )
    earlier.occurred_at.FromDatetime(datetime(2025, 12, 31, 20, tzinfo=UTC))
    await services.clients.RecordTransaction(
        clients_pb2.RecordTransactionRequest(client_id=client.id, transaction=earlier),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        await same(connection, FLOWS_FROM_ROLLUP, FLOWS_FROM_TRANSACTIONS)
        await same(connection, FIRST_FROM_ROLLUP, FIRST_FROM_TRANSACTIONS)
        await connection.execute(
            "DELETE FROM clients.transactions WHERE external_id = $1", f"flows-early-{client.id}"
        )
        await same(connection, FLOWS_FROM_ROLLUP, FLOWS_FROM_TRANSACTIONS)
        await same(connection, FIRST_FROM_ROLLUP, FIRST_FROM_TRANSACTIONS)
    finally:
        await connection.close()
