"""clients: the last real contact (calls, meetings, e-mail, WeCom, events — not portal logins
or transactions), backfilled from the interactions, indexed with the creation time standing in
for clients never contacted (what segments and the dormant scan range over)

Revision ID: clients_0021
Revises: clients_0020
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0021"
down_revision: str | None = "clients_0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "clients",
        sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True),
        schema="clients",
    )
    op.execute(
        """
        UPDATE clients.clients c SET last_contact_at = i.latest
        FROM (SELECT client_id, max(occurred_at) AS latest FROM clients.interactions
              WHERE channel <> 'portal_login' GROUP BY client_id) i
        WHERE i.client_id = c.id
        """
    )
    op.create_index(
        "ix_clients_contact_or_created",
        "clients",
        [sa.text("coalesce(last_contact_at, created_at)")],
        schema="clients",
    )


def downgrade() -> None:
    op.drop_index("ix_clients_contact_or_created", table_name="clients", schema="clients")
    op.drop_column("clients", "last_contact_at", schema="clients")
