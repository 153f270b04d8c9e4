"""notifications: templates of the report processes (the quarterly report e-mail, the
annual strategy), in zh-CN and en

Revision ID: notifications_0005
Revises: notifications_0004
Create Date: 2026-11-27
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0005"
down_revision: str | None = "notifications_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {
    "recipient_name": "王小明",
    "client_name": "王小明",
    "period": "2026Q3",
    "year": "2027",
    "strategy": "保持六成固收、四成权益的配置。",
}
# key, locale, subject, text
TEMPLATES = [
    (
        "quarterly-report",
        "zh-CN",
        "您的 {{ period }} 季度报告",
        "{{ recipient_name }}，您好：\n\n附件是您 {{ period }} 的季度报告，包括持仓、本期交易和"
        "我们的投资评述。如有任何问题，请联系您的理财顾问。",
    ),
    (
        "quarterly-report",
        "en",
        "Your {{ period }} report",
        "Dear {{ recipient_name }},\n\nAttached is your report for {{ period }}: your holdings, "
        "the period's transactions and our commentary. Your advisor is happy to answer any "
        "questions.",
    ),
    (
        "annual-strategy",
        "zh-CN",
        "您的 {{ year }} 年度投资策略",
        "{{ client_name }}，您好：\n\n感谢您参加年度回顾。我们为您制定的 {{ year }} 年度策略如下："
        "\n\n{{ strategy }}\n\n附件为上一年度的回顾报告。",
    ),
    (
        "annual-strategy",
        "en",
        "Your {{ year }} strategy",
        "Dear {{ client_name }},\n\nThank you for the annual review. Your strategy for "
        "{{ year }}:\n\n{{ strategy }}\n\nLast year's summary report is attached.",
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
    op.execute(
        "DELETE FROM notifications.templates WHERE created_by = 'system'"
        f" AND key IN ({keys}) AND version = 1"
    )
