"""clients: versioned read-only views for the reporting service's dashboards

The reporting service reads client data for KPIs through these views only, never the tables:
a change to the tables keeps a view's columns and meaning (or adds a `_v2` beside it), and
`tests/integration/test_kpi_views.py` checks that each view still answers with its columns.
Role `clientflow_reporting` (no login) may read them; grant it to the role of
CLIENTFLOW_REPORTING_READ_DATABASE_URL. The role is created when the migrating role may
create roles; otherwise an administrator creates it and runs the grants below.

Revision ID: clients_0006
Revises: clients_0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "clients_0006"
down_revision: str | None = "clients_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READER = "clientflow_reporting"

VIEWS = {
    "kpi_clients_v1": (
        "SELECT id, advisor_id, team_id, tier, lifecycle_stage, aum, signed_on, created_at"
        " FROM clients.clients"
    ),
    "kpi_transactions_v1": (
        "SELECT client_id, kind, amount, occurred_at FROM clients.transactions"
    ),
    "kpi_stage_changes_v1": ("SELECT client_id, stage, changed_at FROM clients.stage_history"),
    "kpi_tier_changes_v1": (
        "SELECT client_id, previous_tier, tier, changed_at FROM clients.tier_history"
    ),
}

ENSURE_READER = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        BEGIN
            CREATE ROLE {READER} NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'role {READER} not created: the migrating role may not create roles';
        END;
    END IF;
END $$
"""


def grant_sql(schema: str, views: Sequence[str]) -> str:
    """Grants to the reader role, when it exists (shared with the workflows tree)."""
    names = ", ".join(f"{schema}.{view}" for view in views)
    return f"""
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        GRANT USAGE ON SCHEMA {schema} TO {READER};
        GRANT SELECT ON {names} TO {READER};
    END IF;
END $$
"""


def upgrade() -> None:
    for name, body in VIEWS.items():
        op.execute(f"CREATE OR REPLACE VIEW clients.{name} AS {body}")
    op.execute(ENSURE_READER)
    op.execute(grant_sql("clients", list(VIEWS)))


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS clients.{name}")
