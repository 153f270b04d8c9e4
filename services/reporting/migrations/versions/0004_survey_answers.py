"""reporting: survey answers (NPS)

Revision ID: reporting_0004
Revises: reporting_0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "reporting_0004"
down_revision: str | None = "reporting_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name="pk_survey_answers"),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name="ck_survey_answers_score"),
        schema="reporting",
    )
    op.create_index(
        "ix_survey_answers_client_at",
        "survey_answers",
        ["client_id", "answered_at"],
        schema="reporting",
    )


def downgrade() -> None:
    op.drop_table("survey_answers", schema="reporting")
