"""clients: the outbox in two lanes, so a bulk write's events do not hold up everyone else's

A transaction that says it is bulk work (`SET LOCAL clientflow.outbox_lane = 'bulk'`: the
spreadsheet imports) writes its events in lane 1; everything else in lane 0. The relay takes a
batch from each lane in turn, and a client's events still leave in the order of its changes:
an event waits while an earlier one of the same client is unpublished in the other lane.

Revision ID: clients_0024
Revises: clients_0023
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0024"
down_revision: str | None = "clients_0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LANE_DEFAULT = (
    "CASE WHEN current_setting('clientflow.outbox_lane', true) = 'bulk' THEN 1 ELSE 0 END"
)
UNPUBLISHED = sa.text("published_at IS NULL")


def upgrade() -> None:
    # Added with a constant default (no table rewrite), then given the per-transaction one.
    op.add_column(
        "outbox",
        sa.Column("lane", sa.SmallInteger(), nullable=False, server_default="0"),
        schema="clients",
    )
    op.alter_column("outbox", "lane", server_default=sa.text(LANE_DEFAULT), schema="clients")
    op.drop_index("ix_outbox_unpublished", table_name="outbox", schema="clients")
    op.create_index(
        "ix_outbox_unpublished",
        "outbox",
        ["lane", "id"],
        schema="clients",
        postgresql_where=UNPUBLISHED,
    )
    op.create_index(
        "ix_outbox_unpublished_by_client",
        "outbox",
        ["client_id", "id"],
        schema="clients",
        postgresql_where=UNPUBLISHED,
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_unpublished_by_client", table_name="outbox", schema="clients")
    op.drop_index("ix_outbox_unpublished", table_name="outbox", schema="clients")
    op.create_index(
        "ix_outbox_unpublished", "outbox", ["id"], schema="clients", postgresql_where=UNPUBLISHED
    )
    op.drop_column("outbox", "lane", schema="clients")
