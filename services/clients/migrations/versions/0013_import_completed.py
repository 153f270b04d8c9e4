"""clients: `import.completed` in the change outbox

An import writes, for each client it created or updated, an `import.completed` event straight
into the outbox (the import's id, source, file and whether the client was created or updated),
so a rule can answer a client's arrival by import. It is no change of its own — the client's
create or update entry is the audit — so the event has no audit entry: `audit_id` may be empty.

Revision ID: clients_0013
Revises: clients_0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "clients_0013"
down_revision: str | None = "clients_0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.alter_column("outbox", "audit_id", nullable=True, schema="clients")


def downgrade() -> None:
    op.execute("DELETE FROM clients.outbox WHERE audit_id IS NULL")
    op.alter_column("outbox", "audit_id", nullable=False, schema="clients")
