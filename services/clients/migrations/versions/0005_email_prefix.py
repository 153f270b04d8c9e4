"""clients: prefix search on e-mail addresses

Revision ID: clients_0005
Revises: clients_0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0005"
down_revision: str | None = "clients_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_clients_email_prefix",
        "clients",
        [sa.text("lower(email) text_pattern_ops")],
        unique=False,
        schema="clients",
    )


def downgrade() -> None:
    op.drop_index("ix_clients_email_prefix", table_name="clients", schema="clients")
