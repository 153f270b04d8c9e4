"""My day and a task's own page: claim, complete with its form, manage; the accountant's upload."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from services.console.api import ApiError
from services.console.pages.common import (
    ACTIVE,
    CSRF,
    MAX_UPLOAD_BYTES,
    Person,
    client_key,
    client_names,
    due_key,
    gateway,
    process_url,
)
from services.console.rendering import error_page, is_htmx, render
from services.console.session import Viewer
from services.console.task_forms import task_form

router = APIRouter()


# -- My day ----------------------------------------------------------------------------


@router.get("/")
async def home(person: Person) -> Response:
    return RedirectResponse("/my-day", status_code=303)


async def _tasks(request: Request, person: Viewer, scope: str) -> list[dict[str, Any]]:
    reply = await gateway(request).get("/v1/tasks", person.token, scope=scope, page_size=200)
    items = [t for t in reply.get("items", []) if t.get("status") in ACTIVE]
    return sorted(items, key=due_key)


@router.get("/my-day", response_class=HTMLResponse)
async def my_day(request: Request, person: Person) -> Response:
    mine = await _tasks(request, person, "mine")
    team = await _tasks(request, person, "team") if person.managed_team_ids else []
    mine_ids = {t["id"] for t in mine}
    team = [t for t in team if t["id"] not in mine_ids]
    template = "_my_day.html" if is_htmx(request) else "my_day.html"
    names = await client_names(request, person, (t.get("client_id") or "" for t in (*mine, *team)))
    return render(
        request,
        template,
        mine=mine,
        team=team,
        now=datetime.now(UTC),
        client_names=names,
        process_url=process_url,
    )


@router.get("/tasks", response_class=HTMLResponse)
async def task_list(
    request: Request,
    person: Person,
    process_kind: str = Query("", max_length=64, pattern=r"^[a-z0-9-]*$"),
    overdue: bool = False,
    scope: str = Query("mine", pattern="^(mine|team|all)$"),
) -> Response:
    """Tasks behind a dashboard figure: a process's tasks, the overdue ones, yours or your
    team's (admins: the firm's)."""
    if scope == "team" and person.has("admin") and not person.managed_team_ids:
        scope = "all"
    if scope == "team" and not person.managed_team_ids:
        scope = "mine"
    reply = await gateway(request).get(
        "/v1/tasks",
        person.token,
        scope=scope,
        process_kind=process_kind,
        overdue=str(overdue).lower(),
        page_size=200,
    )
    tasks = sorted((t for t in reply.get("items", []) if t.get("status") in ACTIVE), key=due_key)
    names = await client_names(request, person, (t.get("client_id") or "" for t in tasks))
    return render(
        request,
        "tasks.html",
        tasks=tasks,
        process_kind=process_kind,
        overdue=overdue,
        now=datetime.now(UTC),
        client_names=names,
        process_url=process_url,
    )


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
    if client_key(task_id) is None:
        return error_page(request, 404)
    task = await gateway(request).get(f"/v1/tasks/{task_id}", person.token)
    client = None
    if task.get("client_id"):
        try:
            client = await gateway(request).get(f"/v1/clients/{task['client_id']}", person.token)
        except ApiError:
            client = None
    labels = {
        f"form.{f['name']}": (f.get("labels") or {}).get(person.locale) or f["name"]
        for f in task.get("form_fields", [])
    }
    return render(
        request,
        "task.html",
        status_code=status_code,
        labels=labels,
        task=task,
        client=client,
        error=error,
        report=report,
        process_url=process_url(task["workflow_id"]),
        upload=task.get("process_kind") == "quarterly-report" and task.get("task_id") == "data",
    )


@router.post("/tasks/{task_id}/{action}", dependencies=CSRF)
async def act_on_task(request: Request, task_id: str, action: str, person: Person) -> Response:
    if client_key(task_id) is None or action not in (
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
        try:
            fields = await _completed_form(request, person, task_id, form)
        except ApiError as error:
            if error.status in (400, 409, 412, 413, 422):
                return await _task_page(request, person, task_id, error=error, status_code=422)
            raise
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


async def _completed_form(
    request: Request, person: Person, task_id: str, form: FormData
) -> dict[str, Any]:
    """The task's form; a document chosen for a file field is uploaded to the task first."""
    task = await gateway(request).get(f"/v1/tasks/{task_id}", person.token)

    async def upload(name: str, content: bytes) -> str:
        stored = await gateway(request).request(
            "POST",
            f"/v1/tasks/{task_id}/documents",
            person.token,
            files={"file": (name, content, "application/octet-stream")},
        )
        return str(stored.json()["artifact_id"])

    return await task_form(form, task["form_fields"], upload)


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
