"""notifications: the messages rules send to staff (a client assigned to you, a rule's alert)
and the webhook body of a rule, in zh-CN and en

Revision ID: notifications_0009
Revises: notifications_0008
Create Date: 2026-12-06
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0009"
down_revision: str | None = "notifications_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {
    "client_name": "王芳",
    "client_id": "00000000-0000-0000-0000-000000000000",
    "rule_name": "Intent B to A",
    "event_type": "client.changed",
}
# key, locale, subject, text
TEMPLATES = [
    (
        "client-assigned",
        "zh-CN",
        "客户 {{ client_name }} 已分配给您",
        "客户 {{ client_name }} 已由规则「{{ rule_name }}」分配给您，请尽快联系。",
    ),
    (
        "client-assigned",
        "en",
        "{{ client_name }} is now your client",
        "{{ client_name }} was assigned to you by the rule “{{ rule_name }}”; please get in touch.",
    ),
    (
        "rule-alert",
        "zh-CN",
        "客户提醒：{{ client_name }}",
        "规则「{{ rule_name }}」在客户 {{ client_name }} 上触发（{{ event_type }}），请跟进。",
    ),
    (
        "rule-alert",
        "en",
        "Client alert: {{ client_name }}",
        "The rule “{{ rule_name }}” fired for {{ client_name }} ({{ event_type }}); please follow up.",
    ),
    (
        "rule-webhook",
        "zh-CN",
        "{{ event_type }}",
        '{"rule": "{{ rule_name }}", "client_id": "{{ client_id }}", "event": "{{ event_type }}"}',
    ),
    (
        "rule-webhook",
        "en",
        "{{ event_type }}",
        '{"rule": "{{ rule_name }}", "client_id": "{{ client_id }}", "event": "{{ event_type }}"}',
    ),
]
KEYS = sorted({key for key, *_ in TEMPLATES})


def upgrade() -> None:
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
    keys = ", ".join(f"'{key}'" for key in KEYS)
    op.execute(f"DELETE FROM notifications.templates WHERE key IN ({keys}) AND version = 1")
