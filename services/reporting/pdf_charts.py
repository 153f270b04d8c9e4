"""The report's charts (reportlab graphics), drawn in the report's font: the allocation pie,
the period's net flows by month, and the value over the period from the valuation history."""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

if TYPE_CHECKING:
    from services.reporting.pdf import ReportData

CID_FONT = "STSong-Light"
_FONT: ContextVar[str] = ContextVar("report_font", default=CID_FONT)
PALETTE = [
    colors.HexColor(c)
    for c in ("#1f4e79", "#2e75b6", "#9dc3e6", "#c55a11", "#f4b183", "#548235", "#a9d18e")
]


def _f() -> str:
    """The font of the report being rendered."""
    return _FONT.get()


def allocation(data: ReportData, labels: dict[str, Any]) -> Drawing:
    drawing = Drawing(80 * mm, 55 * mm)
    values = sorted(
        ((h.product_name or h.product_code, float(h.market_value)) for h in data.holdings),
        key=lambda item: (-item[1], item[0]),
    )
    if len(values) > 6:
        values = [*values[:5], (labels["other"], sum(v for _, v in values[5:]))]
    if not values or sum(v for _, v in values) <= 0:
        return drawing
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = (
        round(4 * mm),
        round(8 * mm),
        round(36 * mm),
        round(36 * mm),
    )
    pie.data = [v for _, v in values]
    pie.slices.strokeColor = colors.white
    for index in range(len(values)):
        pie.slices[index].fillColor = PALETTE[index % len(PALETTE)]
    drawing.add(pie)
    total = sum(v for _, v in values)
    legend = Legend()
    legend.x, legend.y = round(44 * mm), round(44 * mm)
    legend.fontName, legend.fontSize = _f(), 7
    legend.alignment = "right"
    legend.columnMaximum = 7
    legend.dy = legend.dx = 6
    legend.colorNamePairs = [
        (PALETTE[i % len(PALETTE)], f"{name[:14]} {value / total:.0%}")
        for i, (name, value) in enumerate(values)
    ]
    drawing.add(legend)
    return drawing


def flows_chart(data: ReportData) -> Drawing:
    """The period's net flow per month as bars (in above the line, out below); nothing drawn
    for a period without flows."""
    drawing = Drawing(90 * mm, 55 * mm)
    if not any(net for _, net in data.flows):
        return drawing
    chart = VerticalBarChart()
    chart.x, chart.y = round(16 * mm), round(10 * mm)
    chart.width, chart.height = round(70 * mm), round(38 * mm)
    chart.data = [[net for _, net in data.flows]]
    chart.bars[0].fillColor = PALETTE[1]
    chart.bars[0].strokeColor = None
    chart.categoryAxis.categoryNames = [month[2:] for month, _ in data.flows]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = _f()
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 6
    chart.categoryAxis.visibleTicks = 0
    low, high = min(0.0, *chart.data[0]), max(0.0, *chart.data[0])
    pad = (high - low) * 0.1 or 1.0
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = low - (pad if low < 0 else 0), high + pad
    chart.valueAxis.labelTextFormat = axis_format(data.locale)
    drawing.add(chart)
    return drawing


def axis_format(locale: str) -> Any:
    if locale == "zh-CN":
        return lambda v: f"{v / 10_000:,.1f}万" if abs(v) >= 10_000 else f"{v:,.0f}"
    return lambda v: f"{v / 1_000_000:,.2f}M" if abs(v) >= 1_000_000 else f"{v / 1_000:,.1f}k"


def value_chart(data: ReportData) -> Drawing:
    """The client's value at each valuation date of the period (and the one it starts from),
    as a line; nothing drawn with fewer than two valuations."""
    drawing = Drawing(178 * mm, 50 * mm)
    if len(data.values) < 2:
        return drawing
    chart = HorizontalLineChart()
    chart.x, chart.y = round(20 * mm), round(8 * mm)
    chart.width, chart.height = round(150 * mm), round(36 * mm)
    chart.data = [[value for _, value in data.values]]
    chart.lines[0].strokeColor = PALETTE[0]
    chart.lines[0].strokeWidth = 1.5
    chart.categoryAxis.categoryNames = [day[2:] for day, _ in data.values]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = _f()
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 6
    low, high = min(chart.data[0]), max(chart.data[0])
    pad = (high - low) * 0.1 or high * 0.05 or 1.0
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = max(0.0, low - pad), high + pad
    chart.valueAxis.labelTextFormat = axis_format(data.locale)
    drawing.add(chart)
    return drawing
