"""clients: correspondents a person keeps out of capture from their mailbox

Revision ID: clients_0020
Revises: clients_0019
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "clients_0020"
down_revision: str | None = "clients_0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "mailboxes",
        sa.Column(
            "excluded_addresses",
            postgresql.ARRAY(sa.String(254)),
            nullable=False,
            server_default="{}",
        ),
        schema="clients",
    )


def downgrade() -> None:
    op.drop_column("mailboxes", "excluded_addresses", schema="clients")
