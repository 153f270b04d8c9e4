"""clients: every valuation kept — a client's positions as of each valuation date (a snapshot),
and the firm's AUM by team as running changes per date, so series stay fast at scale

Revision ID: clients_0016
Revises: clients_0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0016"
down_revision: str | None = "clients_0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(20, 2)


def upgrade() -> None:
    op.create_table(
        "valuations",
        sa.Column(
            "client_id",
            sa.Uuid(),
            sa.ForeignKey("clients.clients.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("product_code", sa.String(64), nullable=False),
        sa.Column("product_name", sa.String(200), nullable=False),
        sa.Column("units", sa.Numeric(24, 6), nullable=False),
        sa.Column("cost", MONEY, nullable=False),
        sa.Column("market_value", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.PrimaryKeyConstraint("client_id", "as_of", "product_code", name="pk_valuations"),
        schema="clients",
    )
    # AUM(date) of the firm or a team = the sum of these changes up to the date: each client
    # counts with its latest snapshot on or before it.
    op.create_table(
        "aum_changes",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("change", MONEY, nullable=False),
        sa.PrimaryKeyConstraint("as_of", "team_id", "currency", name="pk_aum_changes"),
        schema="clients",
    )
    # The same changes per client: an advisor's book is summed from its clients' rows (60 a
    # client for 5 years of month-ends, instead of 480 valuations and a window over them).
    op.create_table(
        "client_aum_changes",
        sa.Column(
            "client_id",
            sa.Uuid(),
            sa.ForeignKey("clients.clients.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("change", MONEY, nullable=False),
        sa.PrimaryKeyConstraint("client_id", "as_of", "currency", name="pk_client_aum_changes"),
        schema="clients",
    )
    # Today's holdings are the first valuations.
    op.execute(
        "INSERT INTO clients.valuations (client_id, as_of, product_code, product_name, units,"
        " cost, market_value, currency) SELECT client_id, as_of, product_code, product_name,"
        " units, cost, market_value, currency FROM clients.holdings"
    )
    op.execute(
        "INSERT INTO clients.aum_changes (as_of, team_id, currency, change)"
        " SELECT v.as_of, coalesce(c.team_id, ''), v.currency, sum(v.market_value)"
        " FROM clients.valuations v JOIN clients.clients c ON c.id = v.client_id"
        " GROUP BY 1, 2, 3"
    )
    op.execute(
        "INSERT INTO clients.client_aum_changes (client_id, as_of, currency, change)"
        " SELECT client_id, as_of, currency, sum(market_value) FROM clients.valuations"
        " GROUP BY 1, 2, 3"
    )


def downgrade() -> None:
    op.drop_table("client_aum_changes", schema="clients")
    op.drop_table("aum_changes", schema="clients")
    op.drop_table("valuations", schema="clients")
