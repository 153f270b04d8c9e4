"""Admin: rules with a what-if preview, templates side by side, custom fields, scorecard and lifecycle rules, the directory."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ApiError
from services.console.pages.common import (
    CSRF,
    FORM_ERRORS,
    PROCESS_KINDS,
    Person,
    gateway,
    words,
)
from services.console.rendering import error_page, render
from services.console.session import Viewer

router = APIRouter()

FIELD_TYPES = ("text", "number", "date", "single_choice", "multi_choice", "boolean")


# -- Admin: rules ----------------------------------------------------------------------


ACTION_ROWS = 3


def _split(text: str) -> list[str]:
    return [v.strip() for v in text.replace("，", ",").split(",") if v.strip()]


def _parameters(text: str) -> dict[str, str]:
    """ "name=value; name=value" as a rule action's parameters."""
    pairs = (p.split("=", 1) for p in text.replace("；", ";").split(";") if "=" in p)
    return {k.strip(): v.strip() for k, v in pairs if k.strip()}


def _rule_body(form: dict[str, str]) -> dict[str, Any]:
    actions = [
        {
            "kind": form[f"a{i}_kind"],
            "target": form.get(f"a{i}_target", ""),
            "parameters": _parameters(form.get(f"a{i}_parameters", "")),
        }
        for i in range(ACTION_ROWS)
        if form.get(f"a{i}_kind")
    ]
    return {
        "name": form.get("name", ""),
        "event_type": form.get("event_type", ""),
        "condition": form.get("condition", ""),
        "action": form.get("action", ""),
        "target": form.get("target", ""),
        "period": form.get("period", "once"),
        "enabled": form.get("enabled") == "on",
        "parameters": {},
        "field": form.get("field", ""),
        "from_values": _split(form.get("from_values", "")),
        "to_values": _split(form.get("to_values", "")),
        "team_id": form.get("team_id", ""),
        "actions": actions,
        "confirm_bulk": form.get("confirm_bulk") == "on",
    }


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


RULE_ACTIONS = (
    "add_tag",
    "remove_tag",
    "set_field",
    "set_stage",
    "assign_advisor",
    "create_task",
    "notify_staff",
    "webhook",
    "start_definition",
    "start_process",
    "notify",
)


async def _rules_context(request: Request, person: Person) -> dict[str, Any]:
    gw = gateway(request)
    rules, fields, teams = await asyncio.gather(
        gw.get("/v1/rules", person.token),
        gw.get("/v1/custom-fields", person.token),
        gw.get("/v1/directory/teams", person.token),
    )
    return {
        "rules": rules.get("items", []),
        "kinds": PROCESS_KINDS,
        "action_kinds": RULE_ACTIONS,
        "custom_fields": fields.get("items", []),
        "teams": teams.get("items", []),
    }


@router.get("/admin/rules", response_class=HTMLResponse)
async def rules_page(request: Request, person: Person) -> Response:
    return render(request, "rules.html", **await _rules_context(request, person), error=None)


@router.post("/admin/rules/preview", dependencies=CSRF)
async def preview_rule(request: Request, person: Person) -> Response:
    form = await _form(request)
    body = {"rule": _rule_body(form), "sample_payload": {}, "page_size": 50}
    if form.get("over_events") == "on":
        body["recent_events"] = 1000
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
        return render(
            request,
            "rules.html",
            status_code=422,
            **await _rules_context(request, person),
            error=error,
        )
    return RedirectResponse("/admin/rules", status_code=303)


# -- Admin -----------------------------------------------------------------------------


LOCALE_CHOICES = ("zh-CN", "en")
TEMPLATE_KEY = r"^[a-z0-9][a-z0-9._-]{0,99}$"


@router.get("/admin/templates", response_class=HTMLResponse)
async def templates_page(
    request: Request, person: Person, key: str = Query("", max_length=100)
) -> Response:
    return await _templates(request, person, key)


async def _templates(
    request: Request,
    person: Viewer,
    key: str,
    *,
    error: ApiError | None = None,
    status_code: int = 200,
) -> Response:
    gw = gateway(request)
    listed = await gw.get("/v1/templates", person.token)
    current: dict[str, Any] = {}
    previews: dict[str, Any] = {}
    if key:
        found = next((t for t in listed.get("items", []) if t["key"] == key), None)
        for version in (found or {}).get("locales", []):
            current[version["locale"]] = version
        for locale in current:
            try:
                previews[locale] = await gw.post(
                    f"/v1/templates/{quote(key, safe='')}/preview", person.token, {"locale": locale}
                )
            except ApiError as refused:
                if refused.status in (401, 403) or refused.status >= 500:
                    raise
                previews[locale] = {"error": refused.detail}
    return render(
        request,
        "templates_admin.html",
        status_code=status_code,
        templates=listed.get("items", []),
        key=key,
        current=current,
        previews=previews,
        locales=LOCALE_CHOICES,
        error=error,
    )


@router.post("/admin/templates/draft-preview", dependencies=CSRF)
async def preview_template_draft(request: Request, person: Person) -> Response:
    """One locale's draft rendered with the sample variables (HTMX), before it is saved."""
    form = await request.form()
    locale = str(form.get("locale") or "zh-CN")
    body = {
        "locale": locale if locale in LOCALE_CHOICES else "zh-CN",
        "content": {
            "subject": str(form.get("subject") or ""),
            "body_text": str(form.get("body_text") or ""),
        },
        "variables": {},
    }
    try:
        rendered = await gateway(request).post("/v1/templates/preview", person.token, body)
    except ApiError as refused:
        if refused.status not in (*FORM_ERRORS, 429):
            raise
        return render(request, "_problem.html", error=refused)
    return render(request, "_template_preview.html", p=rendered)


@router.post("/admin/templates", dependencies=CSRF)
async def save_template(
    request: Request,
    person: Person,
    key: Annotated[str, Form(max_length=100, pattern=TEMPLATE_KEY)],
    locale: Annotated[str, Form(max_length=5)],
    subject: Annotated[str, Form(max_length=1000)],
    body_text: Annotated[str, Form(max_length=100_000)],
    category: Annotated[str, Form(max_length=20)] = "service",
) -> Response:
    body = {"content": {"subject": subject, "body_text": body_text}, "category": category}
    try:
        await gateway(request).request(
            "PUT",
            f"/v1/templates/{quote(key, safe='')}/{quote(locale, safe='')}",
            person.token,
            json=body,
        )
    except ApiError as refused:
        if refused.status not in FORM_ERRORS:
            raise
        return await _templates(request, person, key, error=refused, status_code=422)
    return RedirectResponse("/admin/templates?" + urlencode({"key": key}), status_code=303)


@router.get("/admin/custom-fields", response_class=HTMLResponse)
async def custom_fields_page(request: Request, person: Person) -> Response:
    return await _custom_fields(request, person)


async def _custom_fields(
    request: Request, person: Person, error: ApiError | None = None, status_code: int = 200
) -> Response:
    listed = await gateway(request).get("/v1/custom-fields", person.token)
    return render(
        request,
        "custom_fields.html",
        status_code=status_code,
        fields=listed.get("items", []),
        types=FIELD_TYPES,
        error=error,
    )


@router.post("/admin/custom-fields", dependencies=CSRF)
async def define_custom_field(
    request: Request,
    person: Person,
    key: Annotated[str, Form(max_length=64)],
    label: Annotated[str, Form(max_length=200)],
    type: Annotated[str, Form(max_length=20)],
    options: Annotated[str, Form(max_length=4000)] = "",
    required: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    body: dict[str, Any] = {"label": label, "type": type, "required": required == "on"}
    if options.strip():
        body["options"] = words(options)
    try:
        await gateway(request).request("PUT", f"/v1/custom-fields/{key}", person.token, json=body)
    except ApiError as error:
        if error.status not in FORM_ERRORS:
            raise
        return await _custom_fields(request, person, error, 422)
    return RedirectResponse("/admin/custom-fields", status_code=303)


@router.get("/admin/rules-config", response_class=HTMLResponse)
async def config_page(request: Request, person: Person) -> Response:
    return await _config(request, person)


async def _config(
    request: Request, person: Person, error: ApiError | None = None, status_code: int = 200
) -> Response:
    gw = gateway(request)
    scorecard, lifecycle = await asyncio.gather(
        gw.get("/v1/scorecard", person.token), gw.get("/v1/lifecycle-rules", person.token)
    )
    return render(
        request,
        "config_admin.html",
        status_code=status_code,
        scorecard=scorecard,
        lifecycle=lifecycle,
        pretty=lambda value: json.dumps(value, ensure_ascii=False, indent=2),
        error=error,
    )


@router.post("/admin/rules-config/{which}", dependencies=CSRF)
async def save_config(
    request: Request,
    which: str,
    person: Person,
    config: Annotated[str, Form(max_length=64_000)],
    expected_version: Annotated[int, Form(ge=0)] = 0,
) -> Response:
    if which not in ("scorecard", "lifecycle-rules"):
        return error_page(request, 404)
    try:
        parsed = json.loads(config)
    except ValueError as problem:
        error = ApiError(422, {"detail": f"config is not JSON: {problem}"})
        return await _config(request, person, error, 422)
    try:
        await gateway(request).request(
            "PUT",
            f"/v1/{which}",
            person.token,
            json={"config": parsed, "expected_version": expected_version},
        )
    except ApiError as error:
        if error.status not in FORM_ERRORS:
            raise
        return await _config(request, person, error, 422)
    return RedirectResponse("/admin/rules-config", status_code=303)


@router.get("/admin/directory", response_class=HTMLResponse)
async def directory_page(request: Request, person: Person) -> Response:
    return await _directory(request, person)


async def _directory(
    request: Request, person: Person, error: ApiError | None = None, status_code: int = 200
) -> Response:
    gw = gateway(request)
    teams, people = await asyncio.gather(
        gw.get("/v1/directory/teams", person.token), gw.get("/v1/directory/people", person.token)
    )
    return render(
        request,
        "directory.html",
        status_code=status_code,
        teams=teams.get("items", []),
        people=people.get("items", []),
        error=error,
    )


@router.post("/admin/directory/people", dependencies=CSRF)
async def put_person(
    request: Request,
    person: Person,
    user_id: Annotated[str, Form(max_length=64)],
    name: Annotated[str, Form(max_length=200)],
    email: Annotated[str, Form(max_length=320)] = "",
    team_id: Annotated[str, Form(max_length=64)] = "",
    role: Annotated[str, Form(max_length=20)] = "advisor",
    active: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    memberships = [{"team_id": team_id, "role": role}] if team_id else []
    body = {"name": name, "email": email, "active": active == "on", "memberships": memberships}
    try:
        await gateway(request).request(
            "PUT", f"/v1/directory/people/{user_id}", person.token, json=body
        )
    except ApiError as error:
        if error.status not in FORM_ERRORS:
            raise
        return await _directory(request, person, error, 422)
    return RedirectResponse("/admin/directory", status_code=303)
