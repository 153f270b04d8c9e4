"""clients: the directory of teams and people that decides scope

Revision ID: clients_0003
Revises: clients_0002
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0003"
down_revision: str | None = "clients_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        schema="clients",
    )
    op.create_table(
        "people",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False, server_default=""),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        schema="clients",
    )
    op.create_table(
        "memberships",
        sa.Column(
            "team_id",
            sa.String(64),
            sa.ForeignKey("clients.teams.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "user_id",
            sa.String(64),
            sa.ForeignKey("clients.people.user_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("role", sa.String(16), nullable=False),
        sa.CheckConstraint("role IN ('manager', 'advisor', 'member')", name="ck_membership_role"),
        schema="clients",
    )
    op.create_index("ix_memberships_user", "memberships", ["user_id"], schema="clients")


def downgrade() -> None:
    op.drop_index("ix_memberships_user", "memberships", schema="clients")
    op.drop_table("memberships", schema="clients")
    op.drop_table("people", schema="clients")
    op.drop_table("teams", schema="clients")
