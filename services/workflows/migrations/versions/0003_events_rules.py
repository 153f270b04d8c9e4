"""workflows: trigger events and rules

Revision ID: workflows_0003
Revises: workflows_0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "workflows_0003"
down_revision: str | None = "workflows_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "workflows"


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(200), nullable=False),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", postgresql.JSONB(), nullable=False),
        sa.Column("published_by", sa.String(64), nullable=False),
        sa.Column("firings", postgresql.JSONB(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name="pk_events"),
        schema=S,
    )
    op.create_index("ix_events_client", "events", ["client_id", "occurred_at"], schema=S)
    op.create_table(
        "rules",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("condition", sa.Text(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("parameters", postgresql.JSONB(), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("trigger", sa.String(8), nullable=False),
        sa.Column("date_field", sa.String(32), nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rules"),
        schema=S,
    )
    op.create_index("ix_rules_event_type", "rules", ["event_type", "enabled"], schema=S)


def downgrade() -> None:
    op.drop_table("rules", schema=S)
    op.drop_table("events", schema=S)
