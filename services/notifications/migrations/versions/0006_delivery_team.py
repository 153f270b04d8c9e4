"""notifications: the client's team on each delivery, so a manager's ledger is their teams'

Revision ID: notifications_0006
Revises: notifications_0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0006"
down_revision: str | None = "notifications_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "deliveries", sa.Column("team_id", sa.String(64), nullable=True), schema="notifications"
    )
    op.create_index(
        "ix_deliveries_team_created",
        "deliveries",
        ["team_id", "created_at"],
        schema="notifications",
    )
    op.create_index(
        "ix_deliveries_advisor_created",
        "deliveries",
        ["advisor_id", "created_at"],
        schema="notifications",
    )


def downgrade() -> None:
    op.drop_index("ix_deliveries_advisor_created", "deliveries", schema="notifications")
    op.drop_index("ix_deliveries_team_created", "deliveries", schema="notifications")
    op.drop_column("deliveries", "team_id", schema="notifications")
