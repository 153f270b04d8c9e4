"""notifications: the annual review's meeting invitation to the client (an .ics attached)

Revision ID: notifications_0014
Revises: notifications_0013
Create Date: 2026-12-07
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0014"
down_revision: str | None = "notifications_0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {"client_name": "王芳", "year": "2027", "starts": "2027-01-20 10:00"}
TEMPLATES = [
    (
        "annual-review-invitation",
        "zh-CN",
        "{{ year }} 年度策略回顾会议邀请：{{ starts }}",
        "{{ client_name }}，您好：\n\n我们为您安排了 {{ year }} 年度策略回顾，时间 {{ starts }}。"
        "会议邀请见附件，您可以在日历中直接接受或婉拒；如需改期，回复本邮件即可。",
    ),
    (
        "annual-review-invitation",
        "en",
        "Your {{ year }} strategy review: {{ starts }}",
        "Dear {{ client_name }},\n\nWe have booked your {{ year }} annual strategy review for "
        "{{ starts }}. The invitation is attached: accept or decline it in your calendar, or "
        "reply to this e-mail to move it.",
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
        "DELETE FROM notifications.templates WHERE created_by = 'system'"
        " AND key = 'annual-review-invitation' AND version = 1"
    )
