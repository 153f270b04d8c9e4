"""Jinja2 templates from the package, rendered with the person's language, time zone and
CSRF token; pages answer with the console's own 404/403 pages for what the API refuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from services.console import form_errors
from services.console.session import SignInRequired, csrf_token, current_viewer, formatter

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


def _json_script(value: Any) -> Markup:
    """A value for a <script type="application/json"> block: '<' and '>' escaped so no text
    in it can close the script element."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


templates.env.filters["json_script"] = _json_script


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    fmt = formatter(request)
    names = getattr(request.app.state, "names", None)
    if names is not None:
        fmt.people, fmt.teams = names.people, names.teams
    try:
        viewer = current_viewer(request)
    except SignInRequired:
        viewer = None  # the sign-in and error pages render for nobody too
    form_errors.register(context, fmt)
    context.update(
        request=request,
        viewer=viewer,
        fmt=fmt,
        t=fmt.t,
        lang=fmt.locale,
        csrf=csrf_token(request),
        path=request.url.path,
    )
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status_code: int, detail: str = "") -> HTMLResponse:
    return render(request, "error.html", status_code=status_code, status=status_code, detail=detail)
