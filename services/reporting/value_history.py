"""A report's value history: the client's value at each valuation date of the period (from
the one it starts from) in its main currency, and the period's returns, as the clients
service's GetReportData chose and measured them."""

from __future__ import annotations

from clientflow.clients.v1 import clients_pb2

from services.reporting.pdf import ReturnLine


def value_history(
    data: clients_pb2.ClientReportData,
) -> tuple[tuple[tuple[str, float], ...], tuple[ReturnLine, ...]]:
    values = tuple((p.as_of, float(p.market_value)) for p in data.values)
    returns = tuple(
        ReturnLine(
            f.product_code,
            f.start,
            f.end,
            f.twr if f.HasField("twr") else None,
            f.mwr if f.HasField("mwr") else None,
        )
        for f in data.returns
    )
    return values, returns
