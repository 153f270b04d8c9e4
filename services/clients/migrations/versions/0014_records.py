"""clients: records of types the firm defines — each type's versions and the records, their
fields in JSONB (a type's indexed fields get expression indexes when it is saved); a record's
changes are audited as entity `record` (entity id `{type}/{id}`), which the outbox names
`record.created` and `record.changed`

Revision ID: clients_0014
Revises: clients_0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "clients_0014"
down_revision: str | None = "clients_0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def trigger(with_records: bool) -> str:
    records = (
        "WHEN NEW.entity = 'record' AND NEW.action = 'create' THEN 'record.created'\n"
        "              WHEN NEW.entity = 'record' THEN 'record.changed'"
        if with_records
        else ""
    )
    return f"""
CREATE OR REPLACE FUNCTION clients.audit_to_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO clients.outbox (client_id, type, audit_id, entity, entity_id, action,
                                actor_id, changes, cause, depth, at)
    VALUES (NEW.client_id,
            CASE
              WHEN NEW.entity = 'client' AND NEW.action = 'create' THEN 'client.created'
              WHEN NEW.entity IN ('client', 'tier', 'stage') THEN 'client.changed'
              WHEN NEW.entity = 'transaction' THEN 'transaction.recorded'
              WHEN NEW.entity = 'interaction' THEN 'interaction.logged'
              WHEN NEW.entity = 'holding' THEN 'holding.changed'
              {records}
              ELSE left(NEW.entity || '.' || NEW.action, 64)
            END,
            NEW.id, NEW.entity, NEW.entity_id, NEW.action, NEW.actor_id, NEW.changes,
            coalesce(NEW.cause, ''), coalesce(NEW.depth, 0), NEW.at);
    PERFORM pg_notify('clients_outbox', '');
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    op.create_table(
        "record_types",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("document", JSONB(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        schema="clients",
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("type_key", sa.String(40), nullable=False),
        sa.Column(
            "client_id",
            sa.Uuid(),
            sa.ForeignKey("clients.clients.id", ondelete="RESTRICT"),
            nullable=True,
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("data", JSONB(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        schema="clients",
    )
    op.create_index(
        "ix_records_type_client",
        "records",
        ["type_key", "client_id", "updated_at"],
        schema="clients",
    )
    op.create_index(
        "ix_records_type_updated", "records", ["type_key", "updated_at", "id"], schema="clients"
    )
    op.execute(trigger(True))


def downgrade() -> None:
    op.execute(trigger(False))
    op.drop_table("records", schema="clients")
    op.drop_table("record_types", schema="clients")
