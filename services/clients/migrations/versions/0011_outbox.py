"""clients: the change outbox

Every audited change to a client writes its domain event into `clients.outbox` in the same
transaction, by a trigger on the audit log (so the bulk paths — import's COPY and executemany,
tier and lifecycle batches — cannot forget it). The audit entry learns what caused it: a
rule acting on an event carries the event's id and the depth of the chain of rules.

Revision ID: clients_0011
Revises: clients_0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "clients_0011"
down_revision: str | None = "clients_0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGER = """
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
              ELSE left(NEW.entity || '.' || NEW.action, 64)
            END,
            NEW.id, NEW.entity, NEW.entity_id, NEW.action, NEW.actor_id, NEW.changes,
            coalesce(NEW.cause, ''), coalesce(NEW.depth, 0), NEW.at);
    PERFORM pg_notify('clients_outbox', '');
    RETURN NULL;
END $$;
"""
ATTACH = """
CREATE TRIGGER audit_to_outbox AFTER INSERT ON clients.audit_log
    FOR EACH ROW WHEN (NEW.client_id IS NOT NULL) EXECUTE FUNCTION clients.audit_to_outbox();
"""


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("cause", sa.String(200)), schema="clients")
    op.add_column("audit_log", sa.Column("depth", sa.SmallInteger()), schema="clients")
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("audit_id", sa.BigInteger(), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(128), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("changes", JSONB(), nullable=False),
        sa.Column("cause", sa.String(200), nullable=False),
        sa.Column("depth", sa.SmallInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True)),
        schema="clients",
    )
    op.create_index(
        "ix_outbox_unpublished",
        "outbox",
        ["id"],
        schema="clients",
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.create_index("ix_outbox_published_at", "outbox", ["published_at"], schema="clients")
    op.execute(TRIGGER)
    op.execute(ATTACH)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_to_outbox ON clients.audit_log")
    op.execute("DROP FUNCTION IF EXISTS clients.audit_to_outbox()")
    op.drop_table("outbox", schema="clients")
    op.drop_column("audit_log", "depth", schema="clients")
    op.drop_column("audit_log", "cause", schema="clients")
