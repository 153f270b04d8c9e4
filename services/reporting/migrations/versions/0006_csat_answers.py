"""reporting: CSAT answers beside NPS, one answer per invitation

Revision ID: reporting_0006
Revises: reporting_0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "reporting_0006"
down_revision: str | None = "reporting_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "survey_answers",
        sa.Column("survey", sa.String(8), nullable=False, server_default="nps"),
        schema="reporting",
    )
    op.add_column("survey_answers", sa.Column("invitation_id", sa.String(300)), schema="reporting")
    op.add_column(
        "survey_answers",
        sa.Column("request_type", sa.String(64), nullable=False, server_default=""),
        schema="reporting",
    )
    op.create_unique_constraint(
        "uq_survey_answers_invitation_id", "survey_answers", ["invitation_id"], schema="reporting"
    )
    op.create_check_constraint(
        "survey_kind",
        "survey_answers",
        "survey = 'nps' OR (survey = 'csat' AND score BETWEEN 1 AND 5)",
        schema="reporting",
    )


def downgrade() -> None:
    op.drop_constraint("survey_kind", "survey_answers", schema="reporting")
    op.drop_constraint("uq_survey_answers_invitation_id", "survey_answers", schema="reporting")
    for column in ("request_type", "invitation_id", "survey"):
        op.drop_column("survey_answers", column, schema="reporting")
