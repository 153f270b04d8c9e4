"""Segments (a builder with a live count, export) and the bulk import wizard."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError
from services.console.pages.common import (
    CSRF,
    FORM_ERRORS,
    MAX_UPLOAD_BYTES,
    Person,
    client_key,
    gateway,
    pass_file,
    words,
)
from services.console.rendering import error_page, render

router = APIRouter()


TIERS = ("STRATEGIC", "CORE", "GROWTH")
STAGES = ("PROSPECT", "ONBOARDING", "ACTIVE", "GROWING", "DECLINING", "DORMANT", "CHURNED")
RISK_LEVELS = ("C1", "C2", "C3", "C4", "C5")
FIELD_TYPES = ("text", "number", "date", "single_choice", "multi_choice", "boolean")


def segment_filter(form: Any) -> dict[str, Any]:
    """The builder's fields -> the API's filter (the same predicates as GET /v1/clients)."""
    chosen: dict[str, Any] = {
        "tiers": [t for t in form.getlist("tiers") if t in TIERS],
        "stages": [s for s in form.getlist("stages") if s in STAGES],
        "risk_levels": [r for r in form.getlist("risk_levels") if r in RISK_LEVELS],
        "tags_any": words(str(form.get("tags_any") or "")),
        "advisor_ids": words(str(form.get("advisor_ids") or "")),
    }
    for bound in ("aum_min", "aum_max"):
        value = str(form.get(bound) or "").strip()
        if value:
            chosen[bound] = value
    return {k: v for k, v in chosen.items() if v}


# -- Segments --------------------------------------------------------------------------


@router.get("/segments", response_class=HTMLResponse)
async def segments_page(request: Request, person: Person) -> Response:
    gw = gateway(request)
    listed = await gw.get("/v1/segments", person.token)
    items = listed.get("items", [])

    async def count(segment: dict[str, Any]) -> Any:
        try:
            return (await gw.get(f"/v1/segments/{segment['id']}/count", person.token))["count"]
        except ApiError:
            return None

    counts = await asyncio.gather(*(count(s) for s in items[:50]))
    return render(
        request,
        "segments.html",
        segments=list(zip(items[:50], counts, strict=True)),
        tiers=TIERS,
        stages=STAGES,
        risk_levels=RISK_LEVELS,
        error=None,
    )


@router.post("/segments/count", dependencies=CSRF)
async def segment_count(request: Request, person: Person) -> Response:
    """The builder's live count (HTMX, on every change)."""
    body = segment_filter(await request.form())
    try:
        counted = await gateway(request).post("/v1/segments:count", person.token, body)
    except ApiError as error:
        if error.status not in FORM_ERRORS:
            raise
        return render(request, "_problem.html", error=error)
    return HTMLResponse(f'<strong id="live-count">{int(counted["count"])}</strong>')


@router.post("/segments", dependencies=CSRF)
async def save_segment(request: Request, person: Person) -> Response:
    form = await request.form()
    body = {"name": str(form.get("name") or ""), "filter": segment_filter(form)}
    try:
        await gateway(request).post("/v1/segments", person.token, body)
    except ApiError as error:
        if error.status not in FORM_ERRORS:
            raise
        listed = await gateway(request).get("/v1/segments", person.token)
        return render(
            request,
            "segments.html",
            status_code=422,
            segments=[(s, None) for s in listed.get("items", [])],
            tiers=TIERS,
            stages=STAGES,
            risk_levels=RISK_LEVELS,
            error=error,
        )
    return RedirectResponse("/segments", status_code=303)


@router.get("/segments/{segment_id}/export")
async def export_segment(
    request: Request,
    segment_id: str,
    person: Person,
    format: str = Query("xlsx", pattern="^(csv|xlsx)$"),
) -> Response:
    if client_key(segment_id) is None:
        return error_page(request, 404)
    return await pass_file(request, person, f"/v1/segments/{segment_id}/export", format=format)


# -- Bulk import -----------------------------------------------------------------------


@router.get("/clients-import", response_class=HTMLResponse)
async def import_page(request: Request, person: Person) -> Response:
    return render(request, "import.html", report=None)


@router.post("/clients-import", dependencies=CSRF)
async def import_clients(
    request: Request,
    person: Person,
    file: Annotated[UploadFile, File()],
    source: Annotated[str, Form(max_length=64)] = "console",
) -> Response:
    """All or nothing: a file with any bad row writes nothing, and every bad row is listed."""
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        report = {"committed": False, "detail": f"file is larger than {MAX_UPLOAD_BYTES} bytes"}
        return render(request, "import.html", status_code=413, report=report)
    try:
        response = await gateway(request).request(
            "POST",
            "/v1/clients:import",
            person.token,
            params={"all_or_nothing": "true", "source": source or "console"},
            files={
                "file": (
                    file.filename or "clients.csv",
                    content,
                    file.content_type or "application/octet-stream",
                )
            },
        )
    except ApiError as error:
        if error.status not in (*FORM_ERRORS, 413, 415):
            raise
        report = error.problem.get("report") or {
            "committed": False,
            "errors": error.field_errors,
            "detail": error.detail,
        }
        return render(request, "import.html", status_code=422, report=report)
    return render(request, "import.html", report=response.json())
