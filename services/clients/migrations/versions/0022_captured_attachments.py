"""clients: a captured message's attachments (kept as the clients' artifacts) and who
excluded it

Revision ID: clients_0022
Revises: clients_0021
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "clients_0022"
down_revision: str | None = "clients_0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "captured_messages",
        sa.Column(
            "attachments",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            server_default="[]",
        ),
        schema="clients",
    )
    op.add_column(
        "captured_messages",
        sa.Column("excluded_by", sa.String(64), nullable=True),
        schema="clients",
    )
    op.create_index(
        "ix_captured_messages_interactions",
        "captured_messages",
        ["interaction_ids"],
        postgresql_using="gin",
        schema="clients",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_captured_messages_interactions", table_name="captured_messages", schema="clients"
    )
    op.drop_column("captured_messages", "excluded_by", schema="clients")
    op.drop_column("captured_messages", "attachments", schema="clients")
