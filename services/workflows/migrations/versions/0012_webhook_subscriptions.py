"""workflows: subscriptions of other systems to events, their deliveries and their history

Every stored event fans out to the deliveries of the enabled subscriptions of its type by a
trigger on `workflows.events`, in the transaction that stores the event: every writer of
events is covered, nothing is delivered before the event is committed, and nothing about a
delivery runs inside the change that caused it.

Revision ID: workflows_0012
Revises: workflows_0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "workflows_0012"
down_revision: str | None = "workflows_0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FAN_OUT = """
CREATE FUNCTION workflows.webhook_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO workflows.webhook_deliveries
        (subscription_id, event_id, event_type, client_id, status, attempts, next_attempt_at,
         created_at)
    SELECT s.id, NEW.event_id, NEW.type, NEW.client_id, 'pending', 0, now(), now()
    FROM workflows.webhook_subscriptions s
    WHERE s.enabled AND (NEW.type = ANY (s.event_types) OR '*' = ANY (s.event_types));
    RETURN NULL;
END $$
"""
TRIGGER = """
CREATE TRIGGER webhook_fan_out AFTER INSERT ON workflows.events
    FOR EACH ROW EXECUTE FUNCTION workflows.webhook_fan_out()
"""


def upgrade() -> None:
    op.create_table(
        "webhook_subscriptions",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("description", sa.String(200), nullable=False, server_default=""),
        sa.Column("event_types", postgresql.ARRAY(sa.String(100)), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("previous_secret", sa.Text(), nullable=True),
        sa.Column("previous_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        schema="workflows",
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column(
            "subscription_id",
            sa.Uuid(),
            sa.ForeignKey("workflows.webhook_subscriptions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("event_id", sa.String(200), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False, server_default=""),
        # pending | delivered | dead
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(500), nullable=False, server_default=""),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        schema="workflows",
    )
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["next_attempt_at"],
        schema="workflows",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_webhook_deliveries_order",
        "webhook_deliveries",
        ["subscription_id", "client_id", "id"],
        schema="workflows",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_webhook_deliveries_subscription",
        "webhook_deliveries",
        ["subscription_id", "status", "id"],
        schema="workflows",
    )
    op.create_table(
        "webhook_changes",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("subscription_id", sa.Uuid(), nullable=False, index=True),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("changes", postgresql.JSONB(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        schema="workflows",
    )
    op.execute(FAN_OUT)
    op.execute(TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER webhook_fan_out ON workflows.events")
    op.execute("DROP FUNCTION workflows.webhook_fan_out()")
    op.drop_table("webhook_changes", schema="workflows")
    op.drop_table("webhook_deliveries", schema="workflows")
    op.drop_table("webhook_subscriptions", schema="workflows")
