"""workflows: a task's title as a message (its English pattern and parameters), so each reader
sees it in their own language; tasks projected before keep their rendered title only

Revision ID: workflows_0009
Revises: workflows_0008
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "workflows_0009"
down_revision: str | None = "workflows_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "tasks",
        sa.Column("title_key", sa.String(300), nullable=False, server_default=""),
        schema="workflows",
    )
    op.add_column(
        "tasks",
        sa.Column("title_params", postgresql.JSONB(), nullable=False, server_default="{}"),
        schema="workflows",
    )


def downgrade() -> None:
    for column in ("title_params", "title_key"):
        op.drop_column("tasks", column, schema="workflows")
