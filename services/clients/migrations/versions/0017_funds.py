"""clients: funds, investors' commitments, capital calls and distributions with their
allocations per investor, and the payments against them

Revision ID: clients_0017
Revises: clients_0016
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0017"
down_revision: str | None = "clients_0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(20, 2)
S = "clients"


def upgrade() -> None:
    op.create_table(
        "funds",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("vintage", sa.Integer(), nullable=False),
        sa.Column("size", MONEY, nullable=False),
        schema=S,
    )
    op.create_table(
        "commitments",
        sa.Column("fund_code", sa.String(64), sa.ForeignKey(f"{S}.funds.code"), nullable=False),
        sa.Column(
            "client_id",
            sa.Uuid(),
            sa.ForeignKey(f"{S}.clients.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("committed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("fund_code", "client_id", name="pk_commitments"),
        schema=S,
    )
    op.create_index("ix_commitments_client", "commitments", ["client_id"], schema=S)
    op.create_table(
        "capital_events",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("fund_code", sa.String(64), sa.ForeignKey(f"{S}.funds.code"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("distribution_kind", sa.String(24), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("purpose", sa.String(500), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("reason", sa.String(500), nullable=False, server_default=""),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind in ('call', 'distribution')", name="ck_capital_events_kind"),
        sa.CheckConstraint(
            "status in ('draft', 'approved', 'rejected')", name="ck_capital_events_status"
        ),
        schema=S,
    )
    op.create_table(
        "capital_allocations",
        sa.Column(
            "event_id",
            sa.Uuid(),
            sa.ForeignKey(f"{S}.capital_events.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "client_id",
            sa.Uuid(),
            sa.ForeignKey(f"{S}.clients.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("amount", MONEY, nullable=False),
        sa.PrimaryKeyConstraint("event_id", "client_id", name="pk_capital_allocations"),
        schema=S,
    )
    op.create_index("ix_capital_allocations_client", "capital_allocations", ["client_id"], schema=S)
    op.create_table(
        "capital_payments",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(140), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id", "client_id"],
            [f"{S}.capital_allocations.event_id", f"{S}.capital_allocations.client_id"],
            name="fk_capital_payments_allocation",
            ondelete="CASCADE",
        ),
        schema=S,
    )
    op.create_index(
        "ix_capital_payments_allocation", "capital_payments", ["event_id", "client_id"], schema=S
    )


def downgrade() -> None:
    for table in ("capital_payments", "capital_allocations", "capital_events", "commitments"):
        op.drop_table(table, schema=S)
    op.drop_table("funds", schema=S)
