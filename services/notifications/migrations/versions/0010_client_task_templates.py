"""notifications: what a client hears of a task a process asks of them (done in the client
portal) and its reminder, and the report a process sends a client, in zh-CN and en

Revision ID: notifications_0010
Revises: notifications_0009
Create Date: 2026-12-06
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0010"
down_revision: str | None = "notifications_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {
    "title_zh": "提交投后资料",
    "title_en": "Sending us your documents",
    "due_at": "2026-12-10T18:00:00+08:00",
    "process": "post-investment",
    "client_id": "00000000-0000-0000-0000-000000000000",
}
# key, locale, subject, text
TEMPLATES = [
    (
        "client-task",
        "zh-CN",
        "需要您协助：{{ title_zh }}",
        "您好：\n\n我们正在为您办理的事项需要您协助：{{ title_zh }}。"
        "请登录客户门户，在“我们为您做的事”中完成。\n\n谢谢！",
    ),
    (
        "client-task",
        "en",
        "We need something from you: {{ title_en }}",
        "Hello,\n\nWhat we are doing for you needs your help: {{ title_en }}. Please sign in "
        "to the client portal and complete it under “Our work for you”.\n\nThank you.",
    ),
    (
        "client-task-reminder",
        "zh-CN",
        "提醒：{{ title_zh }}",
        "您好：\n\n提醒您完成：{{ title_zh }}（请于 {{ due_at }} 前在客户门户中完成）。",
    ),
    (
        "client-task-reminder",
        "en",
        "Reminder: {{ title_en }}",
        "Hello,\n\nA reminder to complete “{{ title_en }}” in the client portal, by {{ due_at }}.",
    ),
    (
        "process-document",
        "zh-CN",
        "您的报告",
        "您好：\n\n附件是为您准备的报告，如有疑问请联系您的顾问。",
    ),
    (
        "process-document",
        "en",
        "Your report",
        "Hello,\n\nAttached is the report we prepared for you. Your advisor is glad to go "
        "through it with you.",
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
