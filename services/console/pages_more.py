"""Segments (a builder with a live count, export), the bulk import wizard, and the admin's
pages: templates side by side in zh-CN and en, custom fields, scorecard and lifecycle rules,
the directory of teams and people."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError
from services.console.pages import CSRF, MAX_UPLOAD_BYTES, Person, _client_id, gateway
from services.console.rendering import error_page, render

router = APIRouter()

TIERS = ("STRATEGIC", "CORE", "GROWTH")
STAGES = ("PROSPECT", "ONBOARDING", "ACTIVE", "GROWING", "DECLINING", "DORMANT", "CHURNED")
RISK_LEVELS = ("C1", "C2", "C3", "C4", "C5")
FIELD_TYPES = ("text", "number", "date", "single_choice", "multi_choice", "boolean")
FORM_ERRORS = (400, 409, 412, 422)


def _words(value: str) -> list[str]:
    return [w.strip() for w in value.replace("，", ",").split(",") if w.strip()][:50]


def segment_filter(form: Any) -> dict[str, Any]:
    """The builder's fields -> the API's filter (the same predicates as GET /v1/clients)."""
    chosen: dict[str, Any] = {
        "tiers": [t for t in form.getlist("tiers") if t in TIERS],
        "stages": [s for s in form.getlist("stages") if s in STAGES],
        "risk_levels": [r for r in form.getlist("risk_levels") if r in RISK_LEVELS],
        "tags_any": _words(str(form.get("tags_any") or "")),
        "advisor_ids": _words(str(form.get("advisor_ids") or "")),
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
    if _client_id(segment_id) is None:
        return error_page(request, 404)
    response = await gateway(request).request(
        "GET", f"/v1/segments/{segment_id}/export", person.token, params={"format": format}
    )
    return Response(
        response.content,
        media_type=response.headers.get("content-type"),
        headers={"Content-Disposition": response.headers.get("content-disposition", "")},
    )


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


# -- Admin -----------------------------------------------------------------------------


@router.get("/admin/templates", response_class=HTMLResponse)
async def templates_page(
    request: Request, person: Person, key: str = Query("", max_length=100)
) -> Response:
    gw = gateway(request)
    listed = await gw.get("/v1/templates", person.token)
    previews: dict[str, Any] = {}
    if key:
        for locale in ("zh-CN", "en"):
            try:
                previews[locale] = await gw.post(
                    f"/v1/templates/{key}/preview", person.token, {"locale": locale}
                )
            except ApiError as error:
                if error.status in (401, 403) or error.status >= 500:
                    raise
                previews[locale] = {"error": error.detail}
    return render(
        request,
        "templates_admin.html",
        templates=listed.get("items", []),
        key=key,
        previews=previews,
    )


@router.get("/admin/custom-fields", response_class=HTMLResponse)
async def custom_fields_page(request: Request, person: Person) -> Response:
    return await _custom_fields(request, person)


async def _custom_fields(
    request: Request, person: Person, error: ApiError | None = None, status_code: int = 200
) -> Response:
    listed = await gateway(request).get("/v1/custom-fields", person.token)
    return render(
        request,
        "custom_fields.html",
        status_code=status_code,
        fields=listed.get("items", []),
        types=FIELD_TYPES,
        error=error,
    )


@router.post("/admin/custom-fields", dependencies=CSRF)
async def define_custom_field(
    request: Request,
    person: Person,
    key: Annotated[str, Form(max_length=64)],
    label: Annotated[str, Form(max_length=200)],
    type: Annotated[str, Form(max_length=20)],
    options: Annotated[str, Form(max_length=4000)] = "",
    required: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    body: dict[str, Any] = {"label": label, "type": type, "required": required == "on"}
    if options.strip():
        body["options"] = _words(options)
    try:
        await gateway(request).request("PUT", f"/v1/custom-fields/{key}", person.token, json=body)
    except ApiError as error:
        if error.status not in FORM_ERRORS:
            raise
        return await _custom_fields(request, person, error, 422)
    return RedirectResponse("/admin/custom-fields", status_code=303)


@router.get("/admin/rules-config", response_class=HTMLResponse)
async def config_page(request: Request, person: Person) -> Response:
    return await _config(request, person)


async def _config(
    request: Request, person: Person, error: ApiError | None = None, status_code: int = 200
) -> Response:
    gw = gateway(request)
    scorecard, lifecycle = await asyncio.gather(
        gw.get("/v1/scorecard", person.token), gw.get("/v1/lifecycle-rules", person.token)
    )
    return render(
        request,
        "config_admin.html",
        status_code=status_code,
        scorecard=scorecard,
        lifecycle=lifecycle,
        pretty=lambda value: json.dumps(value, ensure_ascii=False, indent=2),
        error=error,
    )


@router.post("/admin/rules-config/{which}", dependencies=CSRF)
async def save_config(
    request: Request,
    which: str,
    person: Person,
    config: Annotated[str, Form(max_length=64_000)],
    expected_version: Annotated[int, Form(ge=0)] = 0,
) -> Response:
    if which not in ("scorecard", "lifecycle-rules"):
        return error_page(request, 404)
    try:
        parsed = json.loads(config)
    except ValueError as problem:
        error = ApiError(422, {"detail": f"config is not JSON: {problem}"})
        return await _config(request, person, error, 422)
    try:
        await gateway(request).request(
            "PUT",
            f"/v1/{which}",
            person.token,
            json={"config": parsed, "expected_version": expected_version},
        )
    except ApiError as error:
        if error.status not in FORM_ERRORS:
            raise
        return await _config(request, person, error, 422)
    return RedirectResponse("/admin/rules-config", status_code=303)


@router.get("/admin/directory", response_class=HTMLResponse)
async def directory_page(request: Request, person: Person) -> Response:
    return await _directory(request, person)


async def _directory(
    request: Request, person: Person, error: ApiError | None = None, status_code: int = 200
) -> Response:
    gw = gateway(request)
    teams, people = await asyncio.gather(
        gw.get("/v1/directory/teams", person.token), gw.get("/v1/directory/people", person.token)
    )
    return render(
        request,
        "directory.html",
        status_code=status_code,
        teams=teams.get("items", []),
        people=people.get("items", []),
        error=error,
    )


@router.post("/admin/directory/people", dependencies=CSRF)
async def put_person(
    request: Request,
    person: Person,
    user_id: Annotated[str, Form(max_length=64)],
    name: Annotated[str, Form(max_length=200)],
    email: Annotated[str, Form(max_length=320)] = "",
    team_id: Annotated[str, Form(max_length=64)] = "",
    role: Annotated[str, Form(max_length=20)] = "advisor",
    active: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    memberships = [{"team_id": team_id, "role": role}] if team_id else []
    body = {"name": name, "email": email, "active": active == "on", "memberships": memberships}
    try:
        await gateway(request).request(
            "PUT", f"/v1/directory/people/{user_id}", person.token, json=body
        )
    except ApiError as error:
        if error.status not in FORM_ERRORS:
            raise
        return await _directory(request, person, error, 422)
    return RedirectResponse("/admin/directory", status_code=303)
