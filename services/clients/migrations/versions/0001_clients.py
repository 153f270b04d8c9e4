"""clients: the client record (minimal; the 360° record grows from here)

Revision ID: clients_0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("advisor_id", sa.String(64), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint("kind in ('individual', 'institution')", name="ck_clients_kind"),
        sa.PrimaryKeyConstraint("id", name="pk_clients"),
        schema="clients",
    )
    op.create_index("ix_clients_clients_advisor_id", "clients", ["advisor_id"], schema="clients")
    op.create_index("ix_clients_clients_team_id", "clients", ["team_id"], schema="clients")


def downgrade() -> None:
    op.drop_table("clients", schema="clients")
