"""workflows: a rule records how often its condition failed, and the latest failure

Revision ID: workflows_0005
Revises: workflows_0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "workflows_0005"
down_revision: str | None = "workflows_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "rules",
        sa.Column("error_count", sa.BigInteger(), nullable=False, server_default="0"),
        schema="workflows",
    )
    op.add_column(
        "rules",
        sa.Column("last_error", sa.Text(), nullable=False, server_default=""),
        schema="workflows",
    )
    op.add_column(
        "rules",
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        schema="workflows",
    )


def downgrade() -> None:
    for column in ("last_error_at", "last_error", "error_count"):
        op.drop_column("rules", column, schema="workflows")
