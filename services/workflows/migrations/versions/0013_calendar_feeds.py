"""workflows: each person's calendar feed (its generation: rotating it ends the old URL)

Revision ID: workflows_0013
Revises: workflows_0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "workflows_0013"
down_revision: str | None = "workflows_0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=False),
        schema="workflows",
    )


def downgrade() -> None:
    op.drop_table("calendar_feeds", schema="workflows")
