"""notifications: the system templates processes use (task reminders and escalations)

Revision ID: notifications_0003
Revises: notifications_0002
Create Date: 2026-11-27
"""

import json
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0003"
down_revision: str | None = "notifications_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {"title": "Call the client", "due_at": "2026-12-01T18:00:00+08:00", "workflow_id": "x"}
TEMPLATES = [
    ("task-reminder", "zh-CN", "待办提醒：{{ title }}", "「{{ title }}」将于 {{ due_at }} 到期。"),
    ("task-reminder", "en", "Reminder: {{ title }}", "“{{ title }}” is due at {{ due_at }}."),
    (
        "task-escalation",
        "zh-CN",
        "已超时：{{ title }}",
        "「{{ title }}」已超过截止时间（{{ due_at }}），请跟进。流程：{{ workflow_id }}",
    ),
    (
        "task-escalation",
        "en",
        "Overdue: {{ title }}",
        "“{{ title }}” passed its deadline ({{ due_at }}); please follow up. Process: {{ workflow_id }}",
    ),
]


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
                "sample_variables": json.loads(json.dumps(SAMPLE)),
                "created_by": "system",
            }
            for key, locale, subject, body in TEMPLATES
        ],
    )


def downgrade() -> None:
    op.execute(
        "DELETE FROM notifications.templates WHERE created_by = 'system'"
        " AND key IN ('task-reminder', 'task-escalation') AND version = 1"
    )
