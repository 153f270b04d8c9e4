"""workflows: a date rule's field up to 100 characters

`custom_fields.<key>` (a key of up to 64) and `records.<type>.<field>` (the client's latest
date of a record type's field) are longer than the 32 characters the column held.

Revision ID: workflows_0011
Revises: workflows_0010
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "workflows_0011"
down_revision: str | None = "workflows_0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.alter_column(
        "rules", "date_field", type_=sa.String(100), existing_type=sa.String(32), schema="workflows"
    )


def downgrade() -> None:
    op.alter_column(
        "rules", "date_field", type_=sa.String(32), existing_type=sa.String(100), schema="workflows"
    )
