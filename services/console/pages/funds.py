"""Funds for firm-wide roles: the dashboard (called vs uncalled, paid, distributed, NAV, TVPI
and DPI by fund; overdue calls; distributions by quarter), each figure leading to its list —
a fund's calls and distributions, a call's investors with what each has paid — and a bank
statement's import with its line-by-line report."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from services.console.api import ApiError
from services.console.pages.common import CSRF, Person, gateway
from services.console.rendering import render

router = APIRouter()
MAX_STATEMENT_BYTES = 2 * 1024 * 1024


async def _dashboard(
    request: Request,
    person: Person,
    statement: dict[str, Any] | None = None,
    error: str = "",
    status_code: int = 200,
) -> Response:
    summary = await gateway(request).get("/v1/funds/summary", person.token)
    return render(
        request,
        "funds.html",
        status_code,
        summary=summary,
        statement=statement,
        error=error,
    )


@router.get("/funds", response_class=HTMLResponse)
async def funds_page(request: Request, person: Person) -> Response:
    return await _dashboard(request, person)


@router.post("/funds/bank-statement", dependencies=CSRF)
async def import_statement(
    request: Request,
    person: Person,
    file: Annotated[UploadFile, File()],
    format: Annotated[str, Form(pattern="^(mt940|csv)$")] = "mt940",
) -> Response:
    content = await file.read(MAX_STATEMENT_BYTES + 1)
    if len(content) > MAX_STATEMENT_BYTES:
        return await _dashboard(
            request, person, error=f"> {MAX_STATEMENT_BYTES} bytes", status_code=413
        )
    try:
        reply = await gateway(request).request(
            "POST",
            "/v1/bank-statements",
            person.token,
            params={"format": format},
            files={"file": (file.filename or "statement", content, "text/plain")},
        )
    except ApiError as error:
        if error.status >= 500 or error.status in (401, 403, 404):
            raise
        return await _dashboard(request, person, error=error.detail, status_code=422)
    return await _dashboard(request, person, statement=reply.json())


@router.get("/funds/{code}", response_class=HTMLResponse)
async def fund_page(request: Request, person: Person, code: str, kind: str = "") -> Response:
    events = await gateway(request).get("/v1/capital-events", person.token, fund_code=code[:64])
    items = [e for e in events["items"] if not kind or e["kind"] == kind]
    return render(request, "fund.html", code=code, events=items, kind=kind)


@router.get("/capital-events/{event_id}", response_class=HTMLResponse)
async def event_page(request: Request, person: Person, event_id: uuid.UUID) -> Response:
    event = await gateway(request).get(f"/v1/capital-events/{event_id}", person.token)
    return render(request, "capital_event.html", event=event)
