"""The client report PDF: deterministic bytes, Chinese text that extracts, a holdings table
that breaks across pages with its header repeated, both locales."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from services.reporting.pdf import (
    Brand,
    HoldingLine,
    ReportData,
    TransactionLine,
    find_cjk_font,
    render_client_report,
)


def report(locale: str = "zh-CN", holdings: int = 5) -> ReportData:
    return ReportData(
        client_id="c-1",
        client_name="王小明",
        advisor_id="adv-li",
        period="2026Q3",
        period_start="2026-07-01",
        period_end="2026-09-30",
        locale=locale,
        tier="CORE",
        risk_level="C3",
        holdings=tuple(
            HoldingLine(f"P{i:03d}", f"稳健增长{i}号", "1000.5", str(100000 + i * 1000))
            for i in range(holdings)
        ),
        transactions=(
            TransactionLine("2026-08-03", "subscription", "P001", "50000"),
            TransactionLine("2026-09-12", "redemption", "P002", "-20000"),
        ),
        flows=(("2026-07", 30000.0), ("2026-08", -15000.0), ("2026-09", 0.0)),
        commentary="三季度市场震荡，组合保持稳健配置。\n\n四季度我们将适度增加债券比重。",
    )


def text_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_same_inputs_render_the_same_bytes() -> None:
    assert render_client_report(report()) == render_client_report(report())
    assert render_client_report(report()) != render_client_report(report(holdings=6))


def test_chinese_name_commentary_and_sections_extract() -> None:
    pages = text_of(render_client_report(report(), Brand(firm_name="远景财富")))
    first = pages[0]
    for expected in (
        "远景财富",
        "客户季度报告 2026Q3",
        "王小明",
        "持仓明细",
        "稳健增长1号",
        "申购",
    ):
        assert expected in first, expected
    whole = "".join(pages)
    assert "三季度市场震荡" in whole and "增加债券比重" in whole and "重要声明" in whole
    assert "CNY 50,000.00" in whole


def test_a_long_holdings_table_repeats_its_header_on_the_next_page() -> None:
    pages = text_of(render_client_report(report(holdings=80)))
    assert len(pages) >= 2
    assert "稳健增长79号" in "".join(pages) or "稳健增长0号" in "".join(pages)
    # The header row (code, product, units, market value) starts the table on page 2 too.
    assert all(label in pages[1] for label in ("代码", "产品", "份额", "市值"))
    assert "第 2 页" in pages[1]


def test_english_report() -> None:
    pages = text_of(render_client_report(report("en")))
    assert "Quarterly client report 2026Q3" in pages[0] and "Holdings" in pages[0]
    assert "王小明" in pages[0] and "Important information" in "".join(pages)


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the PDF uses -> whether its glyphs are embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        fonts = resources.get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font.get("/BaseFont"))] = embedded
    return found


@pytest.mark.skipif(
    find_cjk_font() is None,
    reason="no TrueType CJK font on this machine (apt-get install fonts-wqy-microhei)",
)
def test_every_font_is_embedded_so_chinese_reads_anywhere() -> None:
    for locale in ("zh-CN", "en"):
        pdf = render_client_report(report(locale))
        fonts = _fonts(pdf)
        assert fonts and all(fonts.values()), fonts
    assert "王小明" in "".join(text_of(render_client_report(report())))


def test_a_configured_font_is_the_one_embedded(tmp_path: Path) -> None:
    system = find_cjk_font()
    if system is None:
        pytest.skip("no TrueType CJK font on this machine to copy")
    copy = tmp_path / "firm-font.ttc"
    copy.write_bytes(system.read_bytes())
    pdf = render_client_report(report(), Brand(font_path=copy))
    assert "ClientflowCJK-firm-font" in pdfmetrics.getRegisteredFontNames()
    assert all(_fonts(pdf).values()), _fonts(pdf)


def test_a_40_character_product_code_wraps_inside_its_column() -> None:
    code = "LONGCODE-ABCDEFGHIJKLMNOPQRSTUVWXYZ01234"
    assert len(code) == 40
    data = replace(
        report(holdings=0),
        holdings=(HoldingLine(code, "长名称稳健增长产品", "1000", "250000"),),
    )
    pieces: list[tuple[str, float]] = []

    def visit(text: str, cm: Any, _tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            pieces.append((text.replace("\u200b", ""), cm[4]))

    page = PdfReader(io.BytesIO(render_client_report(data))).pages[0]
    page.extract_text(visitor_text=visit)
    [code_x] = [x for t, x in pieces if t.startswith("LONGCODE")]
    lines = [t.strip() for t, x in pieces if x == code_x and t.strip() and t.strip() in code]
    assert "".join(lines) == code and len(lines) >= 2  # all of it, on more than one line
    assert code_x < min(x for t, x in pieces if t.strip() == "长名称稳健增长产品")


def test_the_chart_shows_the_months_recorded_flows() -> None:
    from clientflow.clients.v1 import clients_pb2

    from services.reporting.periods import parse_period
    from services.reporting.reports import _monthly_flows

    def tx(day: str, kind: str, amount: str) -> clients_pb2.Transaction:
        message = clients_pb2.Transaction(kind=kind, amount=amount)
        message.occurred_at.FromDatetime(datetime.fromisoformat(day + "T03:00:00+00:00"))
        return message

    flows = _monthly_flows(
        [
            tx("2026-07-10", "subscription", "100"),
            tx("2026-07-20", "redemption", "30"),
            tx("2026-09-01", "redemption", "5"),
            tx("2026-10-01", "subscription", "999"),
        ],
        parse_period("2026Q3"),
    )
    assert flows == (("2026-07", 70.0), ("2026-08", 0.0), ("2026-09", -5.0))


def _blue_pixels(pdf: bytes, tmp_path: Path, name: str) -> int:
    """Pixels of the value line's colour on the rendered first pages (PDFium, 60 dpi)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    count = 0
    try:
        for index in range(min(2, len(document))):
            image = document[index].render(scale=60 / 72).to_pil()
            raw = image.convert("RGB").tobytes()
            count += sum(
                1
                for i in range(0, len(raw), 3)
                if abs(raw[i] - 0x1F) < 24
                and abs(raw[i + 1] - 0x4E) < 24
                and abs(raw[i + 2] - 0x79) < 24
            )
    finally:
        document.close()
    return count


def test_the_value_chart_is_drawn_from_the_history_with_the_returns(tmp_path: Path) -> None:
    from services.reporting.pdf import ReturnLine

    history = replace(
        report(),
        values=(
            ("2026-06-30", 900000.0),
            ("2026-07-31", 950000.0),
            ("2026-08-31", 1010000.0),
            ("2026-09-30", 1100000.0),
        ),
        returns=(
            ReturnLine("", "2026-06-30", "2026-09-30", 0.1234, 0.1301),
            ReturnLine("P001", "2026-06-30", "2026-09-30", None, None),
        ),
    )
    pdf = render_client_report(history)
    text = "".join(text_of(pdf))
    assert "市值走势与业绩" in text and "12.34%" in text and "13.01%" in text
    assert "全部资产" in text and "26-09-30" in text
    drawn = _blue_pixels(pdf, tmp_path, "with")
    flat = _blue_pixels(render_client_report(report()), tmp_path, "without")
    assert drawn > flat + 100, (drawn, flat)  # the line is there, not just the header band
