"""Records the firm defines: the types, a list per type (a filter, a sort), a record's page
with its form, a new record (from the list or a client's page); admins define a type in a
designer (the document with live checks). Each page is a view of /v1/record-types and
/v1/records."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from services.console.api import ApiError
from services.console.form_errors import problem_lines
from services.console.pages.common import CSRF, FORM_ERRORS, Person, gateway, record_type
from services.console.pages.record_tools import view_query
from services.console.rendering import render
from services.console.session import formatter

router = APIRouter()
KEY = r"^[a-z][a-z0-9_]{0,39}$"
MAX_DOCUMENT = 64 * 1024


def _labels(kind: dict[str, Any], locale: str) -> dict[str, str]:
    """fields.<key> → its label in the reader's language (problems name fields by it)."""
    found = {}
    for field in kind["fields"]:
        label = field.get("label") or {}
        found[f"fields.{field['key']}"] = label.get(locale) or label.get("en") or field["key"]
        found[f"fields.{field['key']}.amount"] = found[f"fields.{field['key']}"]
    return found


def record_fields(kind: dict[str, Any], form: FormData, *, creating: bool) -> dict[str, Any]:
    """The form's `f_<key>` inputs as the record's fields; a blank one is left out when
    creating and removed when changing."""
    values: dict[str, Any] = {}
    for field in kind["fields"]:
        name = f"f_{field['key']}"
        if field["type"] == "computed":
            continue  # worked out by the service, never written
        if field["type"] == "multi_choice":
            chosen = [str(v) for v in form.getlist(name) if str(v)]
            values[field["key"]] = chosen or None
        elif field["type"] == "boolean":
            values[field["key"]] = form.get(name) == "yes"
        elif field["type"] == "money":
            amount = str(form.get(name) or "").strip()
            currency = str(form.get(f"{name}_currency") or "").strip()
            values[field["key"]] = (
                {"amount": amount, **({"currency": currency} if currency else {})}
                if amount
                else None
            )
        else:
            text = str(form.get(name) or "").strip()
            values[field["key"]] = text or None
    if creating:
        return {k: v for k, v in values.items() if v is not None}
    return values


@router.get("/records", response_class=HTMLResponse)
async def types_page(request: Request, person: Person) -> Response:
    listed = await gateway(request).get("/v1/record-types", person.token)
    return render(request, "record_types.html", types=listed["items"])


@router.get("/records/{key}", response_class=HTMLResponse)
async def list_page(
    request: Request,
    person: Person,
    key: str,
    field: str = Query("", max_length=40),
    op: str = Query("eq", pattern="^(eq|ne|gt|gte|lt|lte|has)$"),
    value: str = Query("", max_length=200),
    sort: str = Query("", max_length=41),
    page_token: str = Query("", max_length=200),
) -> Response:
    kind = await record_type(request, person, key)
    params: dict[str, Any] = {"page_size": 50}
    if field and value:
        params["filter"] = f"{field}:{op}:{value}"
    if sort:
        params["sort"] = sort
    if page_token:
        params["page_token"] = page_token
    error = None
    try:
        page = await gateway(request).get(f"/v1/records/{quote(key)}", person.token, **params)
    except ApiError as refused:
        if refused.status not in FORM_ERRORS:
            raise
        page, error = (
            {"items": [], "next_page_token": None},
            problem_lines(formatter(request), refused),
        )
    views = await gateway(request).get(f"/v1/records/{quote(key)}/views", person.token)
    return render(
        request,
        "records.html",
        kind=kind,
        page=page,
        views=[(v, f"/records/{quote(key)}?{urlencode(view_query(v))}") for v in views["items"]],
        error=error,
        chosen={"field": field, "op": op, "value": value, "sort": sort},
    )


@router.get("/records/{key}/new", response_class=HTMLResponse)
async def new_page(
    request: Request, person: Person, key: str, client_id: str = Query("", max_length=64)
) -> Response:
    kind = await record_type(request, person, key)
    return render(request, "record.html", kind=kind, record=None, client_id=client_id, error=None)


@router.post("/records/{key}", dependencies=CSRF)
async def create(request: Request, person: Person, key: str) -> Response:
    kind = await record_type(request, person, key)
    form = await request.form()
    client_id = str(form.get("client_id") or "").strip()
    fields = record_fields(kind["document"], form, creating=True)
    body: dict[str, Any] = {"fields": fields}
    if client_id:
        body["client_id"] = client_id
    try:
        made = await gateway(request).post(f"/v1/records/{quote(key)}", person.token, body)
    except ApiError as refused:
        if refused.status not in FORM_ERRORS:
            raise
        labels = _labels(kind["document"], formatter(request).locale)
        lines = problem_lines(formatter(request), refused, labels)
        return render(
            request,
            "record.html",
            422,
            kind=kind,
            record=None,
            client_id=client_id,
            error=lines,
            submitted=fields,
        )
    return RedirectResponse(f"/records/{quote(key)}/{made['id']}", status_code=303)


@router.get("/records/{key}/{record_id}", response_class=HTMLResponse)
async def record_page(request: Request, person: Person, key: str, record_id: str) -> Response:
    kind = await record_type(request, person, key)
    record = await gateway(request).get(
        f"/v1/records/{quote(key)}/{quote(record_id)}", person.token
    )
    return render(request, "record.html", kind=kind, record=record, client_id="", error=None)


@router.post("/records/{key}/{record_id}", dependencies=CSRF)
async def change(request: Request, person: Person, key: str, record_id: str) -> Response:
    kind = await record_type(request, person, key)
    form = await request.form()
    path = f"/v1/records/{quote(key)}/{quote(record_id)}"
    gw = gateway(request)
    fields = record_fields(kind["document"], form, creating=False)
    try:
        if form.get("action") == "archive":
            await gw.post(f"{path}/archive", person.token)
        else:
            await gw.request(
                "PATCH",
                path,
                person.token,
                json={"fields": fields},
                headers={"If-Match": f'W/"{int(str(form.get("version") or 0))}"'},
            )
    except ApiError as refused:
        if refused.status not in FORM_ERRORS:
            raise
        record = await gw.get(path, person.token)
        labels = _labels(kind["document"], formatter(request).locale)
        lines = problem_lines(formatter(request), refused, labels)
        submitted = {k: v for k, v in fields.items() if v is not None}
        return render(
            request,
            "record.html",
            422,
            kind=kind,
            record=record,
            client_id="",
            error=lines,
            submitted=submitted,
        )
    return RedirectResponse(f"/records/{quote(key)}/{quote(record_id)}", status_code=303)
