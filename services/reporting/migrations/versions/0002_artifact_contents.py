"""reporting: artifact contents

Revision ID: reporting_0002
Revises: reporting_0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "reporting_0002"
down_revision: str | None = "reporting_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "artifact_contents",
        sa.Column("artifact_id", sa.Uuid(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("artifact_id", name="pk_artifact_contents"),
        sa.ForeignKeyConstraint(
            ["artifact_id"],
            ["reporting.artifacts.id"],
            name="fk_artifact_contents_artifact_id_artifacts",
            ondelete="CASCADE",
        ),
        schema="reporting",
    )


def downgrade() -> None:
    op.drop_table("artifact_contents", schema="reporting")
