"""The client report as a PDF (reportlab): branded header on every page, the client summary,
an allocation chart and the period's net flows by month, the holdings and the period's transactions as
tables that break across pages with a repeating header, the approved commentary and the
disclaimers; zh-CN or en.

Pure and deterministic: the same inputs give the same bytes (`invariant` fixes the creation
date and document id), so a re-rendered report can be compared with the stored one.

Fonts: a TrueType CJK font is embedded (a subset of the glyphs used), so the report reads the
same on a device without Chinese fonts and can be archived: `Brand.font_path`
(CLIENTFLOW_REPORT_FONT), else an openly licensed font the system has (WenQuanYi Micro Hei
from Debian's `fonts-wqy-microhei`, which the Docker image installs). Without one, reportlab's
CID font STSong-Light is used: it needs no file, but it is not embedded.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from services.reporting.pdf_brand import Brand, _register_font, find_cjk_font
from services.reporting.pdf_charts import (
    _FONT,
    _f,
    allocation,
    flows_chart,
    value_chart,
)
from services.reporting.pdf_labels import LABELS


@dataclass(frozen=True)
class HoldingLine:
    product_code: str
    product_name: str
    units: str
    market_value: str
    currency: str = "CNY"


@dataclass(frozen=True)
class TransactionLine:
    occurred_on: str
    kind: str
    product_code: str
    amount: str
    currency: str = "CNY"


@dataclass(frozen=True)
class ReturnLine:
    """A performance figure for the report: the client's ("" product) or a product's."""

    product_code: str
    start: str
    end: str
    twr: float | None
    mwr: float | None


@dataclass(frozen=True)
class RecordSection:
    """A record type the report lists (已投项目): its name, column titles and rows."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ReportData:
    client_id: str
    client_name: str
    advisor_id: str
    period: str  # e.g. 2026Q3
    period_start: str  # ISO date
    period_end: str  # ISO date, inclusive
    locale: str = "zh-CN"
    tier: str = ""
    risk_level: str = ""
    holdings: tuple[HoldingLine, ...] = ()
    transactions: tuple[TransactionLine, ...] = ()
    # (YYYY-MM, net flow) for each month of the period, oldest first: the chart draws what
    # was recorded (subscriptions in, redemptions out).
    flows: tuple[tuple[str, float], ...] = ()
    # (ISO date, value) from the valuation history: the one the period starts from, then each
    # valuation date in it, in the client's main currency.
    values: tuple[tuple[str, float], ...] = ()
    returns: tuple[ReturnLine, ...] = ()
    commentary: str = ""
    title: str = ""  # default: the quarterly report's title
    # The client's records of the types marked for reports, after the transactions.
    sections: tuple[RecordSection, ...] = ()


def _money(value: str | Decimal | float) -> str:
    return f"{Decimal(str(value)):,.2f}"


def _styles(brand: Brand) -> dict[str, ParagraphStyle]:
    accent = colors.HexColor(brand.color)
    return {
        "title": ParagraphStyle(
            "title", fontName=_f(), bulletFontName=_f(), fontSize=18, leading=24, textColor=accent
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName=_f(),
            bulletFontName=_f(),
            fontSize=12,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
            textColor=accent,
        ),
        "body": ParagraphStyle(
            "body", fontName=_f(), bulletFontName=_f(), fontSize=9.5, leading=14
        ),
        # A code wraps at any character when it is wider than its column.
        "code": ParagraphStyle("code", fontName=_f(), fontSize=9.5, leading=12, wordWrap="CJK"),
        "small": ParagraphStyle(
            "small",
            fontName=_f(),
            bulletFontName=_f(),
            fontSize=7.5,
            leading=10,
            textColor=colors.grey,
        ),
    }


def _table(rows: list[list[Any]], widths: list[float], brand: Brand, numeric: int) -> Table:
    """A table whose header repeats on every page it breaks onto."""
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), _f(), 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(brand.color)),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f9")]),
                ("ALIGN", (numeric, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d7e1")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def render_client_report(data: ReportData, brand: Brand | None = None) -> bytes:
    """The report's PDF bytes; the same inputs always give the same bytes."""
    brand = brand or Brand()
    _FONT.set(_register_font(brand.font_path or find_cjk_font()))
    # Charts start from reportlab's default state, whose font (Helvetica) would be named in
    # the PDF without being embedded: the report's font instead (renders run one at a time
    # per process).
    STATE_DEFAULTS["fontName"] = _f()
    labels = LABELS.get(data.locale, LABELS["en"])
    styles = _styles(brand)
    buffer = io.BytesIO()
    title = data.title or f"{labels['title']} {data.period}"
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        # The page's initial font too, or every page also names an unembedded Helvetica.
        initialFontName=_f(),
        title=f"{title} — {data.client_name}",
        author=brand.firm_name,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=26 * mm,
        bottomMargin=18 * mm,
    )

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        width, height = A4
        canvas.setFillColor(colors.HexColor(brand.color))
        canvas.rect(0, height - 16 * mm, width, 16 * mm, stroke=0, fill=1)
        x = 16 * mm
        if brand.logo_path and brand.logo_path.exists():
            canvas.drawImage(
                str(brand.logo_path),
                x,
                height - 13.5 * mm,
                width=11 * mm,
                height=11 * mm,
                preserveAspectRatio=True,
                mask="auto",
            )
            x += 14 * mm
        canvas.setFillColor(colors.white)
        canvas.setFont(_f(), 12)
        canvas.drawString(x, height - 10 * mm, brand.firm_name)
        canvas.setFont(_f(), 9)
        canvas.drawRightString(width - 16 * mm, height - 10 * mm, f"{title}")
        canvas.setFillColor(colors.grey)
        canvas.setFont(_f(), 7.5)
        canvas.drawString(16 * mm, 10 * mm, f"{data.client_name} · {data.period}")
        canvas.drawRightString(width - 16 * mm, 10 * mm, labels["page"].format(page=doc.page))
        canvas.restoreState()

    total = sum((Decimal(h.market_value) for h in data.holdings), Decimal(0))
    summary = [
        [
            labels["client"],
            data.client_name,
            labels["period"],
            f"{data.period} ({data.period_start} ~ {data.period_end})",
        ],
        [labels["advisor"], data.advisor_id, labels["aum"], f"CNY {_money(total)}"],
        [
            labels["tier"],
            labels["tiers"].get(data.tier, data.tier) or "—",
            labels["risk"],
            data.risk_level or "—",
        ],
    ]
    summary_table = Table(summary, colWidths=[24 * mm, 56 * mm, 24 * mm, 74 * mm])
    summary_table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), _f(), 9),
                ("TEXTCOLOR", (0, 0), (0, -1), colors.grey),
                ("TEXTCOLOR", (2, 0), (2, -1), colors.grey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    charts = Table(
        [
            [
                Paragraph(labels["allocation"], styles["h2"]),
                Paragraph(labels["value"], styles["h2"]),
            ],
            [allocation(data, labels), flows_chart(data)],
        ],
        colWidths=[86 * mm, 92 * mm],
        # Cells draw in a font even when they hold drawings: the report's, so it is embedded.
        style=TableStyle([("FONT", (0, 0), (-1, -1), _f(), 9)]),
    )
    holdings = [
        [
            labels["code"],
            labels["product"],
            labels["units"],
            labels["market_value"],
            labels["share"],
        ]
    ]
    for line in sorted(data.holdings, key=lambda h: (-Decimal(h.market_value), h.product_code)):
        share = Decimal(line.market_value) / total if total else Decimal(0)
        holdings.append(
            [
                Paragraph(escape(line.product_code), styles["code"]),
                Paragraph(escape(line.product_name), styles["body"]),
                _money(line.units),
                f"{line.currency} {_money(line.market_value)}",
                f"{share:.1%}",
            ]
        )
    story: list[Any] = [
        Paragraph(title, styles["title"]),
        Spacer(1, 3 * mm),
        Paragraph(labels["summary"], styles["h2"]),
        summary_table,
        KeepTogether([charts]),
        *_history(data, labels, styles, brand),
        Paragraph(labels["holdings"], styles["h2"]),
        _table(holdings, [22 * mm, 70 * mm, 26 * mm, 38 * mm, 22 * mm], brand, numeric=2),
        Paragraph(labels["transactions"], styles["h2"]),
    ]
    if data.transactions:
        kinds = labels["kinds"]
        rows = [[labels["date"], labels["kind"], labels["code"], labels["amount"]]]
        for tx in sorted(data.transactions, key=lambda t: (t.occurred_on, t.product_code)):
            rows.append(
                [
                    tx.occurred_on,
                    kinds.get(tx.kind, tx.kind),
                    Paragraph(escape(tx.product_code), styles["code"]),
                    f"{tx.currency} {_money(tx.amount)}",
                ]
            )
        story.append(_table(rows, [30 * mm, 34 * mm, 40 * mm, 54 * mm], brand, numeric=3))
    else:
        story.append(Paragraph(labels["none"], styles["body"]))
    for section in data.sections:
        story.append(Paragraph(escape(section.title), styles["h2"]))
        width = 178 * mm / max(len(section.columns), 1)
        rows = [list(section.columns)]
        rows += [[Paragraph(escape(cell), styles["body"]) for cell in row] for row in section.rows]
        story.append(_table(rows, [width] * len(section.columns), brand, numeric=len(rows[0])))
    if data.commentary:
        story.append(Paragraph(labels["commentary"], styles["h2"]))
        for paragraph in data.commentary.split("\n\n"):
            story.append(Paragraph(_escape(paragraph).replace("\n", "<br/>"), styles["body"]))
    story += [
        Spacer(1, 6 * mm),
        Paragraph(labels["disclaimer"], styles["h2"]),
        Paragraph(
            _escape(brand.disclaimer.get(data.locale, brand.disclaimer["en"])), styles["small"]
        ),
    ]
    try:
        document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    except LayoutError as error:  # a cell too large for a page: say which report
        raise ValueError(
            f"report for client {data.client_id} cannot be laid out: {error}"
        ) from None
    return buffer.getvalue()


def _history(
    data: ReportData, labels: dict[str, Any], styles: dict[str, Any], brand: Brand
) -> list[Any]:
    """The value over the period and the returns, when there is a history to draw."""
    if len(data.values) < 2 and not data.returns:
        return []

    def pct(x: float | None) -> str:
        return "—" if x is None else f"{x:.2%}"

    rows: list[list[Any]] = [[labels["return_of"], labels["span"], labels["twr"], labels["mwr"]]]
    rows += [
        [
            Paragraph(escape(r.product_code) or labels["whole"], styles["body"]),
            f"{r.start} ~ {r.end}",
            pct(r.twr),
            pct(r.mwr),
        ]
        for r in data.returns
    ]
    parts: list[Any] = [Paragraph(labels["history"], styles["h2"]), value_chart(data)]
    if data.returns:
        parts.append(_table(rows, [50 * mm, 52 * mm, 38 * mm, 38 * mm], brand, numeric=2))
    return [KeepTogether(parts)]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = [
    "Brand",
    "HoldingLine",
    "RecordSection",
    "ReportData",
    "ReturnLine",
    "TransactionLine",
    "find_cjk_font",
    "render_client_report",
]
