"""Processes and their progress, quarterly runs, a run's failed deliveries, dashboards."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError
from services.console.pages.common import (
    CSRF,
    Person,
    gateway,
    pass_file,
    previous_quarter,
    process_url,
)
from services.console.rendering import is_htmx, render
from services.console.session import formatter

router = APIRouter()


# -- Processes -------------------------------------------------------------------------


@router.get("/process", response_class=HTMLResponse)
async def process_page(
    request: Request, person: Person, id: str = Query(min_length=1, max_length=300)
) -> Response:
    gw = gateway(request)
    path = quote(id, safe="")
    progress, process = await asyncio.gather(
        gw.get(f"/v1/processes/{path}/progress", person.token),
        gw.get(f"/v1/processes/{path}", person.token),
    )
    template = "_progress.html" if is_htmx(request) else "process.html"
    return render(request, template, progress=progress, process=process, live_url=process_url(id))


# -- Quarterly reports -----------------------------------------------------------------


@router.get("/quarterly", response_class=HTMLResponse)
async def quarterly_page(request: Request, person: Person) -> Response:
    return render(request, "quarterly.html", period=previous_quarter(), error=None)


@router.post("/quarterly", dependencies=CSRF)
async def start_quarterly(
    request: Request,
    person: Person,
    book: str = Form(max_length=64),
    period: str = Form(max_length=6),
) -> Response:
    try:
        started = await gateway(request).post(
            "/v1/reports/quarterly", person.token, {"book": book, "period": period}
        )
    except ApiError as error:
        if error.status in (400, 409, 422):
            return render(
                request, "quarterly.html", status_code=422, period=period, error=error, book=book
            )
        raise
    return RedirectResponse(process_url(started["workflow_id"]), status_code=303)


# -- Dashboards ------------------------------------------------------------------------


@router.get("/dashboards", response_class=HTMLResponse)
async def dashboards(
    request: Request,
    person: Person,
    period: str = Query("", max_length=7),
    team_id: str = Query("", max_length=64),
) -> Response:
    period = period or str(datetime.now(UTC).year)
    if person.has("manager") and not person.has("admin", "partner", "accountant") and not team_id:
        team_id = person.managed_team_ids[0] if person.managed_team_ids else ""
    error = None
    kpis: dict[str, Any] = {}
    try:
        kpis = await gateway(request).get(
            "/v1/dashboards/kpis", person.token, period=period, team_id=team_id
        )
    except ApiError as refused:
        if refused.status not in (400, 422):
            raise
        error = refused
    types = await gateway(request).get("/v1/request-types", person.token)
    # The AUM trend of what the viewer looks at: the team asked for, or the firm / their team /
    # their book as their scope decides.
    try:
        trend = await gateway(request).get("/v1/aum-series", person.token, team_id=team_id)
    except ApiError as refused:
        if refused.status not in (400, 403, 422):
            raise
        trend = {"points": []}
    request_names = {
        t["key"]: (t["definition"].get("names") or {}).get(person.locale, t["key"]) for t in types
    }
    fmt = formatter(request)
    fmt.people = request.app.state.names.people
    nps_labels = [fmt.person(r["advisor_id"]) for r in kpis.get("nps", {}).get("by_advisor", [])]
    return render(
        request,
        "dashboards.html",
        kpis=kpis,
        period=period,
        team_id=team_id,
        error=error,
        request_names=request_names,
        nps_labels=nps_labels,
        trend=[p for p in trend["points"] if p["currency"] == "CNY"],
    )


@router.get("/dashboards/export")
async def export_dashboard(
    request: Request,
    person: Person,
    period: str = Query(max_length=7),
    team_id: str = Query("", max_length=64),
    format: str = Query("csv", pattern="^(csv|xlsx)$"),
) -> Response:
    return await pass_file(
        request, person, "/v1/dashboards/kpis", period=period, team_id=team_id, format=format
    )
