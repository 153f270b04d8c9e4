"""Valuation history and performance: a client's value over time, its holdings as of a date,
its time- and money-weighted returns; AUM over time for the firm, a team or a book (the
clients service's `portfolio.py`). Every holding written is a valuation kept."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.gateway.deps import Services
from services.gateway.params import NOT_YOURS

router = APIRouter(tags=["portfolio"])
# A period's inclusive bounds (ISO dates); absent = the whole history.
From = Annotated[dt.date | None, Query(alias="from")]
To = Annotated[dt.date | None, Query(alias="to")]


class PointOut(BaseModel):
    as_of: dt.date
    currency: str
    market_value: str = Field(description="decimal text at its stored scale")


class SeriesOut(BaseModel):
    points: list[PointOut]


class HoldingAsOf(BaseModel):
    product_code: str
    product_name: str
    units: str
    cost: str
    market_value: str
    currency: str
    valued_on: dt.date = Field(description="the valuation this position carries forward")


class HoldingsAsOfOut(BaseModel):
    as_of: dt.date
    items: list[HoldingAsOf]


class FiguresOut(BaseModel):
    product_code: str | None = Field(description="null: the whole client (per currency)")
    currency: str
    start: dt.date
    end: dt.date
    start_value: str
    end_value: str
    net_flows: str
    twr: float | None = Field(description="time-weighted return, a fraction")
    mwr: float | None = Field(description="money-weighted return (XIRR), a fraction")


class PerformanceOut(BaseModel):
    figures: list[FiguresOut]


def _series(reply: clients_pb2.ValuationSeriesResponse) -> SeriesOut:
    return SeriesOut(
        points=[
            PointOut(
                as_of=dt.date.fromisoformat(p.as_of),
                currency=p.currency,
                market_value=p.market_value,
            )
            for p in reply.points
        ]
    )


def _bound(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


@router.get("/v1/clients/{client_id}/valuations", response_model=SeriesOut, responses=NOT_YOURS)
async def valuation_series(
    client_id: uuid.UUID,
    services: Services,
    start: From = None,
    end: To = None,
) -> SeriesOut:
    """The client's value at each of its valuation dates, per currency."""
    reply = await services.portfolio.ValuationSeries(
        clients_pb2.ValuationSeriesRequest(
            client_id=str(client_id), to=_bound(end), **{"from": _bound(start)}
        )
    )
    return _series(reply)


@router.get(
    "/v1/clients/{client_id}/valuations/{as_of}",
    response_model=HoldingsAsOfOut,
    responses=NOT_YOURS,
)
async def holdings_as_of(
    client_id: uuid.UUID, as_of: dt.date, services: Services
) -> HoldingsAsOfOut:
    """The client's holdings as of a date: each product's latest valuation on or before it."""
    reply = await services.portfolio.HoldingsAsOf(
        clients_pb2.HoldingsAsOfRequest(client_id=str(client_id), as_of=as_of.isoformat())
    )
    return HoldingsAsOfOut(
        as_of=as_of,
        items=[
            HoldingAsOf(
                product_code=h.product_code,
                product_name=h.product_name,
                units=h.units,
                cost=h.cost,
                market_value=h.market_value,
                currency=h.currency,
                valued_on=dt.date.fromisoformat(h.as_of),
            )
            for h in reply.holdings
        ],
    )


@router.get(
    "/v1/clients/{client_id}/performance", response_model=PerformanceOut, responses=NOT_YOURS
)
async def performance(
    client_id: uuid.UUID,
    services: Services,
    start: From = None,
    end: To = None,
) -> PerformanceOut:
    """Time-weighted (linked Modified Dietz between valuation dates) and money-weighted
    (XIRR) returns over the period's valuations: the client per currency, then per product."""
    reply = await services.portfolio.GetPerformance(
        clients_pb2.ValuationSeriesRequest(
            client_id=str(client_id), to=_bound(end), **{"from": _bound(start)}
        )
    )
    return PerformanceOut(
        figures=[
            FiguresOut(
                product_code=f.product_code or None,
                currency=f.currency,
                start=dt.date.fromisoformat(f.start),
                end=dt.date.fromisoformat(f.end),
                start_value=f.start_value,
                end_value=f.end_value,
                net_flows=f.net_flows,
                twr=f.twr if f.HasField("twr") else None,
                mwr=f.mwr if f.HasField("mwr") else None,
            )
            for f in reply.figures
        ]
    )


@router.get("/v1/aum-series", response_model=SeriesOut)
async def aum_series(
    services: Services,
    team_id: str = Query("", max_length=64),
    advisor_id: str = Query("", max_length=64),
    start: From = None,
    end: To = None,
) -> SeriesOut:
    """AUM over time, per currency: the firm's (admins, accountants), a team's (its
    managers) or an advisor's book; an advisor always gets their own book."""
    reply = await services.portfolio.AumSeries(
        clients_pb2.AumSeriesRequest(
            team_id=team_id, advisor_id=advisor_id, to=_bound(end), **{"from": _bound(start)}
        )
    )
    return _series(reply)
