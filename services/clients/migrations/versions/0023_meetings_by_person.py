"""clients: a person's logged meetings by time (their calendar feed)

Revision ID: clients_0023
Revises: clients_0022
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0023"
down_revision: str | None = "clients_0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_interactions_meetings_by_user",
        "interactions",
        ["by_user", "occurred_at"],
        schema="clients",
        postgresql_where=sa.text("channel = 'meeting'"),
    )


def downgrade() -> None:
    op.drop_index("ix_interactions_meetings_by_user", table_name="interactions", schema="clients")
