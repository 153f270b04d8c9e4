"""An investor's capital call or distribution notice as a PDF: the firm's header, the investor
and the fund, the amount (and for a call: the due date, the payment instructions and the
reference to quote), and the investor's capital account after it; zh-CN or en. The same
font handling as the client report (an embedded TrueType CJK subset where the system has
one) and deterministic bytes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from services.reporting.pdf import _escape, _money, _styles
from services.reporting.pdf_brand import Brand, _register_font, find_cjk_font
from services.reporting.pdf_charts import _FONT, _f


@dataclass(frozen=True)
class NoticeData:
    kind: str  # call | distribution
    locale: str
    event_id: str
    issued_on: str
    client_name: str
    fund_code: str
    fund_name: str
    currency: str
    amount: str
    due_on: str = ""
    purpose: str = ""
    distribution_kind: str = ""
    payment_reference: str = ""
    payment_instructions: str = ""
    # The investor's capital account in the fund, after this event.
    commitment: str = "0"
    called: str = "0"
    uncalled: str = "0"
    paid: str = "0"
    distributed: str = "0"


LABELS: dict[str, dict[str, str]] = {
    "zh-CN": {
        "call": "缴款通知书",
        "distribution": "收益分配通知书",
        "investor": "投资人",
        "fund": "基金",
        "issued": "通知日期",
        "amount_call": "本期缴款金额",
        "amount_distribution": "本期分配金额",
        "due": "缴款截止日",
        "purpose": "用途",
        "kind": "分配类型",
        "pay": "付款方式",
        "reference": "汇款附言（请务必注明）",
        "account": "您的资本账户（本期之后）",
        "commitment": "认缴金额",
        "called": "累计实缴要求",
        "uncalled": "未缴金额",
        "paid": "累计已缴",
        "distributed": "累计分配",
        "return_of_capital": "返还本金",
        "gain": "投资收益",
        "income": "收入分配",
        "footer": "本通知书由系统生成，如有疑问请联系您的客户经理。通知编号",
    },
    "en": {
        "call": "Capital call notice",
        "distribution": "Distribution notice",
        "investor": "Investor",
        "fund": "Fund",
        "issued": "Date of notice",
        "amount_call": "Amount called",
        "amount_distribution": "Amount distributed",
        "due": "Due date",
        "purpose": "Purpose",
        "kind": "Kind",
        "pay": "Payment instructions",
        "reference": "Reference to quote on the transfer",
        "account": "Your capital account (after this notice)",
        "commitment": "Commitment",
        "called": "Called to date",
        "uncalled": "Uncalled",
        "paid": "Paid in to date",
        "distributed": "Distributed to date",
        "return_of_capital": "Return of capital",
        "gain": "Gain",
        "income": "Income",
        "footer": "Issued by Clientflow; your advisor will answer any questions. Notice",
    },
}


def render_notice(data: NoticeData, brand: Brand | None = None) -> bytes:
    brand = brand or Brand()
    _FONT.set(_register_font(brand.font_path or find_cjk_font()))
    STATE_DEFAULTS["fontName"] = _f()
    labels = LABELS.get(data.locale, LABELS["en"])
    styles = _styles(brand)
    buffer = io.BytesIO()
    title = labels[data.kind]
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        initialFontName=_f(),
        title=f"{title} — {data.client_name}",
        author=brand.firm_name,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=26 * mm,
        bottomMargin=18 * mm,
    )

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        width, height = A4
        canvas.setFillColor(colors.HexColor(brand.color))
        canvas.rect(0, height - 16 * mm, width, 16 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(_f(), 12)
        canvas.drawString(18 * mm, height - 10 * mm, brand.firm_name)
        canvas.setFillColor(colors.grey)
        canvas.setFont(_f(), 7.5)
        canvas.drawString(18 * mm, 10 * mm, f"{labels['footer']} {data.event_id}")
        canvas.restoreState()

    money = f"{data.currency} {_money(data.amount)}"
    rows: list[list[Any]] = [
        [labels["investor"], data.client_name],
        [labels["fund"], f"{data.fund_name} ({data.fund_code})"],
        [labels["issued"], data.issued_on],
        [labels[f"amount_{data.kind}"], money],
    ]
    if data.kind == "call":
        rows.append([labels["due"], data.due_on or "—"])
    else:
        rows.append([labels["kind"], labels.get(data.distribution_kind, data.distribution_kind)])
    if data.purpose:
        rows.append([labels["purpose"], Paragraph(_escape(data.purpose), styles["body"])])
    facts = Table(rows, colWidths=[48 * mm, 126 * mm])
    facts.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), _f(), 10),
                ("TEXTCOLOR", (0, 0), (0, -1), colors.grey),
                ("FONT", (1, 3), (1, 3), _f(), 13),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story: list[Any] = [Paragraph(_escape(title), styles["title"]), Spacer(1, 6 * mm), facts]
    if data.kind == "call":
        story += [
            Paragraph(_escape(labels["pay"]), styles["h2"]),
            Paragraph(_escape(data.payment_instructions).replace("\n", "<br/>"), styles["body"]),
            Spacer(1, 2 * mm),
            Paragraph(
                f"{_escape(labels['reference'])}: <b>{_escape(data.payment_reference)}</b>",
                styles["body"],
            ),
        ]
    account = [
        [labels[name], f"{data.currency} {_money(getattr(data, name))}"]
        for name in ("commitment", "called", "uncalled", "paid", "distributed")
    ]
    table = Table(account, colWidths=[60 * mm, 60 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), _f(), 9.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d7e1")),
            ]
        )
    )
    story += [Paragraph(_escape(labels["account"]), styles["h2"]), table]
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
