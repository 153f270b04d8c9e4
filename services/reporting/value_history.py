"""A report's value history: the client's value at each valuation date of the period (from
the one it starts from) in its main currency, and the period's returns, read from the clients
service's PortfolioService."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.common.identity import SYSTEM_ACTOR
from services.reporting.pdf import ReturnLine
from services.reporting.periods import Period


async def value_history(
    portfolio: clients_pb2_grpc.PortfolioServiceStub, client_id: str, span: Period
) -> tuple[tuple[tuple[str, float], ...], tuple[ReturnLine, ...]]:
    metadata = SYSTEM_ACTOR.to_metadata()
    series = await portfolio.ValuationSeries(
        clients_pb2.ValuationSeriesRequest(client_id=client_id, to=span.end.isoformat()),
        metadata=metadata,
        timeout=10,
    )
    by_currency: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for point in series.points:
        by_currency[point.currency].append((point.as_of, Decimal(point.market_value)))
    if not by_currency:
        return (), ()
    # The main currency: the largest at its latest valuation (CNY first on a tie).
    main = max(by_currency, key=lambda c: (by_currency[c][-1][1], c == "CNY"))
    start = span.start.isoformat()
    points = by_currency[main]
    before = [p for p in points if p[0] <= start]
    chosen = before[-1:] + [p for p in points if p[0] > start]
    if not chosen:
        return (), ()
    figures = await portfolio.GetPerformance(
        clients_pb2.ValuationSeriesRequest(
            client_id=client_id, to=span.end.isoformat(), **{"from": chosen[0][0]}
        ),
        metadata=metadata,
        timeout=10,
    )
    returns = tuple(
        ReturnLine(
            f.product_code,
            f.start,
            f.end,
            f.twr if f.HasField("twr") else None,
            f.mwr if f.HasField("mwr") else None,
        )
        for f in figures.figures
        if f.product_code or f.currency == main
    )
    return tuple((day, float(value)) for day, value in chosen), returns
