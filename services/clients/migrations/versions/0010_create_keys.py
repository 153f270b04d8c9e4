"""clients: idempotency keys of client creation

A create whose answer was lost (a gateway killed after the commit) is retried with the same
`Idempotency-Key`: the key, scoped to the caller, remembers the request's fingerprint and the
client it created, so the retry returns that client and a different request under the same key
is refused.

Revision ID: clients_0010
Revises: clients_0009
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0010"
down_revision: str | None = "clients_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "create_keys",
        sa.Column("actor_id", sa.String(128), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        schema="clients",
    )


def downgrade() -> None:
    op.drop_table("create_keys", schema="clients")
