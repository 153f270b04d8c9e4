"""Admin: the process designer — the definitions, one definition's document with live
validation and its diagram, its nodes, versions with the changes from the one before,
publish, and a start for a client."""

from __future__ import annotations

import difflib
import json
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError
from services.console.diagram import svg
from services.console.node_edit import apply_node_form
from services.console.pages.common import CSRF, Person, gateway, process_url
from services.console.rendering import render
from services.console.session import formatter

router = APIRouter()
MAX_DOCUMENT = 64 * 1024


def _pretty(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def _diagram(request: Request, document: Any) -> str:
    if not isinstance(document, dict):
        return ""
    fmt = formatter(request)

    def label(node: dict[str, Any]) -> str:
        name = node.get("name") or node.get("title") or {}
        return str(name.get(fmt.locale) or name.get("zh-CN") or node.get("id", ""))

    return svg(document, label, lambda kind: fmt.v("node_kind", kind))


async def _check(request: Request, person: Person, text: str) -> dict[str, Any]:
    """The document's problems and diagram (for the live panel)."""
    try:
        document = json.loads(text) if len(text) <= MAX_DOCUMENT else None
    except ValueError as error:
        return {"problems": [{"field": "document", "message": str(error)}], "diagram": ""}
    if not isinstance(document, dict):
        return {"problems": [{"field": "document", "message": "—"}], "diagram": ""}
    try:
        checked = await gateway(request).post(
            "/v1/process-definitions/validate", person.token, {"document": document}
        )
    except ApiError as error:
        if error.status not in (400, 422):
            raise
        return {"problems": [{"field": "document", "message": error.detail}], "diagram": ""}
    return {"problems": checked["problems"], "diagram": _diagram(request, document)}


@router.get("/admin/processes", response_class=HTMLResponse)
async def definitions_page(request: Request, person: Person) -> Response:
    listed = await gateway(request).get("/v1/process-definitions", person.token)
    return render(request, "definitions.html", definitions=listed["items"])


@router.get("/admin/processes/{key}", response_class=HTMLResponse)
async def definition_page(
    request: Request, person: Person, key: str, version: int = Query(0, ge=0, le=100_000)
) -> Response:
    gw = gateway(request)
    shown = await gw.get(f"/v1/process-definitions/{quote(key)}", person.token, version=version)
    return await _editor(request, person, shown, _pretty(shown["document"]), error=None)


async def _editor(
    request: Request,
    person: Person,
    shown: dict[str, Any],
    text: str,
    *,
    error: ApiError | None,
    status_code: int = 200,
) -> Response:
    diff = ""
    if shown["version"] > 1:
        before = await gateway(request).get(
            f"/v1/process-definitions/{quote(shown['key'])}",
            person.token,
            version=shown["version"] - 1,
        )
        diff = "\n".join(
            difflib.unified_diff(
                _pretty(before["document"]).splitlines(),
                _pretty(shown["document"]).splitlines(),
                f"v{before['version']}",
                f"v{shown['version']}",
                lineterm="",
            )
        )
    check = await _check(request, person, text)
    segments: list[dict[str, Any]] = []
    schedules: list[dict[str, Any]] = []
    if person.has("admin"):
        gw = gateway(request)
        segments = (await gw.get("/v1/segments", person.token))["items"]
        schedules = await gw.get(
            f"/v1/process-definitions/{quote(shown['key'])}/schedules", person.token
        )
    return render(
        request,
        "definition.html",
        status_code=status_code,
        shown=shown,
        text=text,
        check=check,
        diff=diff,
        error=error,
        segments=segments,
        schedules=schedules,
    )


@router.post("/admin/processes/validate", dependencies=CSRF)
async def validate(request: Request, person: Person, document: str = Form("")) -> Response:
    return render(request, "_definition_check.html", check=await _check(request, person, document))


def _answers(text: str) -> dict[str, list[str]]:
    """ "node=outcome, outcome; node=outcome" as a dry run's answers."""
    found: dict[str, list[str]] = {}
    for part in text.replace("；", ";").split(";"):
        if "=" in part:
            node, outcomes = part.split("=", 1)
            found[node.strip()] = [
                o.strip() for o in outcomes.replace("，", ",").split(",") if o.strip()
            ]
    return found


@router.post("/admin/processes/{key}/nodes/{node_id}", dependencies=CSRF)
async def edit_node(request: Request, person: Person, key: str, node_id: str) -> Response:
    """A node's form applied to the definition's text (returned for the editor; not saved)."""
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    text = values.pop("document", "")[:MAX_DOCUMENT]
    changed = apply_node_form(text, node_id[:64], values)
    return render(request, "_definition_text.html", text=changed, revalidate=True)


@router.post("/admin/processes/dry-run", dependencies=CSRF)
async def dry_run(
    request: Request,
    person: Person,
    document: str = Form("", max_length=MAX_DOCUMENT),
    client_id: str = Form("", max_length=64),
    answers: str = Form("", max_length=4000),
) -> Response:
    try:
        body = {
            "document": json.loads(document),
            "client_id": client_id,
            "answers": _answers(answers),
        }
        result = await gateway(request).post("/v1/process-definitions/dry-run", person.token, body)
    except (ApiError, ValueError) as failure:
        error = (
            failure if isinstance(failure, ApiError) else ApiError(400, {"detail": str(failure)})
        )
        if error.status not in (400, 404, 409, 422):
            raise
        return render(request, "_dry_run.html", result=None, error=error)
    return render(request, "_dry_run.html", result=result, error=None)


@router.post("/admin/processes/{key}", dependencies=CSRF)
async def save(
    request: Request,
    person: Person,
    key: str,
    document: str = Form(max_length=MAX_DOCUMENT),
    expected_version: int = Form(0, ge=0),
) -> Response:
    gw = gateway(request)
    try:
        parsed = json.loads(document)
        new_key = parsed.get("key", key) if isinstance(parsed, dict) else key
        if new_key != key:
            expected_version = 0  # a copy under a new key starts its own versions
        saved = await gw.request(
            "PUT",
            f"/v1/process-definitions/{quote(str(new_key))}",
            person.token,
            json={"document": parsed, "expected_version": expected_version},
        )
    except (ApiError, ValueError) as failure:
        error = (
            failure if isinstance(failure, ApiError) else ApiError(400, {"detail": str(failure)})
        )
        if error.status not in (400, 409, 422):
            raise
        shown = await gw.get(f"/v1/process-definitions/{quote(key)}", person.token)
        return await _editor(request, person, shown, document, error=error, status_code=422)
    body = saved.json()
    return RedirectResponse(
        f"/admin/processes/{quote(body['key'])}?version={body['version']}", status_code=303
    )


@router.post("/admin/processes/{key}/publish", dependencies=CSRF)
async def publish(
    request: Request, person: Person, key: str, version: int = Form(ge=1, le=100_000)
) -> Response:
    await gateway(request).post(
        f"/v1/process-definitions/{quote(key)}/versions/{version}/publish", person.token
    )
    return RedirectResponse(f"/admin/processes/{quote(key)}?version={version}", status_code=303)


async def _refused(request: Request, person: Person, key: str, error: ApiError) -> Response:
    if error.status not in (400, 404, 409, 422):
        raise error
    shown = await gateway(request).get(f"/v1/process-definitions/{quote(key)}", person.token)
    return await _editor(
        request, person, shown, _pretty(shown["document"]), error=error, status_code=422
    )


@router.post("/admin/processes/{key}/segment-runs", dependencies=CSRF)
async def segment_run(
    request: Request,
    person: Person,
    key: str,
    segment_id: str = Form(max_length=64),
    every_days: int = Form(0, ge=0, le=366),
    action: str = Form("now", pattern="^(now|schedule|unschedule)$"),
) -> Response:
    """Run over a segment now, on a schedule every N days, or no longer on one."""
    gw, base = gateway(request), f"/v1/process-definitions/{quote(key)}"
    try:
        if action == "now":
            started = await gw.post(f"{base}/runs", person.token, {"segment_id": segment_id})
            return RedirectResponse(process_url(started["workflow_id"]), status_code=303)
        path = f"{base}/schedules/{quote(segment_id)}"
        if action == "schedule":
            await gw.request("PUT", path, person.token, json={"every_days": every_days})
        else:
            await gw.request("DELETE", path, person.token)
    except ApiError as error:
        return await _refused(request, person, key, error)
    return RedirectResponse(f"/admin/processes/{quote(key)}", status_code=303)


@router.post("/admin/processes/{key}/start", dependencies=CSRF)
async def start(
    request: Request, person: Person, key: str, client_id: str = Form(max_length=64)
) -> Response:
    gw = gateway(request)
    try:
        started = await gw.post(
            f"/v1/process-definitions/{quote(key)}/start", person.token, {"client_id": client_id}
        )
    except ApiError as error:
        return await _refused(request, person, key, error)
    return RedirectResponse(process_url(started["workflow_id"]), status_code=303)
