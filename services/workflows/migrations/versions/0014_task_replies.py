"""workflows: clients' e-mail replies kept on the task they answer

Revision ID: workflows_0014
Revises: workflows_0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "workflows_0014"
down_revision: str | None = "workflows_0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "task_replies",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "task_id",
            sa.Uuid(),
            sa.ForeignKey("workflows.tasks.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("interaction_id", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("attachments", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("task_id", "interaction_id", name="uq_task_replies_once"),
        schema="workflows",
    )
    op.create_index(
        "ix_workflows_task_replies_task_id", "task_replies", ["task_id"], schema="workflows"
    )


def downgrade() -> None:
    op.drop_table("task_replies", schema="workflows")
