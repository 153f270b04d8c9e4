"""workflows: what a task accepts (its outcomes and form fields) in the projection

Revision ID: workflows_0006
Revises: workflows_0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "workflows_0006"
down_revision: str | None = "workflows_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for column in ("outcomes", "form_fields"):
        op.add_column(
            "tasks",
            sa.Column(column, postgresql.JSONB(), nullable=False, server_default="[]"),
            schema="workflows",
        )


def downgrade() -> None:
    for column in ("form_fields", "outcomes"):
        op.drop_column("tasks", column, schema="workflows")
