"""The capital account statement in a client's report: one row per fund the client committed
to (commitment, called, uncalled, paid in, outstanding, distributed, NAV, TVPI, DPI), as the
clients service's GetReportData gives them, as a report section. The figures are today's: the
report states the account as it stands when the report is made."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from clientflow.clients.v1 import clients_pb2

from services.reporting.pdf import RecordSection

TITLES = {"zh-CN": "资本账户", "en": "Capital account"}
COLUMNS = {
    "zh-CN": (
        "基金",
        "认缴",
        "已要求缴款",
        "未缴",
        "已实缴",
        "待缴",
        "已分配",
        "净值",
        "TVPI",
        "DPI",
    ),
    "en": (
        "Fund",
        "Commitment",
        "Called",
        "Uncalled",
        "Paid in",
        "Outstanding",
        "Distributed",
        "NAV",
        "TVPI",
        "DPI",
    ),
}


def _money(value: str) -> str:
    return f"{Decimal(value or '0'):,.2f}"


def capital_section(
    accounts: Sequence[clients_pb2.CapitalAccount], locale: str
) -> tuple[RecordSection, ...]:
    if not accounts:
        return ()
    rows = tuple(
        (
            f"{a.fund_code} ({a.currency})",
            *(
                _money(getattr(a, name))
                for name in (
                    "commitment",
                    "called",
                    "uncalled",
                    "paid",
                    "outstanding",
                    "distributed",
                    "nav",
                )
            ),
            f"{a.tvpi:.2f}x" if a.HasField("tvpi") else "—",
            f"{a.dpi:.2f}x" if a.HasField("dpi") else "—",
        )
        for a in accounts
    )
    language = locale if locale in TITLES else "en"
    return (RecordSection(TITLES[language], COLUMNS[language], rows),)
