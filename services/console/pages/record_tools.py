"""A record type's spreadsheets and numbers: export what the list shows, import a file
(every row or none, the bad rows listed) and the totals by period, team and advisor — views
of /v1/records/{type}/export, /import and /totals."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError
from services.console.form_errors import problem_lines
from services.console.pages.common import (
    CSRF,
    FORM_ERRORS,
    MAX_UPLOAD_BYTES,
    Person,
    gateway,
    pass_file,
    record_type,
)
from services.console.rendering import render
from services.console.session import formatter

router = APIRouter()
KEY = r"^[a-z][a-z0-9_]{0,39}$"
FIELD = r"^([a-z][a-z0-9_]{0,39})?$"


@router.get("/records/{key}/export")
async def export_records(
    request: Request,
    person: Person,
    key: str = Path(pattern=KEY),
    format: str = Query("xlsx", pattern="^(csv|xlsx)$"),
    field: str = Query("", pattern=FIELD),
    op: str = Query("eq", pattern="^(eq|ne|gt|gte|lt|lte|has)$"),
    value: str = Query("", max_length=200),
    sort: str = Query("", max_length=41),
) -> Response:
    params: dict[str, Any] = {"format": format, "locale": formatter(request).locale}
    if field and value:
        params["filter"] = f"{field}:{op}:{value}"
    if sort:
        params["sort"] = sort
    return await pass_file(request, person, f"/v1/records/{quote(key)}/export", **params)


@router.get("/records/{key}/import", response_class=HTMLResponse)
async def import_page(request: Request, person: Person, key: str) -> Response:
    kind = await record_type(request, person, key)
    return render(request, "record_import.html", kind=kind, report=None)


@router.post("/records/{key}/import", dependencies=CSRF)
async def import_records(
    request: Request, person: Person, key: str, file: Annotated[UploadFile, File()]
) -> Response:
    """Every row or none: a file with any bad row writes nothing, each bad row listed."""
    kind = await record_type(request, person, key)
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        report = {"committed": False, "detail": f"file is larger than {MAX_UPLOAD_BYTES} bytes"}
        return render(request, "record_import.html", status_code=413, kind=kind, report=report)
    try:
        response = await gateway(request).request(
            "POST",
            f"/v1/records/{quote(key)}/import",
            person.token,
            files={"file": (file.filename or f"{key}.csv", content, "application/octet-stream")},
        )
    except ApiError as error:
        if error.status not in (*FORM_ERRORS, 403, 413, 415):  # 403: who may import
            raise
        report = error.problem.get("report") or {
            "committed": False,
            "errors": error.field_errors,
            "detail": error.detail,
        }
        return render(request, "record_import.html", status_code=422, kind=kind, report=report)
    return render(request, "record_import.html", kind=kind, report=response.json())


@router.get("/records/{key}/totals", response_class=HTMLResponse)
async def totals_page(
    request: Request,
    person: Person,
    key: str,
    measure: str = Query("", pattern=FIELD),
    date_field: str = Query("", pattern=FIELD),
    period: str = Query("month", pattern="^(month|quarter)$"),
    by: str = Query("team", pattern="^(team|advisor|none)$"),
) -> Response:
    kind = await record_type(request, person, key)
    groups = [by, period] if by != "none" else [period]
    params: dict[str, Any] = {"group_by": groups}
    if measure:
        params["measure"] = measure
    if date_field:
        params["date_field"] = date_field
    error, items = None, []
    try:
        found = await gateway(request).get(
            f"/v1/records/{quote(key)}/totals", person.token, **params
        )
        items = found["items"]
    except ApiError as refused:
        if refused.status not in FORM_ERRORS:
            raise
        error = problem_lines(formatter(request), refused)
    largest = max((abs(i["sum"] if measure else i["count"]) for i in items), default=0) or 1
    return render(
        request,
        "record_totals.html",
        kind=kind,
        items=items,
        largest=largest,
        error=error,
        chosen={"measure": measure, "date_field": date_field, "period": period, "by": by},
    )


@router.post("/records/{key}/views", dependencies=CSRF)
async def save_view(
    request: Request,
    person: Person,
    key: str,
    name: Annotated[str, Form(max_length=100)],
    field: Annotated[str, Form(pattern=FIELD)] = "",
    op: Annotated[str, Form(pattern="^(eq|ne|gt|gte|lt|lte|has)$")] = "eq",
    value: Annotated[str, Form(max_length=200)] = "",
    sort: Annotated[str, Form(max_length=41)] = "",
) -> Response:
    """The list's filter and sort under a name; the list again, now with the view."""
    body = {"name": name, "filters": [f"{field}:{op}:{value}"] if field and value else []}
    if sort:
        body["sort"] = sort
    await gateway(request).post(f"/v1/records/{quote(key)}/views", person.token, body)
    return RedirectResponse(f"/records/{quote(key)}?{urlencode(view_query(body))}", status_code=303)


@router.post("/records/{key}/views/{view_id}/delete", dependencies=CSRF)
async def delete_view(request: Request, person: Person, key: str, view_id: str) -> Response:
    await gateway(request).request(
        "DELETE", f"/v1/records/{quote(key)}/views/{quote(view_id)}", person.token
    )
    return RedirectResponse(f"/records/{quote(key)}", status_code=303)


def view_query(view: dict[str, Any]) -> dict[str, str]:
    """The list page's query for a view (the page shows one filter)."""
    query = {"sort": view.get("sort") or ""}
    if view.get("filters"):
        field, op, value = view["filters"][0].split(":", 2)
        query |= {"field": field, "op": op, "value": value}
    return query
