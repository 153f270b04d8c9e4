"""notifications: finding the e-mail a client's reply answers (its Message-ID), and the
in-app message telling a task's holder the client replied

Revision ID: notifications_0013
Revises: notifications_0012
Create Date: 2026-12-07
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0013"
down_revision: str | None = "notifications_0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {
    "title": "Upload your ID",
    "client_name": "王芳",
    "subject": "Re: 证件",
    "workflow_id": "x",
}
TEMPLATES = [
    (
        "task-client-replied",
        "zh-CN",
        "客户回复：{{ title }}",
        "{{ client_name }} 回复了「{{ title }}」的邮件：{{ subject }}",
    ),
    (
        "task-client-replied",
        "en",
        "The client replied: {{ title }}",
        "{{ client_name }} replied to the e-mail about “{{ title }}”: {{ subject }}",
    ),
]


def upgrade() -> None:
    # An e-mail's Message-ID, known when the delivery is accepted (it is derived from the
    # idempotency key), so a reply that comes back at once already finds it.
    op.add_column(
        "deliveries",
        sa.Column("message_id", sa.String(300), nullable=False, server_default=""),
        schema="notifications",
    )
    op.execute(
        "UPDATE notifications.deliveries SET message_id = provider_message_id"
        " WHERE channel = 'email' AND provider_message_id <> ''"
    )
    op.create_index(
        "ix_deliveries_message_id",
        "deliveries",
        ["message_id"],
        schema="notifications",
        postgresql_where=sa.text("message_id <> ''"),
    )
    table = sa.table(
        "templates",
        sa.column("id", sa.Uuid()),
        sa.column("key", sa.String()),
        sa.column("locale", sa.String()),
        sa.column("version", sa.Integer()),
        sa.column("subject", sa.Text()),
        sa.column("body_text", sa.Text()),
        sa.column("body_html", sa.Text()),
        sa.column("category", sa.String()),
        sa.column("sample_variables", sa.dialects.postgresql.JSONB()),
        sa.column("created_by", sa.String()),
        schema="notifications",
    )
    op.bulk_insert(
        table,
        [
            {
                "id": uuid.uuid5(uuid.NAMESPACE_URL, f"clientflow:template:{key}:{locale}"),
                "key": key,
                "locale": locale,
                "version": 1,
                "subject": subject,
                "body_text": body,
                "body_html": "",
                "category": "service",
                "sample_variables": dict(SAMPLE),
                "created_by": "system",
            }
            for key, locale, subject, body in TEMPLATES
        ],
    )


def downgrade() -> None:
    op.execute(
        "DELETE FROM notifications.templates WHERE created_by = 'system'"
        " AND key = 'task-client-replied' AND version = 1"
    )
    op.drop_index("ix_deliveries_message_id", table_name="deliveries", schema="notifications")
    op.drop_column("deliveries", "message_id", schema="notifications")
