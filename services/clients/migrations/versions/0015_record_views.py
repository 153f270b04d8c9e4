"""clients: a person's saved views of a record type's list (a name, filters and a sort)

Revision ID: clients_0015
Revises: clients_0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "clients_0015"
down_revision: str | None = "clients_0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "record_views",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("type_key", sa.String(40), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("filters", JSONB(), nullable=False),
        sa.Column("sort", sa.String(41), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("owner", "type_key", "name", name="uq_record_views_name"),
        schema="clients",
    )


def downgrade() -> None:
    op.drop_table("record_views", schema="clients")
