"""The portal's "Our work for you": the steps of the firm's processes the client may see, and
what those processes ask of the client — each task a form (a document to upload is a file
field) completed here."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console import portal_session
from services.console.api import ApiError
from services.console.form_errors import problem_lines
from services.console.pages.common import FORM_ERRORS
from services.console.pages.portal import CSRF, Client, _gateway, _request_id, render
from services.console.task_forms import task_form

router = APIRouter(prefix="/portal")


async def _page(
    request: Request, client: Client, error: list[str] | None = None, status_code: int = 200
) -> Response:
    gw = _gateway(request)
    processes = await gw.get("/v1/portal/processes", client.token)
    tasks = await gw.get("/v1/portal/tasks", client.token)
    return render(
        request, "processes.html", status_code, processes=processes, tasks=tasks, error=error
    )


@router.get("/processes", response_class=HTMLResponse)
async def processes_page(request: Request, client: Client) -> Response:
    """The client-visible steps of the firm's processes, and the client's own tasks."""
    return await _page(request, client)


@router.post("/tasks/{task_id}", dependencies=CSRF)
async def complete_task(request: Request, client: Client, task_id: str) -> Response:
    key = _request_id(task_id)
    gw = _gateway(request)
    mine = await gw.get("/v1/portal/tasks", client.token)
    task = next((t for t in mine if t["id"] == key), None)
    if task is None:
        raise ApiError(404, {"detail": "not found"})

    async def upload(name: str, content: bytes) -> str:
        stored = await gw.request(
            "POST",
            f"/v1/portal/tasks/{key}/documents",
            client.token,
            files={"file": (name, content, "application/octet-stream")},
        )
        return str(stored.json()["artifact_id"])

    labels: dict[str, str] = {"file": _label(task, "", request)}
    for field in task["form_fields"]:
        labels[f"form.{field['name']}"] = _label(task, field["name"], request)
    try:
        form: dict[str, Any] = await task_form(await request.form(), task["form_fields"], upload)
        await gw.post(f"/v1/portal/tasks/{key}/complete", client.token, {"form": form})
    except ApiError as error:
        if error.status in (*FORM_ERRORS, 413):
            lines = problem_lines(portal_session.formatter(request), error, labels)
            return await _page(request, client, lines, 422)
        raise
    return RedirectResponse("/portal/processes", status_code=303)


def _label(task: dict[str, Any], name: str, request: Request) -> str:
    """A field's label in the client's language (a file: the task's first file field)."""
    locale = portal_session.locale_of(request)
    for field in task["form_fields"]:
        if field["name"] == name or (not name and field["type"] == "file"):
            labels = field.get("labels") or {}
            return str(labels.get(locale) or labels.get("en") or field["name"])
    return name
