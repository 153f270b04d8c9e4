"""clients: e-mail captured onto client timelines, once per message

Revision ID: clients_0018
Revises: clients_0017
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "clients_0018"
down_revision: str | None = "clients_0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "captured_messages",
        # the Message-ID (lower case, no brackets), or the content's SHA-256 when it has none
        sa.Column("message_key", sa.String(300), primary_key=True),
        # the first message of its thread (References / In-Reply-To), or itself
        sa.Column("thread_key", sa.String(300), nullable=False, index=True),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("via", sa.String(32), nullable=False),
        sa.Column("client_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("interaction_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=False),
        schema="clients",
    )


def downgrade() -> None:
    op.drop_table("captured_messages", schema="clients")
