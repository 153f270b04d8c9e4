"""The record type designer (admins): a row per field — key, kind, labels in both languages,
required / unique / indexed, in the list, its place in the form — with a live check as the
admin types (`/v1/record-types/validate`), or the whole document as JSON for those who
prefer it. Saving makes a new version; one the stored records would break is refused,
naming them."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError
from services.console.form_errors import problem_lines
from services.console.pages.common import CSRF, FORM_ERRORS, Person, gateway, record_type
from services.console.record_form import KINDS, ROLES, document_of, form_of
from services.console.rendering import render
from services.console.session import formatter

router = APIRouter()
KEY = r"^[a-z][a-z0-9_]{0,39}$"
MAX_DOCUMENT = 64 * 1024


def _starter(key: str) -> dict[str, Any]:
    return {
        "key": key,
        "name": {"zh-CN": key, "en": key},
        "client": "required",
        "fields": [
            {
                "key": "name",
                "type": "text",
                "label": {"zh-CN": "名称", "en": "Name"},
                "required": True,
            }
        ],
        "title_field": "name",
    }


def _page(
    request: Request,
    shown: dict[str, Any],
    document: dict[str, Any],
    *,
    text: str | None = None,
    error: list[str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "record_type.html",
        status,
        shown=shown,
        form=form_of(document),
        text=text if text is not None else json.dumps(document, ensure_ascii=False, indent=2),
        kinds=KINDS,
        roles=ROLES,
        error=error,
        check={"valid": not error, "problems": []},
    )


@router.get("/admin/record-types")
async def new_type(key: str = Query(pattern=KEY)) -> Response:
    return RedirectResponse(f"/admin/record-types/{key}", status_code=303)


@router.get("/admin/record-types/{key}", response_class=HTMLResponse)
async def designer(request: Request, person: Person, key: str) -> Response:
    try:
        shown = await record_type(request, person, key)
        document = shown["document"]
    except ApiError as missing:
        if missing.status != 404:
            raise
        shown, document = {"key": key, "version": 0, "document": {}}, _starter(key)
    return _page(request, shown, document)


@router.post("/admin/record-types/{key}/check", response_class=HTMLResponse, dependencies=CSRF)
async def check(request: Request, person: Person, key: str) -> Response:
    """The form's first problem as the admin types (an HTMX fragment)."""
    document = document_of(key, await request.form())
    found = await gateway(request).post(
        "/v1/record-types/validate", person.token, {"document": document}
    )
    return render(request, "_record_type_check.html", check=found)


@router.post("/admin/record-types/{key}", dependencies=CSRF)
async def save_type(
    request: Request,
    person: Person,
    key: str,
    document: str = Form("", max_length=MAX_DOCUMENT),
    expected_version: int = Form(0, ge=0),
) -> Response:
    """Save the rows (or, from the JSON editor, the document) as a new version."""
    shown = {"key": key, "version": expected_version, "document": {}}
    parsed: Any = _starter(key)  # shown again if the JSON does not parse
    try:
        parsed = json.loads(document) if document else document_of(key, await request.form())
        await gateway(request).request(
            "PUT",
            f"/v1/record-types/{quote(key)}",
            person.token,
            json={"document": parsed, "expected_version": expected_version},
        )
    except (ApiError, ValueError) as failure:
        error = (
            failure if isinstance(failure, ApiError) else ApiError(400, {"detail": str(failure)})
        )
        if error.status not in FORM_ERRORS:
            raise error from None
        lines = problem_lines(formatter(request), error)
        kept = parsed if isinstance(parsed, dict) else _starter(key)
        return _page(request, shown, kept, text=document or None, error=lines, status=422)
    return RedirectResponse(f"/records/{quote(key)}", status_code=303)
