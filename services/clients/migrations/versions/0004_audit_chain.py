"""clients: a tamper-evident audit trail (a hash chain per client) and an access log

Each audit entry carries its place in its chain (`seq`: per client, and one chain for entries
about no client), the hash of the entry before it and its own hash, computed by a trigger in
the inserting transaction, so every writer (the ORM, COPY in imports) chains alike. Updates and
deletes are refused by another trigger; `clientflow audit verify` recomputes every chain.

Revision ID: clients_0004
Revises: clients_0003
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0004"
down_revision: str | None = "clients_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENTRY_TEXT = """
CREATE FUNCTION clients.audit_entry_hash(
    prev_hash text, seq bigint, client_id uuid, entity text, entity_id text, action text,
    actor_id text, changes jsonb, at timestamptz
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws('|',
        prev_hash, seq::text, coalesce(client_id::text, ''), entity, entity_id, action,
        actor_id, changes::text,
        to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
    ), 'UTF8')), 'hex')
$$;
"""

CHAIN = """
CREATE FUNCTION clients.audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous record;
BEGIN
    -- One writer per chain at a time; the SELECT after the lock sees what the last
    -- writer committed.
    PERFORM pg_advisory_xact_lock(
        hashtextextended('clients.audit:' || coalesce(NEW.client_id::text, 'firm'), 0));
    SELECT a.seq, a.hash INTO previous FROM clients.audit_log a
     WHERE a.client_id IS NOT DISTINCT FROM NEW.client_id AND a.seq IS NOT NULL
     ORDER BY a.seq DESC LIMIT 1;
    NEW.seq := coalesce(previous.seq, 0) + 1;
    NEW.prev_hash := coalesce(previous.hash, '');
    NEW.hash := clients.audit_entry_hash(NEW.prev_hash, NEW.seq, NEW.client_id, NEW.entity,
        NEW.entity_id, NEW.action, NEW.actor_id, NEW.changes, NEW.at);
    RETURN NEW;
END $$;
"""

APPEND_ONLY = """
CREATE FUNCTION clients.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END $$;
"""

BACKFILL = """
DO $$
DECLARE
    r record;
    last_client uuid;
    first boolean := true;
    n bigint := 0;
    h text := '';
BEGIN
    FOR r IN SELECT * FROM clients.audit_log ORDER BY client_id NULLS FIRST, id LOOP
        IF first OR r.client_id IS DISTINCT FROM last_client THEN
            n := 0; h := ''; first := false; last_client := r.client_id;
        END IF;
        n := n + 1;
        UPDATE clients.audit_log SET seq = n, prev_hash = h,
            hash = clients.audit_entry_hash(h, n, r.client_id, r.entity, r.entity_id, r.action,
                r.actor_id, r.changes, r.at)
         WHERE id = r.id RETURNING hash INTO h;
    END LOOP;
END $$;
"""


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("seq", sa.BigInteger(), nullable=True), schema="clients")
    op.add_column(
        "audit_log", sa.Column("prev_hash", sa.String(64), nullable=True), schema="clients"
    )
    op.add_column("audit_log", sa.Column("hash", sa.String(64), nullable=True), schema="clients")
    op.create_index(
        "ix_audit_log_chain", "audit_log", ["client_id", "seq"], unique=True, schema="clients"
    )
    op.execute(ENTRY_TEXT)
    op.execute(BACKFILL)
    op.execute(CHAIN)
    op.execute(APPEND_ONLY)
    op.execute(
        "CREATE TRIGGER audit_chain BEFORE INSERT ON clients.audit_log"
        " FOR EACH ROW EXECUTE FUNCTION clients.audit_chain()"
    )
    op.execute(
        "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON clients.audit_log"
        " FOR EACH ROW EXECUTE FUNCTION clients.audit_append_only()"
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.BigInteger(), autoincrement=True, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("what", sa.String(32), nullable=False),
        schema="clients",
    )
    op.create_index("ix_access_log_client_at", "access_log", ["client_id", "at"], schema="clients")
    op.create_index("ix_access_log_actor_at", "access_log", ["actor_id", "at"], schema="clients")


def downgrade() -> None:
    op.drop_table("access_log", schema="clients")
    op.execute("DROP TRIGGER audit_append_only ON clients.audit_log")
    op.execute("DROP TRIGGER audit_chain ON clients.audit_log")
    op.execute("DROP FUNCTION clients.audit_append_only()")
    op.execute("DROP FUNCTION clients.audit_chain()")
    op.execute("DROP FUNCTION clients.audit_entry_hash")
    op.drop_index("ix_audit_log_chain", "audit_log", schema="clients")
    for column in ("hash", "prev_hash", "seq"):
        op.drop_column("audit_log", column, schema="clients")
