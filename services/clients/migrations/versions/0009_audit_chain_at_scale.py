"""clients: the audit chain's trigger at scale

The trigger of clients_0004 looked up the previous entry with `client_id IS NOT DISTINCT FROM`,
which no index serves, so every audit entry scanned the whole trail; and it took one advisory
lock per client, so a transaction writing entries for more clients than the shared lock table
holds (about 13,000 with the defaults: an import) failed with "out of shared memory".

Now:
- the lookup is `client_id = …` (or `IS NULL` for the firm's chain): one probe of
  ix_audit_log_chain;
- writers of a client's chain are serialised by a row lock on the client (FOR NO KEY UPDATE:
  kept in the row, not in the lock table, and no conflict with foreign-key checks); an entry
  about a client whose row is gone, and the firm's chain, keep the advisory lock;
- an entry that says it opens a new client's chain (seq = 1, written in the transaction that
  creates the client) needs neither lock nor lookup: the unique index on (client_id, seq)
  refuses it if that chain already has a first entry, and the hash is computed here as always.

Revision ID: clients_0009
Revises: clients_0008
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "clients_0009"
down_revision: str | None = "clients_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHAIN = """
CREATE OR REPLACE FUNCTION clients.audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous record;
BEGIN
    IF NEW.client_id IS NOT NULL AND NEW.seq = 1 THEN
        NEW.prev_hash := '';
    ELSE
        IF NEW.client_id IS NULL THEN
            PERFORM pg_advisory_xact_lock(hashtextextended('clients.audit:firm', 0));
            SELECT a.seq, a.hash INTO previous FROM clients.audit_log a
             WHERE a.client_id IS NULL AND a.seq IS NOT NULL
             ORDER BY a.seq DESC LIMIT 1;
        ELSE
            PERFORM 1 FROM clients.clients c WHERE c.id = NEW.client_id FOR NO KEY UPDATE;
            IF NOT FOUND THEN
                PERFORM pg_advisory_xact_lock(
                    hashtextextended('clients.audit:' || NEW.client_id::text, 0));
            END IF;
            SELECT a.seq, a.hash INTO previous FROM clients.audit_log a
             WHERE a.client_id = NEW.client_id AND a.seq IS NOT NULL
             ORDER BY a.seq DESC LIMIT 1;
        END IF;
        NEW.seq := coalesce(previous.seq, 0) + 1;
        NEW.prev_hash := coalesce(previous.hash, '');
    END IF;
    NEW.hash := clients.audit_entry_hash(NEW.prev_hash, NEW.seq, NEW.client_id, NEW.entity,
        NEW.entity_id, NEW.action, NEW.actor_id, NEW.changes, NEW.at);
    RETURN NEW;
END $$;
"""

PREVIOUS = """
CREATE OR REPLACE FUNCTION clients.audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous record;
BEGIN
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


def upgrade() -> None:
    op.execute(CHAIN)


def downgrade() -> None:
    op.execute(PREVIOUS)
