"""workflows: a versioned read-only view of tasks for the reporting service's SLA figures

The reporting service reads tasks through this view only; see clients_0006 for the role.

Revision ID: workflows_0007
Revises: workflows_0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "workflows_0007"
down_revision: str | None = "workflows_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READER = "clientflow_reporting"

VIEW = (
    "SELECT process_kind, client_id, status, breached_at, created_at, updated_at"
    " FROM workflows.tasks"
)


def upgrade() -> None:
    op.execute(f"CREATE OR REPLACE VIEW workflows.task_sla_v1 AS {VIEW}")
    op.execute(
        f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        BEGIN
            CREATE ROLE {READER} NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'role {READER} not created: the migrating role may not create roles';
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        GRANT USAGE ON SCHEMA workflows TO {READER};
        GRANT SELECT ON workflows.task_sla_v1 TO {READER};
    END IF;
END $$
"""
    )


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS workflows.task_sla_v1")
