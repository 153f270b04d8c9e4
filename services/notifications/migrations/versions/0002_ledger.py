"""notifications: templates, the delivery ledger with attempts, consent

Revision ID: notifications_0002
Revises: notifications_0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "notifications_0002"
down_revision: str | None = "notifications_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = "notifications"


def _now() -> sa.TextClause:
    return sa.text("now()")


def upgrade() -> None:
    op.add_column("inbox_messages", sa.Column("delivery_id", sa.Uuid(), nullable=True), schema=S)
    op.create_unique_constraint(
        "uq_inbox_messages_delivery_id", "inbox_messages", ["delivery_id"], schema=S
    )
    op.create_table(
        "templates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("sample_variables", postgresql.JSONB(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_templates"),
        sa.UniqueConstraint("key", "locale", "version", name="uq_templates_key"),
        schema=S,
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("recipient_name", sa.String(300), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.String(64), nullable=True),
        sa.Column("advisor_id", sa.String(64), nullable=True),
        sa.Column("workflow_id", sa.String(300), nullable=True),
        sa.Column("template_key", sa.String(100), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("priority", sa.String(8), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("attachment_ids", postgresql.JSONB(), nullable=False),
        sa.Column("attempt_count", sa.Integer(), nullable=False),
        sa.Column("round_attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("provider_message_id", sa.String(300), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.UniqueConstraint("idempotency_key", name="uq_deliveries_idempotency_key"),
        sa.CheckConstraint(
            "status IN ('accepted', 'deferred', 'sending', 'retrying', 'sent', 'failed',"
            " 'suppressed')",
            name="ck_deliveries_status",
        ),
        schema=S,
    )
    op.create_index("ix_deliveries_client", "deliveries", ["client_id", "created_at"], schema=S)
    op.create_index("ix_deliveries_workflow", "deliveries", ["workflow_id", "created_at"], schema=S)
    op.create_index(
        "ix_deliveries_status_created", "deliveries", ["status", "created_at"], schema=S
    )
    op.create_index(
        "ix_deliveries_due",
        "deliveries",
        ["next_attempt_at"],
        schema=S,
        postgresql_where=sa.text("status IN ('accepted', 'deferred', 'retrying')"),
    )
    op.create_index(
        "ix_deliveries_cap", "deliveries", ["client_id", "category", "created_at"], schema=S
    )
    op.create_table(
        "delivery_attempts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("delivery_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(24), nullable=False),
        sa.Column("provider_response", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_delivery_attempts"),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            [f"{S}.deliveries.id"],
            name="fk_delivery_attempts_delivery_id_deliveries",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("delivery_id", "number", name="uq_delivery_attempts_delivery_id"),
        schema=S,
    )
    op.create_index(
        "ix_notifications_delivery_attempts_delivery_id",
        "delivery_attempts",
        ["delivery_id"],
        schema=S,
    )
    op.create_table(
        "consents",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.PrimaryKeyConstraint("client_id", "channel", "category", name="pk_consents"),
        schema=S,
    )


def downgrade() -> None:
    op.drop_table("consents", schema=S)
    op.drop_table("delivery_attempts", schema=S)
    op.drop_table("deliveries", schema=S)
    op.drop_table("templates", schema=S)
    op.drop_constraint("uq_inbox_messages_delivery_id", "inbox_messages", schema=S)
    op.drop_column("inbox_messages", "delivery_id", schema=S)
