"""The console's pages. Each one is a view of gateway routes called with the signed-in
person's token: what the API refuses is the console's 404 page, what it rejects is shown
beside the form that sent it."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError, Gateway
from services.console.rendering import error_page, is_htmx, render
from services.console.session import Viewer, check_csrf, current_viewer

router = APIRouter()

Person = Annotated[Viewer, Depends(current_viewer)]
CSRF = [Depends(check_csrf)]
ACTIVE = ("open", "claimed", "escalated")
PROCESS_KINDS = (
    "client-check",
    "onboarding",
    "annual-review",
    "call-client",
    "dormant-reactivation",
)
CHANNELS = ("call", "meeting", "wechat", "email", "event")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def gateway(request: Request) -> Gateway:
    gw: Gateway = request.app.state.gateway
    return gw


def _client_id(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def process_url(workflow_id: str) -> str:
    return "/process?" + urlencode({"id": workflow_id})


def _due_key(task: dict[str, Any]) -> tuple[int, str]:
    return (0 if task.get("overdue") else 1, task.get("due_at") or "9999")


def current_period(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"{now.year}Q{(now.month - 1) // 3 + 1}"


def previous_quarter(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    quarter = (now.month - 1) // 3
    return f"{now.year - 1}Q4" if quarter == 0 else f"{now.year}Q{quarter}"


# -- My day ----------------------------------------------------------------------------


@router.get("/")
async def home(person: Person) -> Response:
    return RedirectResponse("/my-day", status_code=303)


async def _tasks(request: Request, person: Viewer, scope: str) -> list[dict[str, Any]]:
    reply = await gateway(request).get("/v1/tasks", person.token, scope=scope, page_size=200)
    items = [t for t in reply.get("items", []) if t.get("status") in ACTIVE]
    return sorted(items, key=_due_key)


@router.get("/my-day", response_class=HTMLResponse)
async def my_day(request: Request, person: Person) -> Response:
    mine = await _tasks(request, person, "mine")
    team = await _tasks(request, person, "team") if person.managed_team_ids else []
    mine_ids = {t["id"] for t in mine}
    team = [t for t in team if t["id"] not in mine_ids]
    template = "_my_day.html" if is_htmx(request) else "my_day.html"
    return render(request, template, mine=mine, team=team, now=datetime.now(UTC))


@router.get("/tasks/{task_id}", response_class=HTMLResponse)
async def task_page(request: Request, task_id: str, person: Person) -> Response:
    return await _task_page(request, person, task_id)


async def _task_page(
    request: Request,
    person: Viewer,
    task_id: str,
    *,
    error: ApiError | None = None,
    report: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    if _client_id(task_id) is None:
        return error_page(request, 404)
    task = await gateway(request).get(f"/v1/tasks/{task_id}", person.token)
    client = None
    if task.get("client_id"):
        try:
            client = await gateway(request).get(f"/v1/clients/{task['client_id']}", person.token)
        except ApiError:
            client = None
    return render(
        request,
        "task.html",
        status_code=status_code,
        task=task,
        client=client,
        error=error,
        report=report,
        process_url=process_url(task["workflow_id"]),
        upload=task.get("process_kind") == "quarterly-report" and task.get("task_id") == "data",
    )


@router.post("/tasks/{task_id}/{action}", dependencies=CSRF)
async def act_on_task(request: Request, task_id: str, action: str, person: Person) -> Response:
    if _client_id(task_id) is None or action not in (
        "claim",
        "release",
        "complete",
        "reassign",
        "pause",
        "resume",
        "extend",
    ):
        return error_page(request, 404)
    form = await request.form()
    body: dict[str, Any] | None = None
    if action == "complete":
        fields = {
            key.removeprefix("field_"): value
            for key, value in form.items()
            if key.startswith("field_") and isinstance(value, str) and value != ""
        }
        body = {
            "outcome": str(form.get("outcome") or ""),
            "comment": str(form.get("comment") or ""),
            "form": fields,
        }
    elif action == "reassign":
        body = {"assignee_user": str(form.get("assignee_user") or "")}
    elif action == "extend":
        body = {
            "business_hours": str(form.get("business_hours") or "0"),
            "reason": str(form.get("reason") or ""),
        }
    try:
        await gateway(request).post(f"/v1/tasks/{task_id}/{action}", person.token, body)
    except ApiError as error:
        if error.status in (400, 409, 412, 422):
            return await _task_page(request, person, task_id, error=error, status_code=422)
        raise
    target = "/my-day" if action == "complete" else f"/tasks/{task_id}"
    return RedirectResponse(target, status_code=303)


@router.post("/tasks/{task_id}/positions/upload", dependencies=CSRF)
async def upload_positions(
    request: Request, task_id: str, person: Person, file: Annotated[UploadFile, File()]
) -> Response:
    """The accountant's upload for a quarterly run: the positions import, its report inline."""
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        error = ApiError(413, {"detail": f"file is larger than {MAX_UPLOAD_BYTES} bytes"})
        return await _task_page(request, person, task_id, error=error, status_code=413)
    name = file.filename or "positions.csv"
    try:
        response = await gateway(request).request(
            "POST",
            "/v1/clients:import-positions",
            person.token,
            files={"file": (name, content, file.content_type or "application/octet-stream")},
        )
        report = response.json()
    except ApiError as error:
        if error.status >= 500 or error.status in (401, 403, 404):
            raise
        report = error.problem.get("report") or {
            "committed": False,
            "errors": error.field_errors,
            "detail": error.detail,
        }
        return await _task_page(request, person, task_id, report=report, status_code=422)
    return await _task_page(request, person, task_id, report=report)


# -- Clients ---------------------------------------------------------------------------


@router.get("/clients", response_class=HTMLResponse)
async def clients_page(
    request: Request,
    person: Person,
    q: str = Query("", max_length=200),
    tier: str = Query("", max_length=20),
    stage: str = Query("", max_length=30),
) -> Response:
    found = await _find_clients(request, person, q, tier, stage)
    template = "_client_rows.html" if is_htmx(request) else "clients.html"
    return render(request, template, clients=found, q=q, tier=tier, stage=stage)


async def _find_clients(
    request: Request, person: Viewer, q: str, tier: str, stage: str
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
        reply = await gw.get("/v1/clients", person.token, tier=tier, stage=stage, page_size=50)
        return list(reply.get("items", []))
    except ApiError as error:
        if error.status in (400, 422):
            return []
        raise


@router.get("/clients/{client_id}", response_class=HTMLResponse)
async def client_page(request: Request, client_id: str, person: Person) -> Response:
    key = _client_id(client_id)
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
        interactions,
        definitions,
    ) = await asyncio.gather(
        optional(f"/v1/clients/{key}/processes"),
        optional(f"/v1/clients/{key}/reports"),
        optional(f"/v1/clients/{key}/tier-history"),
        optional(f"/v1/clients/{key}/stage-history"),
        optional(f"/v1/clients/{key}/audit", page_size=20),
        optional("/v1/notifications", client_id=key, page_size=20),
        optional(f"/v1/clients/{key}/interactions", page_size=30),
        optional("/v1/custom-fields"),
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
        interactions=interactions.get("items", []) or view.get("recent_interactions", []),
        definitions=definitions.get("items", []),
        kinds=PROCESS_KINDS,
        channels=CHANNELS,
        notice=notice,
        process_url=process_url,
    )


@router.post("/clients/{client_id}/interactions", dependencies=CSRF)
async def log_interaction(
    request: Request,
    client_id: str,
    person: Person,
    channel: str = Form(max_length=30),
    direction: str = Form("outbound", max_length=20),
    summary: str = Form(max_length=4000),
) -> Response:
    key = _client_id(client_id)
    if key is None:
        return error_page(request, 404)
    gw = gateway(request)
    error = None
    try:
        await gw.post(
            f"/v1/clients/{key}/interactions",
            person.token,
            {"channel": channel, "direction": direction, "summary": summary},
        )
    except ApiError as refused:
        if refused.status not in (400, 409, 422):
            raise
        error = refused
    listed = await gw.get(f"/v1/clients/{key}/interactions", person.token, page_size=30)
    return render(
        request,
        "_timeline.html",
        status_code=422 if error else 200,
        interactions=listed.get("items", []),
        client={"id": key},
        channels=CHANNELS,
        error=error,
    )


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
    key = _client_id(client_id)
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
    key = _client_id(client_id)
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
    key = _client_id(client_id)
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
    if _client_id(artifact_id) is None:
        return error_page(request, 404)
    response = await gateway(request).request(
        "GET", f"/v1/artifacts/{artifact_id}/content", person.token
    )
    headers = {
        k: v for k, v in response.headers.items() if k.lower() in ("content-disposition", "etag")
    }
    return Response(
        response.content,
        media_type=response.headers.get("content-type", "application/octet-stream"),
        headers=headers,
    )


# -- Processes -------------------------------------------------------------------------


@router.get("/process", response_class=HTMLResponse)
async def process_page(
    request: Request, person: Person, id: str = Query(min_length=1, max_length=300)
) -> Response:
    gw = gateway(request)
    path = quote(id, safe="")
    progress = await gw.get(f"/v1/processes/{path}/progress", person.token)
    process = await gw.get(f"/v1/processes/{path}", person.token)
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
    return render(
        request, "dashboards.html", kpis=kpis, period=period, team_id=team_id, error=error
    )


@router.get("/dashboards/export")
async def export_dashboard(
    request: Request,
    person: Person,
    period: str = Query(max_length=7),
    team_id: str = Query("", max_length=64),
    format: str = Query("csv", pattern="^(csv|xlsx)$"),
) -> Response:
    response = await gateway(request).request(
        "GET",
        "/v1/dashboards/kpis",
        person.token,
        params={"period": period, "team_id": team_id, "format": format},
    )
    return Response(
        response.content,
        media_type=response.headers.get("content-type"),
        headers={"Content-Disposition": response.headers.get("content-disposition", "")},
    )


# -- Admin: rules ----------------------------------------------------------------------


def _rule_body(form: dict[str, str]) -> dict[str, Any]:
    return {
        "name": form.get("name", ""),
        "event_type": form.get("event_type", ""),
        "condition": form.get("condition", ""),
        "action": form.get("action", "start_process"),
        "target": form.get("target", ""),
        "period": form.get("period", "once"),
        "enabled": form.get("enabled") == "on",
        "parameters": {},
    }


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.get("/admin/rules", response_class=HTMLResponse)
async def rules_page(request: Request, person: Person) -> Response:
    rules = await gateway(request).get("/v1/rules", person.token)
    return render(
        request, "rules.html", rules=rules.get("items", []), kinds=PROCESS_KINDS, error=None
    )


@router.post("/admin/rules/preview", dependencies=CSRF)
async def preview_rule(request: Request, person: Person) -> Response:
    body = {"rule": _rule_body(await _form(request)), "sample_payload": {}, "page_size": 50}
    try:
        preview = await gateway(request).post("/v1/rules/preview", person.token, body)
    except ApiError as error:
        if error.status not in (400, 422, 429):
            raise
        return render(request, "_rule_preview.html", status_code=200, preview=None, error=error)
    return render(request, "_rule_preview.html", preview=preview, error=None)


@router.post("/admin/rules", dependencies=CSRF)
async def create_rule(request: Request, person: Person) -> Response:
    gw = gateway(request)
    try:
        await gw.post("/v1/rules", person.token, _rule_body(await _form(request)))
    except ApiError as error:
        if error.status not in (400, 409, 422):
            raise
        rules = await gw.get("/v1/rules", person.token)
        return render(
            request,
            "rules.html",
            status_code=422,
            rules=rules.get("items", []),
            kinds=PROCESS_KINDS,
            error=error,
        )
    return RedirectResponse("/admin/rules", status_code=303)
