"""notifications: the client portal's sign-in message and the survey invitations (CSAT when a
request is resolved, NPS from a campaign), with their signed answer links, in zh-CN and en

Revision ID: notifications_0008
Revises: notifications_0007
Create Date: 2026-11-30
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0008"
down_revision: str | None = "notifications_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {
    "code": "482913",
    "link": "https://portal.example.com/portal/link/abc",
    "minutes": 15,
    "request": "Redemption",
    "request_zh": "赎回申请",
    "subject": "Q4",
    "workflow_id": "service-request/x/y",
}
# key, locale, subject, text
TEMPLATES = [
    (
        "portal-sign-in",
        "zh-CN",
        "客户门户登录验证码：{{ code }}",
        "您好：\n\n您的登录验证码是 {{ code }}，{{ minutes }} 分钟内有效，仅可使用一次。"
        "\n\n也可以直接打开此链接登录：{{ link }}\n\n如果不是您本人操作，请忽略本邮件。",
    ),
    (
        "portal-sign-in",
        "en",
        "Your client portal sign-in code: {{ code }}",
        "Hello,\n\nYour sign-in code is {{ code }}. It works once, within {{ minutes }} "
        "minutes.\n\nOr open this link to sign in: {{ link }}\n\nIf you did not ask to sign "
        "in, ignore this message.",
    ),
    (
        "csat-invitation",
        "zh-CN",
        "您的{{ request_zh }}已办结，请为我们的服务评分",
        "您好：\n\n您的{{ request_zh }}{% if subject %}（{{ subject }}）{% endif %}已办结。"
        "请用 1 到 5 分为这次服务评分，只需十秒钟：{{ link }}\n\n"
        "如对结果有疑问，也可登录客户门户重新打开此申请。",
    ),
    (
        "csat-invitation",
        "en",
        "Your {{ request }} is done: how did we do?",
        "Hello,\n\nYour {{ request }}{% if subject %} ({{ subject }}){% endif %} has been "
        "resolved. Please rate our service from 1 to 5; it takes ten seconds: {{ link }}"
        "\n\nIf something is not right, you can reopen the request in the client portal.",
    ),
    (
        "nps-invitation",
        "zh-CN",
        "您会向朋友推荐我们吗？",
        "您好：\n\n您有多大可能向朋友或同事推荐我们？请用 0 到 10 分作答，只需十秒钟："
        "{{ link }}\n\n感谢您的宝贵意见。",
    ),
    (
        "nps-invitation",
        "en",
        "Would you recommend us?",
        "Hello,\n\nHow likely are you to recommend us to a friend or colleague? Answer from 0 "
        "to 10; it takes ten seconds: {{ link }}\n\nThank you for telling us.",
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
                "category": "marketing" if key == "nps-invitation" else "service",
                "sample_variables": dict(SAMPLE),
                "created_by": "system",
            }
            for key, locale, subject, body in TEMPLATES
        ],
    )


def downgrade() -> None:
    keys = ", ".join(f"'{key}'" for key in KEYS)
    op.execute(f"DELETE FROM notifications.templates WHERE key IN ({keys}) AND version = 1")
