"""notifications: the daily digest of in-doubt deliveries for the firm's admins, in zh-CN and
en

Revision ID: notifications_0011
Revises: notifications_0010
Create Date: 2026-12-07
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0011"
down_revision: str | None = "notifications_0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {
    "count": 2,
    "day": "2026-12-07",
    "list": "2026-12-06 10:02  email  wang@example.com  季度报告  (id 8c0e…)",
}
# key, locale, subject, text
TEMPLATES = [
    (
        "ops-in-doubt-digest",
        "zh-CN",
        "待确认的消息：{{ count }} 条（{{ day }}）",
        "以下消息在发送时服务中断，且服务商无法确认是否送达，需要人工决定：\n\n{{ list }}\n\n"
        "请先向收件人确认；确需重发时，在 API 中以 accept_duplicate_risk 重发"
        "（POST /v1/notifications/{id}/retry），收件人可能收到两次。",
    ),
    (
        "ops-in-doubt-digest",
        "en",
        "Messages in doubt: {{ count }} ({{ day }})",
        "These messages were cut off by a restart while being sent, and their provider cannot "
        "say whether they arrived. A person decides:\n\n{{ list }}\n\nCheck with the recipient "
        "first; to send one anyway, retry it with accept_duplicate_risk (POST "
        "/v1/notifications/{id}/retry) — the recipient may get it twice.",
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
                "sample_variables": dict(SAMPLE),
                "created_by": "system",
            }
            for key, locale, subject, body in TEMPLATES
        ],
    )


def downgrade() -> None:
    op.execute(
        "DELETE FROM notifications.templates WHERE key = 'ops-in-doubt-digest' AND version = 1"
    )
