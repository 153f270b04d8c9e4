"""workflows: the schema and its version table

Revision ID: workflows_0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

revision: str = "workflows_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass  # env.py creates the schema; tables come with the process engine


def downgrade() -> None:
    pass
