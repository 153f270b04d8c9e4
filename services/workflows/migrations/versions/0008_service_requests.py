"""workflows: client requests — types, the request projection, notes and messages, and a
versioned view for the reporting service

Revision ID: workflows_0008
Revises: workflows_0007
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "workflows_0008"
down_revision: str | None = "workflows_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READER = "clientflow_reporting"
TS = sa.DateTime(timezone=True)

VIEW = (
    "SELECT id, type_key, client_id, advisor_id, team_id, channel, status, resolution,"
    " opened_at, first_response_at, resolved_at, due_at, csat_score"
    " FROM workflows.service_requests"
)


def upgrade() -> None:
    op.create_table(
        "request_types",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("definition", postgresql.JSONB(), nullable=False),
        sa.Column("built_in", sa.Boolean(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        schema="workflows",
    )
    op.create_table(
        "service_requests",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("workflow_id", sa.String(300), nullable=False, unique=True),
        sa.Column("type_key", sa.String(64), nullable=False),
        sa.Column("type_version", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("advisor_id", sa.String(64), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("fields", postgresql.JSONB(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("current_step", sa.String(200), nullable=False),
        sa.Column("resolution", sa.String(16), nullable=False),
        sa.Column("due_at", TS),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("first_response_at", TS),
        sa.Column("resolved_at", TS),
        sa.Column("closed_at", TS),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("csat_score", sa.Integer(), nullable=False),
        sa.Column("progress", postgresql.JSONB(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        schema="workflows",
    )
    for name, columns in (
        ("ix_service_requests_client", ["client_id", "opened_at"]),
        ("ix_service_requests_advisor", ["advisor_id", "status", "opened_at"]),
        ("ix_service_requests_team", ["team_id", "status", "opened_at"]),
    ):
        op.create_index(name, "service_requests", columns, schema="workflows")
    for table, extra in (
        ("request_notes", []),
        ("request_messages", [sa.Column("author_kind", sa.String(8), nullable=False)]),
    ):
        op.create_table(
            table,
            sa.Column("id", sa.Uuid(), primary_key=True),
            sa.Column("request_id", sa.Uuid(), nullable=False),
            sa.Column("author", sa.String(64), nullable=False),
            *extra,
            sa.Column("body", sa.Text(), nullable=False),
            sa.Column("created_at", TS, nullable=False),
            schema="workflows",
        )
        op.create_index(
            f"ix_{table}_request", table, ["request_id", "created_at"], schema="workflows"
        )
    op.create_table(
        "request_attachments",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("artifact_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(120), nullable=False),
        sa.Column("content_type", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("author_kind", sa.String(8), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        schema="workflows",
    )
    op.create_index(
        "ix_request_attachments_request",
        "request_attachments",
        ["request_id", "created_at"],
        schema="workflows",
    )
    # Complaints are records a regulator may ask for: no row of a complaint is deleted.
    op.execute(
        """
CREATE FUNCTION workflows.keep_complaints() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.type_key = 'complaint' THEN
        RAISE EXCEPTION 'complaint % cannot be deleted', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
END $$
"""
    )
    op.execute(
        "CREATE TRIGGER keep_complaints BEFORE DELETE ON workflows.service_requests"
        " FOR EACH ROW EXECUTE FUNCTION workflows.keep_complaints()"
    )
    op.execute(f"CREATE OR REPLACE VIEW workflows.service_requests_v1 AS {VIEW}")
    # task_sla_v1 with the task's id (a detractor's follow-up is a task id, not a kind).
    op.execute(
        "CREATE OR REPLACE VIEW workflows.task_sla_v2 AS SELECT process_kind, task_id,"
        " client_id, status, breached_at, created_at, updated_at FROM workflows.tasks"
    )
    op.execute(
        f"""
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        GRANT SELECT ON workflows.service_requests_v1 TO {READER};
        GRANT SELECT ON workflows.task_sla_v2 TO {READER};
    END IF;
END $$
"""
    )


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS workflows.task_sla_v2")
    op.execute("DROP VIEW IF EXISTS workflows.service_requests_v1")
    op.execute("DROP TRIGGER IF EXISTS keep_complaints ON workflows.service_requests")
    op.execute("DROP FUNCTION IF EXISTS workflows.keep_complaints()")
    for table in (
        "request_attachments",
        "request_messages",
        "request_notes",
        "service_requests",
        "request_types",
    ):
        op.drop_table(table, schema="workflows")
