"""notifications: the capital call and distribution messages (the notice, a reminder before
the due date, the overdue notice), in zh-CN and en

Revision ID: notifications_0012
Revises: notifications_0011
Create Date: 2026-12-07
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0012"
down_revision: str | None = "notifications_0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE = {
    "recipient_name": "王小明",
    "fund": "成长一期",
    "amount": "125000.00",
    "outstanding": "125000.00",
    "currency": "CNY",
    "due_on": "2026-12-21",
    "reference": "CF-1A2B3C4D-5E6F7A8B",
}
# key, locale, subject, text
TEMPLATES = [
    (
        "capital-call-notice",
        "zh-CN",
        "{{ fund }} 缴款通知：{{ amount }} {{ currency }}，{{ due_on }} 前",
        "{{ recipient_name }}，您好：\n\n{{ fund }} 本期缴款金额为 {{ amount }} {{ currency }}，"
        "请于 {{ due_on }} 前汇至通知书所列账户，附言请注明 {{ reference }}。缴款通知书见附件。",
    ),
    (
        "capital-call-notice",
        "en",
        "{{ fund }} capital call: {{ amount }} {{ currency }} due {{ due_on }}",
        "Dear {{ recipient_name }},\n\n{{ fund }} calls {{ amount }} {{ currency }} from you, due "
        "{{ due_on }}. Please transfer it to the account in the attached notice, quoting "
        "{{ reference }}.",
    ),
    (
        "capital-call-reminder",
        "zh-CN",
        "提醒：{{ fund }} 缴款 {{ outstanding }} {{ currency }} 将于 {{ due_on }} 到期",
        "{{ recipient_name }}，您好：\n\n{{ fund }} 本期缴款尚有 {{ outstanding }} {{ currency }} "
        "未到账，到期日为 {{ due_on }}。汇款附言请注明 {{ reference }}。如已汇出，请忽略本提醒。",
    ),
    (
        "capital-call-reminder",
        "en",
        "Reminder: {{ outstanding }} {{ currency }} for {{ fund }} is due {{ due_on }}",
        "Dear {{ recipient_name }},\n\n{{ outstanding }} {{ currency }} of your {{ fund }} capital "
        "call is still open and due {{ due_on }}. Please quote {{ reference }} on the transfer. "
        "If you have sent it already, please disregard this reminder.",
    ),
    (
        "capital-call-overdue",
        "zh-CN",
        "{{ fund }} 缴款已逾期：{{ outstanding }} {{ currency }}",
        "{{ recipient_name }}，您好：\n\n{{ fund }} 本期缴款已于 {{ due_on }} 到期，尚有 "
        "{{ outstanding }} {{ currency }} 未到账。请尽快汇款（附言 {{ reference }}），或联系您的"
        "客户经理。",
    ),
    (
        "capital-call-overdue",
        "en",
        "Overdue: {{ outstanding }} {{ currency }} for {{ fund }}",
        "Dear {{ recipient_name }},\n\nYour {{ fund }} capital call was due {{ due_on }} and "
        "{{ outstanding }} {{ currency }} is still open. Please transfer it (quoting "
        "{{ reference }}) or contact your advisor.",
    ),
    (
        "distribution-notice",
        "zh-CN",
        "{{ fund }} 分配通知：{{ amount }} {{ currency }}",
        "{{ recipient_name }}，您好：\n\n{{ fund }} 本期向您分配 {{ amount }} {{ currency }}，"
        "分配通知书见附件。",
    ),
    (
        "distribution-notice",
        "en",
        "{{ fund }} distribution: {{ amount }} {{ currency }}",
        "Dear {{ recipient_name }},\n\n{{ fund }} distributes {{ amount }} {{ currency }} to you; "
        "the notice is attached.",
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
    keys = ", ".join(sorted({f"'{key}'" for key, *_ in TEMPLATES}))
    op.execute(
        "DELETE FROM notifications.templates WHERE created_by = 'system'"
        f" AND key IN ({keys}) AND version = 1"
    )
