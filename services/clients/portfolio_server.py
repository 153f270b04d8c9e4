"""The PortfolioService over gRPC (see portfolio.py)."""

from __future__ import annotations

from typing import TypeAlias

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.clients.convert import day, money
from services.clients.portfolio import Figures, Point, PortfolioReader
from services.common.db import current_session
from services.common.internal_auth import current_actor

Ctx: TypeAlias = grpc.aio.ServicerContext


def _series(points: list[Point]) -> clients_pb2.ValuationSeriesResponse:
    return clients_pb2.ValuationSeriesResponse(points=points_to_proto(points))


def points_to_proto(points: list[Point]) -> list[clients_pb2.ValuationPoint]:
    return [
        clients_pb2.ValuationPoint(as_of=day(d), currency=c, market_value=money(m))
        for d, c, m in points
    ]


def figures_to_proto(f: Figures) -> clients_pb2.PerformanceFigures:
    p = f.performance
    item = clients_pb2.PerformanceFigures(
        product_code=f.product_code,
        currency=f.currency,
        start=day(p.start),
        end=day(p.end),
        start_value=money(p.start_value),
        end_value=money(p.end_value),
        net_flows=money(p.net_flows),
    )
    if p.twr is not None:
        item.twr = p.twr
    if p.mwr is not None:
        item.mwr = p.mwr
    return item


class PortfolioServicer(clients_pb2_grpc.PortfolioServiceServicer):
    async def HoldingsAsOf(
        self, request: clients_pb2.HoldingsAsOfRequest, context: Ctx
    ) -> clients_pb2.ListHoldingsResponse:
        found = await PortfolioReader(current_session()).holdings_as_of(
            current_actor(), request.client_id, request.as_of
        )
        return clients_pb2.ListHoldingsResponse(
            holdings=[
                clients_pb2.Holding(
                    client_id=request.client_id,
                    product_code=p.product_code,
                    product_name=p.product_name,
                    units=money(p.units),
                    cost=money(p.cost),
                    market_value=money(p.market_value),
                    currency=p.currency,
                    as_of=day(valued),
                )
                for valued, p in found
            ]
        )

    async def ValuationSeries(
        self, request: clients_pb2.ValuationSeriesRequest, context: Ctx
    ) -> clients_pb2.ValuationSeriesResponse:
        return _series(
            await PortfolioReader(current_session()).series(
                current_actor(), request.client_id, getattr(request, "from"), request.to
            )
        )

    async def GetPerformance(
        self, request: clients_pb2.ValuationSeriesRequest, context: Ctx
    ) -> clients_pb2.PerformanceResponse:
        figures = await PortfolioReader(current_session()).performance(
            current_actor(), request.client_id, getattr(request, "from"), request.to
        )
        return clients_pb2.PerformanceResponse(figures=[figures_to_proto(f) for f in figures])

    async def AumSeries(
        self, request: clients_pb2.AumSeriesRequest, context: Ctx
    ) -> clients_pb2.ValuationSeriesResponse:
        return _series(
            await PortfolioReader(current_session()).aum_series(
                current_actor(),
                request.team_id,
                request.advisor_id,
                getattr(request, "from"),
                request.to,
            )
        )
