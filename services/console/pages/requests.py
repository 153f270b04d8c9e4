"""Clients' requests for staff: the list of requests in the person's book, a request with
its client-visible progress, internal notes and the conversation with the client (two forms,
two kinds of record), reopening; filing a request for a client. The steps themselves are
tasks (My day, the task page)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError
from services.console.pages.common import (
    CSRF,
    FORM_ERRORS,
    Person,
    client_key,
    client_names,
    field_labels,
    gateway,
    request_fields,
)
from services.console.rendering import error_page, render
from services.console.session import Viewer, formatter

router = APIRouter()
KEY = re.compile(r"^[a-z0-9-]{0,64}$")
STATUSES = ("open", "resolved", "closed")
ATTACHMENT_BYTES = 10 * 1024 * 1024


@router.get("/requests", response_class=HTMLResponse)
async def requests_page(
    request: Request, person: Person, status: str = "open", type: str = ""
) -> Response:
    chosen = status if status in STATUSES else ""
    kind = type if KEY.match(type) else ""
    page = await gateway(request).get(
        "/v1/requests", person.token, status=chosen, type=kind, page_size=100
    )
    items = page["items"]
    names = await client_names(request, person, (i["client_id"] for i in items))
    return render(
        request,
        "requests.html",
        items=items,
        status=chosen,
        statuses=STATUSES,
        client_names=names,
    )


async def _request_page(
    request: Request, person: Viewer, request_id: str, *, error: ApiError | None = None
) -> Response:
    if client_key(request_id) is None:
        return error_page(request, 404)
    api = gateway(request)
    item = await api.get(f"/v1/requests/{request_id}", person.token)
    notes = await api.get(f"/v1/requests/{request_id}/notes", person.token)
    messages = await api.get(f"/v1/requests/{request_id}/messages", person.token)
    attachments = await api.get(f"/v1/requests/{request_id}/attachments", person.token)
    client = await api.get(f"/v1/clients/{item['client_id']}", person.token)
    types = await api.get("/v1/request-types", person.token)
    kind = next((t for t in types if t["key"] == item.get("type")), None)
    specs = kind["definition"].get("fields", []) if kind else []
    labels = {k.removeprefix("fields."): v for k, v in field_labels(specs, person.locale).items()}
    return render(
        request,
        "request.html",
        field_labels=labels,
        status_code=400 if error else 200,
        item=item,
        notes=notes,
        messages=messages,
        attachments=attachments,
        client=client,
        error=error,
    )


@router.get("/requests/{request_id}", response_class=HTMLResponse)
async def request_page(request: Request, person: Person, request_id: str) -> Response:
    return await _request_page(request, person, request_id)


async def _post(
    request: Request, person: Viewer, request_id: str, suffix: str, body: dict[str, Any]
) -> Response:
    if client_key(request_id) is None:
        return error_page(request, 404)
    try:
        await gateway(request).post(f"/v1/requests/{request_id}/{suffix}", person.token, body)
    except ApiError as error:
        if error.status in FORM_ERRORS:
            return await _request_page(request, person, request_id, error=error)
        raise
    return RedirectResponse(f"/requests/{request_id}", status_code=303)


@router.post("/requests/{request_id}/notes", dependencies=CSRF)
async def add_note(
    request: Request, person: Person, request_id: str, body: str = Form(max_length=4000)
) -> Response:
    return await _post(request, person, request_id, "notes", {"body": body})


@router.post("/requests/{request_id}/messages", dependencies=CSRF)
async def add_message(
    request: Request, person: Person, request_id: str, body: str = Form(max_length=4000)
) -> Response:
    return await _post(request, person, request_id, "messages", {"body": body})


@router.post("/requests/{request_id}/attachments", dependencies=CSRF)
async def attach(
    request: Request, person: Person, request_id: str, file: Annotated[UploadFile, File()]
) -> Response:
    if client_key(request_id) is None:
        return error_page(request, 404)
    content = await file.read(ATTACHMENT_BYTES + 1)
    try:
        await gateway(request).request(
            "POST",
            f"/v1/requests/{request_id}/attachments",
            person.token,
            files={"file": (file.filename or "file", content, "application/octet-stream")},
        )
    except ApiError as error:
        if error.status in (*FORM_ERRORS, 413):
            return await _request_page(request, person, request_id, error=error)
        raise
    return RedirectResponse(f"/requests/{request_id}", status_code=303)


@router.post("/requests/{request_id}/reopen", dependencies=CSRF)
async def reopen(
    request: Request, person: Person, request_id: str, reason: str = Form(max_length=1000)
) -> Response:
    return await _post(request, person, request_id, "reopen", {"reason": reason})


@router.get("/clients/{client_id}/requests/new", response_class=HTMLResponse)
async def new_request_page(
    request: Request, person: Person, client_id: str, type: str = ""
) -> Response:
    if client_key(client_id) is None:
        return error_page(request, 404)
    client = await gateway(request).get(f"/v1/clients/{client_id}", person.token)
    types = await gateway(request).get("/v1/request-types", person.token)
    chosen = next((t for t in types if t["key"] == type), None)
    return render(request, "request_new.html", client=client, types=types, chosen=chosen, values={})


@router.post("/clients/{client_id}/requests/new", response_class=HTMLResponse, dependencies=CSRF)
async def file_request(request: Request, person: Person, client_id: str) -> Response:
    if client_key(client_id) is None:
        return error_page(request, 404)
    form = await request.form()
    types = await gateway(request).get("/v1/request-types", person.token)
    chosen = next((t for t in types if t["key"] == form.get("type")), None)
    if chosen is None:
        return error_page(request, 404)
    values = request_fields(chosen["definition"].get("fields", []), form)
    body = {"type": chosen["key"], "subject": str(form.get("subject", ""))[:200], "fields": values}
    try:
        created = await gateway(request).post(
            f"/v1/clients/{client_id}/requests", person.token, body
        )
    except ApiError as error:
        if error.status in FORM_ERRORS:
            client = await gateway(request).get(f"/v1/clients/{client_id}", person.token)
            fields = chosen["definition"].get("fields", [])
            return render(
                request,
                "request_new.html",
                status_code=400,
                client=client,
                types=types,
                chosen=chosen,
                values=values,
                error=error,
                labels=field_labels(fields, person.locale)
                | {"subject": formatter(request).t("Subject")},
            )
        raise
    return RedirectResponse(f"/requests/{created['id']}", status_code=303)
