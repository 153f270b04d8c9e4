"""reporting: one report per process, client, kind and period

Revision ID: reporting_0003
Revises: reporting_0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "reporting_0003"
down_revision: str | None = "reporting_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ux_artifacts_process_report",
        "artifacts",
        ["kind", "client_id", "period", "workflow_id"],
        unique=True,
        schema="reporting",
        postgresql_where=sa.text("workflow_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ux_artifacts_process_report", table_name="artifacts", schema="reporting")
