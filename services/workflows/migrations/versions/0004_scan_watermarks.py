"""workflows: scan watermarks (the dormant-client scan)

Revision ID: workflows_0004
Revises: workflows_0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "workflows_0004"
down_revision: str | None = "workflows_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "workflows"


def upgrade() -> None:
    op.create_table(
        "scan_watermarks",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("watermark", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_scan_watermarks"),
        schema=S,
    )


def downgrade() -> None:
    op.drop_table("scan_watermarks", schema=S)
