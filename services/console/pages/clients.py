"""Clients: search, the 360 page and what is done from it (interactions, tags, custom fields with If-Match, processes, report downloads)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError
from services.console.pages.common import (
    CSRF,
    FORM_ERRORS,
    PROCESS_KINDS,
    Person,
    client_key,
    gateway,
    pass_file,
    process_url,
    words,
)
from services.console.pages.timeline import TimelineFilter, timeline_context
from services.console.rendering import error_page, is_htmx, render
from services.console.session import Viewer

router = APIRouter()


# -- Clients ---------------------------------------------------------------------------


@router.get("/clients", response_class=HTMLResponse)
async def clients_page(
    request: Request,
    person: Person,
    q: str = Query("", max_length=200),
    tier: str = Query("", max_length=20),
    stage: str = Query("", max_length=30),
    advisor_id: str = Query("", max_length=64),
    team_id: str = Query("", max_length=64),
) -> Response:
    book = {"advisor_id": advisor_id, "team_id": team_id}
    found = await _find_clients(request, person, q, tier, stage, book)
    template = "_client_rows.html" if is_htmx(request) else "clients.html"
    return render(
        request,
        template,
        clients=found,
        q=q,
        tier=tier,
        stage=stage,
        advisor_id=advisor_id,
        team_id=team_id,
    )


async def _find_clients(
    request: Request,
    person: Viewer,
    q: str,
    tier: str,
    stage: str,
    book: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    gw = gateway(request)
    try:
        if q.strip():
            reply = await gw.get("/v1/clients:search", person.token, q=q.strip(), page_size=50)
            items = list(reply.get("items", []))
            if tier:
                items = [c for c in items if c.get("tier") == tier]
            if stage:
                items = [c for c in items if c.get("stage") == stage]
            return items
        chosen = {k: v for k, v in (book or {}).items() if v}
        reply = await gw.get(
            "/v1/clients", person.token, tier=tier, stage=stage, page_size=50, **chosen
        )
        return list(reply.get("items", []))
    except ApiError as error:
        if error.status in (400, 422):
            return []
        raise


@router.get("/clients/new", response_class=HTMLResponse)
async def new_client_page(request: Request, person: Person) -> Response:
    return render(request, "client_new.html", error=None, values={})


@router.post("/clients/new", dependencies=CSRF)
async def create_client(request: Request, person: Person) -> Response:
    """A new client; an advisor's own by default (the API decides whose it may be)."""
    form = await request.form()
    values = {k: v.strip() for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
    body: dict[str, Any] = {
        key: values[key]
        for key in ("name", "phone", "email", "advisor_id", "locale", "kind")
        if values.get(key)
    }
    if values.get("tags"):
        body["tags"] = words(values["tags"])
    try:
        created = await gateway(request).post("/v1/clients", person.token, body)
    except ApiError as error:
        if error.status not in FORM_ERRORS:
            raise
        return render(request, "client_new.html", status_code=422, error=error, values=values)
    return RedirectResponse(f"/clients/{created['id']}", status_code=303)


@router.get("/clients/{client_id}", response_class=HTMLResponse)
async def client_page(request: Request, client_id: str, person: Person) -> Response:
    key = client_key(client_id)
    if key is None:
        return error_page(request, 404)
    return await _client_page(request, person, key)


async def _client_page(
    request: Request, person: Viewer, key: str, *, notice: str = "", status_code: int = 200
) -> Response:
    gw = gateway(request)
    view = await gw.get(f"/v1/clients/{key}/view", person.token)

    async def optional(path: str, **params: Any) -> dict[str, Any]:
        try:
            found: dict[str, Any] = await gw.get(path, person.token, **params)
        except ApiError as error:
            if error.status == 401:
                raise
            return {"items": []}
        return found

    (
        processes,
        reports,
        tiers,
        stages,
        audit,
        messages,
        timeline,
        definitions,
        requests,
        valuations,
        performance,
    ) = await asyncio.gather(
        optional(f"/v1/clients/{key}/processes"),
        optional(f"/v1/clients/{key}/reports"),
        optional(f"/v1/clients/{key}/tier-history"),
        optional(f"/v1/clients/{key}/stage-history"),
        optional(f"/v1/clients/{key}/audit", page_size=20),
        optional("/v1/notifications", client_id=key, page_size=20),
        timeline_context(request, person.token, key, TimelineFilter()),
        optional("/v1/custom-fields"),
        optional("/v1/requests", client_id=key, page_size=20),
        optional(f"/v1/clients/{key}/valuations"),
        optional(f"/v1/clients/{key}/performance"),
    )
    return render(
        request,
        "client.html",
        status_code=status_code,
        view=view,
        client=view["client"],
        processes=processes.get("items", []),
        reports=reports.get("items", []),
        tier_history=tiers.get("items", []),
        stage_history=stages.get("items", []),
        audit=audit.get("items", []),
        messages=messages.get("items", []),
        **timeline,
        definitions=definitions.get("items", []),
        requests=requests.get("items", []),
        value_points=valuations.get("points", []),
        figures=performance.get("figures", []),
        related=await _related_records(request, person, key),
        kinds=PROCESS_KINDS,
        notice=notice,
    )


MAX_RELATED_TYPES = 10


async def _related_records(
    request: Request, person: Viewer, key: str
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The record types of clients, each with this client's latest records (10 types)."""
    gw = gateway(request)
    try:
        types = (await gw.get("/v1/record-types", person.token))["items"]
    except ApiError as error:
        if error.status == 401:
            raise
        return []
    kinds = [t for t in types if t["document"].get("client", "required") != "none"]

    async def records_of(kind: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            page = await gw.get(
                f"/v1/records/{kind['key']}", person.token, client_id=key, page_size=10
            )
        except ApiError as error:
            if error.status == 401:
                raise
            return []
        items: list[dict[str, Any]] = page["items"]
        return items

    found = await asyncio.gather(*(records_of(k) for k in kinds[:MAX_RELATED_TYPES]))
    return list(zip(kinds[:MAX_RELATED_TYPES], found, strict=True))


@router.post("/clients/{client_id}/tags", dependencies=CSRF)
async def edit_tags(
    request: Request,
    client_id: str,
    person: Person,
    version: int = Form(ge=0),
    add: str = Form("", max_length=64),
    remove: str = Form("", max_length=64),
) -> Response:
    """Add or remove a tag on the version the person saw (If-Match): a stale edit is refused
    and the page shows who changed the client since."""
    key = client_key(client_id)
    if key is None:
        return error_page(request, 404)
    client = await gateway(request).get(f"/v1/clients/{key}", person.token)
    tags = [t for t in client.get("tags", []) if t != remove.strip()]
    if add.strip() and add.strip() not in tags:
        tags.append(add.strip())
    return await _patch(request, person, key, str(version), {"tags": tags})


@router.post("/clients/{client_id}/custom-fields", dependencies=CSRF)
async def edit_custom_fields(request: Request, client_id: str, person: Person) -> Response:
    """Set the client's custom fields on the version the person saw (If-Match); an empty
    input clears its field."""
    key = client_key(client_id)
    if key is None:
        return error_page(request, 404)
    form = await request.form()
    version = str(form.get("version") or "")
    values: dict[str, Any] = {}
    for name, value in form.multi_items():
        if name.startswith("cf_") and isinstance(value, str):
            values[name.removeprefix("cf_")] = value.strip() or None
    return await _patch(request, person, key, version, {"custom_fields": values})


async def _patch(
    request: Request, person: Viewer, key: str, version: str, body: dict[str, Any]
) -> Response:
    if not version.isdigit():
        return error_page(request, 400, "the form carries no version")
    try:
        await gateway(request).request(
            "PATCH",
            f"/v1/clients/{key}",
            person.token,
            json=body,
            headers={"If-Match": f'W/"{version}"'},
        )
    except ApiError as error:
        if error.status == 412:
            return await _client_page(request, person, key, notice="stale", status_code=409)
        if error.status in (400, 422):
            return await _client_page(request, person, key, notice=error.detail, status_code=422)
        raise
    return RedirectResponse(f"/clients/{key}", status_code=303)


@router.post("/clients/{client_id}/processes", dependencies=CSRF)
async def start_process(
    request: Request, client_id: str, person: Person, kind: str = Form(max_length=64)
) -> Response:
    key = client_key(client_id)
    if key is None:
        return error_page(request, 404)
    try:
        started = await gateway(request).post(
            f"/v1/clients/{key}/processes", person.token, {"kind": kind, "parameters": {}}
        )
    except ApiError as error:
        if error.status in (400, 409, 422):
            return await _client_page(request, person, key, notice=error.detail, status_code=422)
        raise
    return RedirectResponse(process_url(started["workflow_id"]), status_code=303)


@router.get("/artifacts/{artifact_id}/download")
async def download(request: Request, artifact_id: str, person: Person) -> Response:
    if client_key(artifact_id) is None:
        return error_page(request, 404)
    return await pass_file(request, person, f"/v1/artifacts/{artifact_id}/content")
