"""clients: the firm's net flows per month and each client's first transaction, kept by the
database as transactions are written

`flows_by_month` holds inflows and outflows per month (in the firm's time zone,
Asia/Shanghai) in 16 stripes (a hash of the client id), so concurrent writers rarely wait on
one row. Statement-level triggers on `transactions` add what an INSERT writes and subtract what
a DELETE removes (a client's deletion cascades), each statement set-wise, rows locked in
(month, stripe) order. The firm-wide dashboard reads twelve months of 16 rows for a year
instead of every transaction; the view `kpi_flows_by_month_v1` is its contract.
`first_transactions` keeps each client's earliest transaction (where a relationship without a
signing date began), kept by the same triggers and read through `kpi_first_transactions_v1`,
so counting the clients at a period's bounds is one join instead of a lookup per client.

Revision ID: clients_0007
Revises: clients_0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "clients_0007"
down_revision: str | None = "clients_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READER = "clientflow_reporting"

# What one set of transaction rows (`rows`) adds to each (month, stripe).
DELTAS = """
    SELECT (date_trunc('month', occurred_at AT TIME ZONE 'Asia/Shanghai'))::date AS month,
           (abs(hashtext(client_id::text)) % 16)::smallint AS stripe,
           coalesce(sum(abs(amount)) FILTER (WHERE kind IN ('subscription', 'transfer_in')), 0)
               AS inflow,
           coalesce(sum(abs(amount)) FILTER (WHERE kind IN ('redemption', 'transfer_out')), 0)
               AS outflow,
           count(*) AS entries
    FROM {rows} GROUP BY 1, 2 ORDER BY 1, 2
"""


def _function(name: str, rows: str, sign: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION clients.{name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO clients.flows_by_month AS f (month, stripe, inflow, outflow, entries)
    SELECT month, stripe, {sign}inflow, {sign}outflow, {sign}entries
    FROM ({DELTAS.format(rows=rows)}) d
    ON CONFLICT (month, stripe) DO UPDATE
        SET inflow = f.inflow + excluded.inflow,
            outflow = f.outflow + excluded.outflow,
            entries = f.entries + excluded.entries;
    RETURN NULL;
END $$
"""


FIRST_ADD = """
CREATE OR REPLACE FUNCTION clients.first_transactions_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO clients.first_transactions AS f (client_id, first_at)
    SELECT client_id, min(occurred_at) FROM new_rows GROUP BY 1 ORDER BY 1
    ON CONFLICT (client_id) DO UPDATE SET first_at = least(f.first_at, excluded.first_at);
    RETURN NULL;
END $$
"""

# After a delete, the clients it touched get their earliest remaining transaction (none: no
# row; a client deleted with its transactions has none left, and its row went with it).
FIRST_REMOVE = """
CREATE OR REPLACE FUNCTION clients.first_transactions_remove() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM clients.first_transactions
    WHERE client_id IN (SELECT DISTINCT client_id FROM old_rows);
    INSERT INTO clients.first_transactions (client_id, first_at)
    SELECT t.client_id, min(t.occurred_at) FROM clients.transactions t
    WHERE t.client_id IN (SELECT DISTINCT client_id FROM old_rows)
    GROUP BY 1 ORDER BY 1;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.create_table(
        "flows_by_month",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("stripe", sa.SmallInteger(), nullable=False),
        sa.Column("inflow", sa.Numeric(20, 2), nullable=False),
        sa.Column("outflow", sa.Numeric(20, 2), nullable=False),
        sa.Column("entries", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("month", "stripe", name="pk_flows_by_month"),
        schema="clients",
    )
    op.create_table(
        "first_transactions",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.clients.id"],
            name="fk_first_transactions_client_id_clients",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client_id", name="pk_first_transactions"),
        schema="clients",
    )
    op.execute(FIRST_ADD)
    op.execute(FIRST_REMOVE)
    op.execute(
        "CREATE TRIGGER transactions_first_added AFTER INSERT ON clients.transactions"
        " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
        " EXECUTE FUNCTION clients.first_transactions_add()"
    )
    op.execute(
        "CREATE TRIGGER transactions_first_removed AFTER DELETE ON clients.transactions"
        " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
        " EXECUTE FUNCTION clients.first_transactions_remove()"
    )
    op.execute(
        "INSERT INTO clients.first_transactions (client_id, first_at)"
        " SELECT client_id, min(occurred_at) FROM clients.transactions GROUP BY 1"
    )
    op.execute(
        "CREATE OR REPLACE VIEW clients.kpi_first_transactions_v1 AS"
        " SELECT client_id, first_at FROM clients.first_transactions"
    )
    op.execute(_function("flows_by_month_add", "new_rows", ""))
    op.execute(_function("flows_by_month_remove", "old_rows", "-"))
    op.execute(
        "CREATE TRIGGER transactions_flows_added AFTER INSERT ON clients.transactions"
        " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
        " EXECUTE FUNCTION clients.flows_by_month_add()"
    )
    op.execute(
        "CREATE TRIGGER transactions_flows_removed AFTER DELETE ON clients.transactions"
        " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
        " EXECUTE FUNCTION clients.flows_by_month_remove()"
    )
    # What is already there (the triggers see only what comes after).
    op.execute(
        "INSERT INTO clients.flows_by_month (month, stripe, inflow, outflow, entries)"
        + DELTAS.format(rows="clients.transactions")
    )
    op.execute(
        "CREATE OR REPLACE VIEW clients.kpi_flows_by_month_v1 AS"
        " SELECT month, sum(inflow) AS inflow, sum(outflow) AS outflow, sum(entries) AS entries"
        " FROM clients.flows_by_month GROUP BY month HAVING sum(entries) > 0"
    )
    op.execute(
        f"""
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        GRANT SELECT ON clients.kpi_flows_by_month_v1, clients.kpi_first_transactions_v1
            TO {READER};
    END IF;
END $$
"""
    )


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS clients.kpi_first_transactions_v1")
    op.execute("DROP TRIGGER IF EXISTS transactions_first_added ON clients.transactions")
    op.execute("DROP TRIGGER IF EXISTS transactions_first_removed ON clients.transactions")
    op.execute("DROP FUNCTION IF EXISTS clients.first_transactions_add()")
    op.execute("DROP FUNCTION IF EXISTS clients.first_transactions_remove()")
    op.drop_table("first_transactions", schema="clients")
    op.execute("DROP VIEW IF EXISTS clients.kpi_flows_by_month_v1")
    op.execute("DROP TRIGGER IF EXISTS transactions_flows_added ON clients.transactions")
    op.execute("DROP TRIGGER IF EXISTS transactions_flows_removed ON clients.transactions")
    op.execute("DROP FUNCTION IF EXISTS clients.flows_by_month_add()")
    op.execute("DROP FUNCTION IF EXISTS clients.flows_by_month_remove()")
    op.drop_table("flows_by_month", schema="clients")
