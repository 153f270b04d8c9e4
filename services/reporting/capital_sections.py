"""The capital account statement in a client's report: one row per fund the client committed
to (commitment, called, uncalled, paid in, outstanding, distributed, NAV, TVPI, DPI), read
from the clients service's FundsService, as a report section. The figures are today's: the
report states the account as it stands when the report is made."""

from __future__ import annotations

from decimal import Decimal

from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.common.identity import SYSTEM_ACTOR
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


async def capital_section(
    funds: clients_pb2_grpc.FundsServiceStub, client_id: str, locale: str
) -> tuple[RecordSection, ...]:
    reply = await funds.ListCapitalAccounts(
        clients_pb2.ListCapitalAccountsRequest(client_id=client_id),
        metadata=SYSTEM_ACTOR.to_metadata(),
        timeout=10,
    )
    if not reply.accounts:
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
        for a in reply.accounts
    )
    language = locale if locale in TITLES else "en"
    return (RecordSection(TITLES[language], COLUMNS[language], rows),)
