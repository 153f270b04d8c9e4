"""clients: a person's mailbox synchronised over IMAP onto their clients' timelines

Revision ID: clients_0019
Revises: clients_0018
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0019"
down_revision: str | None = "clients_0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mailboxes",
        sa.Column("owner_id", sa.String(64), primary_key=True),
        sa.Column("host", sa.String(253), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("security", sa.String(8), nullable=False),
        sa.Column("username", sa.String(254), nullable=False),
        # sealed (Fernet, a key derived from the internal secret)
        sa.Column("password", sa.Text(), nullable=False),
        sa.Column("folder", sa.String(200), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=True),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.String(500), nullable=False),
        sa.Column("last_synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        schema="clients",
    )


def downgrade() -> None:
    op.drop_table("mailboxes", schema="clients")
