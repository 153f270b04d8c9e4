"""clients: delegations — a person names a delegate between two dates

Revision ID: clients_0012
Revises: clients_0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0012"
down_revision: str | None = "clients_0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "delegations",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("delegate_id", sa.String(64), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False, server_default=""),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        schema="clients",
    )
    op.create_index("ix_delegations_delegate", "delegations", ["delegate_id"], schema="clients")


def downgrade() -> None:
    op.drop_table("delegations", schema="clients")
