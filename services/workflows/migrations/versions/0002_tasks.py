"""workflows: the human-task projection

Revision ID: workflows_0002
Revises: workflows_0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "workflows_0002"
down_revision: str | None = "workflows_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "workflows"


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workflow_id", sa.String(300), nullable=False),
        sa.Column("task_id", sa.String(100), nullable=False),
        sa.Column("process_kind", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("assignee_user", sa.String(64), nullable=False),
        sa.Column("assignee_role", sa.String(32), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sla", sa.String(100), nullable=False),
        sa.Column("outcome", sa.String(64), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("form_json", sa.Text(), nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=False),
        sa.Column("completed_by", sa.String(64), nullable=False),
        sa.Column("reminders_sent", sa.Integer(), nullable=False),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("breached_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tasks"),
        schema=S,
    )
    op.create_index(
        "ix_tasks_assignee_status", "tasks", ["assignee_user", "status", "due_at"], schema=S
    )
    op.create_index("ix_tasks_team_status", "tasks", ["team_id", "status", "due_at"], schema=S)
    op.create_index("ix_tasks_workflow", "tasks", ["workflow_id"], schema=S)
    op.create_index("ix_tasks_client", "tasks", ["client_id"], schema=S)


def downgrade() -> None:
    op.drop_table("tasks", schema=S)
