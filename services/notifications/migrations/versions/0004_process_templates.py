"""notifications: templates of the client-care processes (onboarding, reactivation, key
dates), in zh-CN and en

Revision ID: notifications_0004
Revises: notifications_0003
Create Date: 2026-11-27
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0004"
down_revision: str | None = "notifications_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {
    "client_name": "王小明",
    "workflow_id": "onboarding/x",
    "advisor_id": "adv-li",
    "client_id": "x",
    "title": "Client is dormant",
    "due_at": "",
}
# key, category, locale, subject, text
TEMPLATES = [
    (
        "risk-questionnaire",
        "service",
        "zh-CN",
        "请完成风险测评问卷",
        "{{ client_name }}，您好：\n\n欢迎加入。为了给您合适的投资建议，请完成风险测评问卷"
        "（五个问题，约三分钟）。您的理财顾问也可以协助您填写。\n\n参考编号：{{ workflow_id }}",
    ),
    (
        "risk-questionnaire",
        "service",
        "en",
        "Please complete your risk questionnaire",
        "Dear {{ client_name }},\n\nWelcome. So that we can advise you well, please answer the "
        "risk questionnaire (five questions, about three minutes). Your advisor can help you "
        "with it.\n\nReference: {{ workflow_id }}",
    ),
    (
        "risk-questionnaire-reminder",
        "service",
        "zh-CN",
        "提醒：风险测评问卷尚未完成",
        "{{ client_name }}，您好：\n\n您的风险测评问卷尚未完成，完成后我们即可为您开通服务。"
        "\n\n参考编号：{{ workflow_id }}",
    ),
    (
        "risk-questionnaire-reminder",
        "service",
        "en",
        "Reminder: your risk questionnaire",
        "Dear {{ client_name }},\n\nYour risk questionnaire is still open; once it is answered "
        "we can complete your onboarding.\n\nReference: {{ workflow_id }}",
    ),
    (
        "welcome",
        "service",
        "zh-CN",
        "欢迎成为我们的客户",
        "{{ client_name }}，您好：\n\n感谢您的信任，您的开户已完成。您的理财顾问将在两个工作日内"
        "与您联系，介绍后续服务。",
    ),
    (
        "welcome",
        "service",
        "en",
        "Welcome",
        "Dear {{ client_name }},\n\nThank you for your trust; your account is set up. Your "
        "advisor will call you within two business days to introduce our service.",
    ),
    (
        "reactivation",
        "marketing",
        "zh-CN",
        "好久不见，{{ client_name }}",
        "{{ client_name }}，您好：\n\n好久没有联系了。市场近来变化较多，您的理财顾问希望与您"
        "回顾一下投资组合。回复此邮件即可预约时间。",
    ),
    (
        "reactivation",
        "marketing",
        "en",
        "It has been a while, {{ client_name }}",
        "Dear {{ client_name }},\n\nIt has been a while. Markets have moved; your advisor would "
        "like to review your portfolio with you. Reply to this e-mail to book a time.",
    ),
    (
        "dormant-alert",
        "service",
        "zh-CN",
        "客户已沉睡：{{ client_name }}",
        "客户 {{ client_name }} 在唤醒流程后仍无任何往来，已标记为沉睡客户。流程：{{ workflow_id }}",
    ),
    (
        "dormant-alert",
        "service",
        "en",
        "Client is dormant: {{ client_name }}",
        "{{ client_name }} had no activity after the reactivation process and is now marked "
        "dormant. Process: {{ workflow_id }}",
    ),
    (
        "birthday-greeting",
        "service",
        "zh-CN",
        "生日快乐，{{ client_name }}",
        "{{ client_name }}，您好：\n\n值此生日之际，祝您身体健康、万事如意！",
    ),
    (
        "birthday-greeting",
        "service",
        "en",
        "Happy birthday, {{ client_name }}",
        "Dear {{ client_name }},\n\nAll of us wish you a very happy birthday and a good year "
        "ahead.",
    ),
    (
        "signing-anniversary",
        "service",
        "zh-CN",
        "感谢一路同行，{{ client_name }}",
        "{{ client_name }}，您好：\n\n今天是我们合作的周年纪念日，感谢您一直以来的信任与支持。",
    ),
    (
        "signing-anniversary",
        "service",
        "en",
        "Thank you for another year, {{ client_name }}",
        "Dear {{ client_name }},\n\nToday marks another year of working together. Thank you "
        "for your trust.",
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
                "category": category,
                "sample_variables": dict(SAMPLE),
                "created_by": "system",
            }
            for key, category, locale, subject, body in TEMPLATES
        ],
    )


def downgrade() -> None:
    keys = ", ".join(f"'{key}'" for key in KEYS)
    op.execute(
        "DELETE FROM notifications.templates WHERE created_by = 'system'"
        f" AND key IN ({keys}) AND version = 1"
    )
