"""notifications: a branded HTML body beside the text of every message clients receive

A new version (n + 1) of each seeded client-facing template, in both locales, whose HTML body
is the text's paragraphs in a simple branded layout with inline styles (what survives common
mail clients). A template an admin has changed since it was seeded is left as it is.

Revision ID: notifications_0007
Revises: notifications_0006
Create Date: 2026-11-30
"""

import json
import re
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "notifications_0007"
down_revision: str | None = "notifications_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLIENT_FACING = (
    "welcome",
    "risk-questionnaire",
    "risk-questionnaire-reminder",
    "reactivation",
    "birthday-greeting",
    "signing-anniversary",
    "quarterly-report",
    "annual-strategy",
)
FOOTER = {
    "zh-CN": "此邮件由系统发送，如有疑问请联系您的理财顾问。",
    "en": "This message was sent by our system; for any question, contact your advisor.",
}
_TAG = re.compile(r"({{.*?}}|{%.*?%})", re.S)


def _escape_text(part: str) -> str:
    """Escape literal text; Jinja tags stay as they are (the HTML body is autoescaped when
    rendered, so variables are escaped then)."""
    pieces = _TAG.split(part)
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:
            out.append(piece)
        else:
            out.append(piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return "".join(out)


def html_body(text: str, locale: str) -> str:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    body = "".join(
        '<p style="margin:0 0 14px 0;font-size:15px;line-height:1.6;color:#1f2933;">'
        + _escape_text(p).replace("\n", "<br>")
        + "</p>"
        for p in paragraphs
    )
    return (
        '<!DOCTYPE html><html><body style="margin:0;padding:0;background:#f4f6f8;">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"'
        ' style="background:#f4f6f8;padding:24px 0;"><tr><td align="center">'
        '<table role="presentation" width="600" cellpadding="0" cellspacing="0"'
        ' style="max-width:600px;background:#ffffff;border-radius:6px;'
        "font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;\">"
        '<tr><td style="background:#1f4e79;height:6px;border-radius:6px 6px 0 0;"></td></tr>'
        f'<tr><td style="padding:28px 32px 8px 32px;">{body}</td></tr>'
        '<tr><td style="padding:8px 32px 24px 32px;font-size:12px;color:#7b8794;">'
        f"{FOOTER[locale]}</td></tr>"
        "</table></td></tr></table></body></html>"
    )


def upgrade() -> None:
    bind = op.get_bind()
    latest = bind.execute(
        sa.text(
            "SELECT DISTINCT ON (key, locale) key, locale, version, subject, body_text,"
            " body_html, category, sample_variables, created_by"
            " FROM notifications.templates WHERE key = ANY(:keys) AND retired_at IS NULL"
            " ORDER BY key, locale, version DESC"
        ),
        {"keys": list(CLIENT_FACING)},
    ).mappings()
    for row in list(latest):
        if row["created_by"] != "system" or row["body_html"] or row["locale"] not in FOOTER:
            continue
        bind.execute(
            sa.text(
                "INSERT INTO notifications.templates (id, key, locale, version, subject,"
                " body_text, body_html, category, sample_variables, created_by)"
                " VALUES (:id, :key, :locale, :version, :subject, :body_text, :body_html,"
                " :category, CAST(:samples AS jsonb), 'system')"
            ),
            {
                "id": uuid.uuid5(
                    uuid.NAMESPACE_URL,
                    f"clientflow:template:{row['key']}:{row['locale']}:html",
                ),
                "key": row["key"],
                "locale": row["locale"],
                "version": row["version"] + 1,
                "subject": row["subject"],
                "body_text": row["body_text"],
                "body_html": html_body(row["body_text"], row["locale"]),
                "category": row["category"],
                "samples": json.dumps(row["sample_variables"] or {}),
            },
        )


def downgrade() -> None:
    op.execute(
        "DELETE FROM notifications.templates WHERE created_by = 'system' AND body_html <> ''"
        " AND key IN (" + ", ".join(f"'{key}'" for key in CLIENT_FACING) + ")"
    )
