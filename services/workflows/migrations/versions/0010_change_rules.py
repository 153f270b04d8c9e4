"""workflows: rules on changes, with data actions and a team scope; process definitions

A rule can name the changed field of a `client.changed` event and the values it moves from
and to; it runs a list of actions (the data actions among them) and may be limited to one
team's clients. Events keep their published order within a batch (`seq`).

Revision ID: workflows_0010
Revises: workflows_0009
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "workflows_0010"
down_revision: str | None = "workflows_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for column in (
        sa.Column("field", sa.String(100), nullable=False, server_default=""),
        sa.Column("from_values", JSONB(), nullable=False, server_default="[]"),
        sa.Column("to_values", JSONB(), nullable=False, server_default="[]"),
        sa.Column("actions", JSONB(), nullable=False, server_default="[]"),
        sa.Column("team_id", sa.String(64), nullable=False, server_default=""),
    ):
        op.add_column("rules", column, schema="workflows")
    # Events not yet evaluated, for the service's background loop.
    op.create_index(
        "ix_events_pending",
        "events",
        ["received_at"],
        schema="workflows",
        postgresql_where=sa.text("firings IS NULL OR jsonb_typeof(firings) = 'null'"),
    )
    # Process definitions: every version of a key, a draft until published.
    op.create_table(
        "process_definitions",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("document", JSONB(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("published_at", sa.DateTime(timezone=True)),
        schema="workflows",
    )
    # Round-robin assignment keeps its place per rule.
    op.create_table(
        "rule_counters",
        sa.Column("rule_id", sa.Uuid(), primary_key=True),
        sa.Column("counter", sa.BigInteger(), nullable=False),
        schema="workflows",
    )


def downgrade() -> None:
    op.drop_table("rule_counters", schema="workflows")
    op.drop_table("process_definitions", schema="workflows")
    op.drop_index("ix_events_pending", "events", schema="workflows")
    for name in ("team_id", "actions", "to_values", "from_values", "field"):
        op.drop_column("rules", name, schema="workflows")
