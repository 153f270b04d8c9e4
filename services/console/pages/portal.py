"""The client portal (/portal): a client signs in with a one-time code or link sent to the
address on their record, then sees their own requests with the client-safe progress and
expected dates, files a request, talks with their advisor on it, confirms, rates or reopens
it, downloads their reports and sets their communication preferences. Every page is a view
of the gateway's /v1/portal routes, called with the client's portal session."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console import portal_session
from services.console.api import ApiError, Gateway
from services.console.form_errors import problem_lines
from services.console.i18n import LOCALES
from services.console.pages.common import (
    FORM_ERRORS,
    PASSED_HEADERS,
    field_labels,
    request_fields,
)
from services.console.portal_session import PortalClient
from services.console.rendering import templates

router = APIRouter(prefix="/portal")
Client = Annotated[PortalClient, Depends(portal_session.current_client)]
CSRF = [Depends(portal_session.check_csrf)]
CHANNELS = ("email", "sms", "wecom")


def _gateway(request: Request) -> Gateway:
    gw: Gateway = request.app.state.gateway
    return gw


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    fmt = portal_session.formatter(request)
    try:
        client: PortalClient | None = portal_session.current_client(request)
    except portal_session.PortalSignInRequired:
        client = None
    context.update(
        request=request,
        client=client,
        fmt=fmt,
        t=fmt.t,
        lang=fmt.locale,
        csrf=portal_session.csrf(request),
        path=request.url.path,
    )
    response = templates.TemplateResponse(
        request, f"portal/{name}", context, status_code=status_code
    )
    if getattr(request.state, "portal_dirty", False):
        portal_session.write(request, response, portal_session.read(request))
    return response


def error_page(request: Request, status_code: int, detail: str = "") -> HTMLResponse:
    return render(request, "error.html", status_code, status=status_code, detail=detail)


async def _public(request: Request, path: str, body: dict[str, Any]) -> Any:
    """A sign-in call: the only gateway calls without a session."""
    response = await _gateway(request).http.post(path, json=body)
    if response.status_code >= 400:
        try:
            problem = response.json()
        except ValueError:
            problem = {"detail": response.text[:300]}
        raise ApiError(response.status_code, problem if isinstance(problem, dict) else {})
    return response.json()


# -- signing in ----------------------------------------------------------------------


@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    try:
        portal_session.current_client(request)
    except portal_session.PortalSignInRequired:
        return RedirectResponse("/portal/sign-in", status_code=303)
    return RedirectResponse("/portal/requests", status_code=303)


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page(request: Request) -> Response:
    return render(request, "sign_in.html", address="", sent=False, error="")


@router.post("/sign-in", response_class=HTMLResponse, dependencies=CSRF)
async def ask_for_code(
    request: Request, address: str = Form(min_length=1, max_length=254)
) -> Response:
    try:
        await _public(request, "/v1/portal/sign-in", {"address": address.strip()})
    except ApiError as error:
        if error.status == 429:
            return render(
                request, "sign_in.html", 429, address=address, sent=False, error=error.detail
            )
        if error.status in FORM_ERRORS:
            return render(
                request,
                "sign_in.html",
                400,
                address=address,
                sent=False,
                error=portal_session.formatter(request).t(
                    "Enter the e-mail address or mobile number we have for you."
                ),
            )
        raise
    return render(request, "sign_in.html", address=address.strip(), sent=True, error="")


async def _open(request: Request, body: dict[str, Any], failed: Response) -> Response:
    try:
        session = await _public(request, "/v1/portal/session", body)
    except ApiError as error:
        if error.status in (400, 401, 422, 429):
            return failed
        raise
    expires = datetime.fromisoformat(str(session["expires_at"]).replace("Z", "+00:00"))
    response = RedirectResponse("/portal/requests", status_code=303)
    portal_session.start(request, response, {**session, "exp": int(expires.timestamp())})
    return response


@router.post("/code", response_class=HTMLResponse, dependencies=CSRF)
async def enter_code(
    request: Request,
    address: str = Form(min_length=1, max_length=254),
    code: str = Form(min_length=1, max_length=12),
) -> Response:
    t = portal_session.formatter(request).t
    failed = render(
        request,
        "sign_in.html",
        401,
        address=address,
        sent=True,
        error=t("That code is not valid or has expired. Ask for a new one."),
    )
    return await _open(request, {"address": address, "code": code.strip()}, failed)


@router.get("/link/{token}", response_class=HTMLResponse)
async def link_page(request: Request, token: str) -> Response:
    """A link from the message: one click to sign in. A confirming form rather than signing
    in on GET, so a mail scanner opening the link does not use it up."""
    return render(request, "link.html", token=token[:200])


@router.post("/link", response_class=HTMLResponse, dependencies=CSRF)
async def follow_link(request: Request, token: str = Form(max_length=200)) -> Response:
    failed = render(request, "link.html", 401, token="", expired=True)
    return await _open(request, {"link_token": token}, failed)


@router.post("/sign-out", dependencies=CSRF)
async def sign_out(request: Request) -> Response:
    response = RedirectResponse("/portal/sign-in", status_code=303)
    portal_session.end(request, response)
    return response


@router.post("/locale", dependencies=CSRF)
async def set_locale(
    request: Request, locale: str = Form(), next: str = Form("/portal")
) -> Response:
    target = next if next.startswith("/portal") and "//" not in next else "/portal"
    response = RedirectResponse(target, status_code=303)
    data = portal_session.read(request)
    if locale in LOCALES:
        data["locale"] = locale
    portal_session.write(request, response, data)
    return response


# -- requests ------------------------------------------------------------------------


@router.get("/requests", response_class=HTMLResponse)
async def requests_page(request: Request, client: Client) -> Response:
    page = await _gateway(request).get("/v1/portal/requests", client.token)
    items = page["items"]
    open_items = [r for r in items if r["status"] in ("open", "awaiting_client")]
    past = [r for r in items if r["status"] not in ("open", "awaiting_client")]
    types = await _gateway(request).get("/v1/portal/request-types", client.token)
    return render(request, "requests.html", open_items=open_items, past=past, types=types)


@router.get("/requests/new", response_class=HTMLResponse)
async def new_request_page(request: Request, client: Client, type: str = "") -> Response:
    types = await _gateway(request).get("/v1/portal/request-types", client.token)
    chosen = next((t for t in types if t["key"] == type), None)
    return render(request, "new_request.html", types=types, chosen=chosen, values={}, error="")


@router.post("/requests/new", response_class=HTMLResponse, dependencies=CSRF)
async def file_request(request: Request, client: Client) -> Response:
    form = await request.form()
    types = await _gateway(request).get("/v1/portal/request-types", client.token)
    chosen = next((t for t in types if t["key"] == form.get("type")), None)
    if chosen is None:
        return error_page(request, 404)
    values = request_fields(chosen["fields"], form)
    body = {"type": chosen["key"], "subject": str(form.get("subject", ""))[:200], "fields": values}
    try:
        created = await _gateway(request).post("/v1/portal/requests", client.token, body)
    except ApiError as error:
        if error.status in FORM_ERRORS:
            labels = {"subject": portal_session.formatter(request).t("Subject")}
            labels |= field_labels(chosen["fields"], portal_session.locale_of(request))
            return render(
                request,
                "new_request.html",
                400,
                types=types,
                chosen=chosen,
                values=values,
                subject=body["subject"],
                error=problem_lines(portal_session.formatter(request), error, labels),
            )
        raise
    return RedirectResponse(f"/portal/requests/{created['id']}", status_code=303)


def _request_id(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ApiError(404, {"detail": "not found"}) from None


@router.get("/requests/{request_id}", response_class=HTMLResponse)
async def request_page(request: Request, client: Client, request_id: str) -> Response:
    return await _request_page(request, client, _request_id(request_id))


async def _request_page(request: Request, client: Client, key: str, detail: str = "") -> Response:
    """A request's page; with `detail`, the refusal of what the client just sent (400)."""
    api = _gateway(request)
    item = await api.get(f"/v1/portal/requests/{key}", client.token)
    messages = await api.get(f"/v1/portal/requests/{key}/messages", client.token)
    files = await api.get(f"/v1/portal/requests/{key}/attachments", client.token)
    return render(
        request,
        "request.html",
        400 if detail else 200,
        item=item,
        messages=messages,
        attachments=files,
        error=detail,
    )


async def _act(
    request: Request, client: Client, request_id: str, action: str, body: dict[str, Any]
) -> Response:
    key = _request_id(request_id)
    try:
        await _gateway(request).post(f"/v1/portal/requests/{key}/{action}", client.token, body)
    except ApiError as error:
        if error.status in FORM_ERRORS:
            return await _request_page(request, client, key, error.detail)
        raise
    return RedirectResponse(f"/portal/requests/{key}", status_code=303)


@router.post("/requests/{request_id}/messages", dependencies=CSRF)
async def send_message(
    request: Request, client: Client, request_id: str, body: str = Form(max_length=4000)
) -> Response:
    return await _act(request, client, request_id, "messages", {"body": body})


@router.post("/requests/{request_id}/attachments", dependencies=CSRF)
async def attach(
    request: Request, client: Client, request_id: str, file: Annotated[UploadFile, File()]
) -> Response:
    key = _request_id(request_id)
    content = await file.read(10 * 1024 * 1024 + 1)
    try:
        await _gateway(request).request(
            "POST",
            f"/v1/portal/requests/{key}/attachments",
            client.token,
            files={"file": (file.filename or "file", content, "application/octet-stream")},
        )
    except ApiError as error:
        if error.status in (*FORM_ERRORS, 413):
            return await _request_page(request, client, key, error.detail)
        raise
    return RedirectResponse(f"/portal/requests/{key}", status_code=303)


@router.post("/requests/{request_id}/rate", dependencies=CSRF)
async def rate(
    request: Request,
    client: Client,
    request_id: str,
    score: int = Form(),
    comment: str = Form("", max_length=2000),
) -> Response:
    return await _act(request, client, request_id, "rate", {"score": score, "comment": comment})


@router.post("/requests/{request_id}/confirm", dependencies=CSRF)
async def confirm(
    request: Request,
    client: Client,
    request_id: str,
    accepted: str = Form(),
    comment: str = Form("", max_length=2000),
) -> Response:
    body = {"accepted": accepted == "yes", "comment": comment}
    return await _act(request, client, request_id, "confirm", body)


@router.post("/requests/{request_id}/reopen", dependencies=CSRF)
async def reopen(
    request: Request, client: Client, request_id: str, reason: str = Form(max_length=1000)
) -> Response:
    return await _act(request, client, request_id, "reopen", {"reason": reason})


# -- a survey from a signed link (no sign-in) ----------------------------------------


async def _survey_call(request: Request, path: str, token: str, body: dict[str, Any]) -> Any:
    return (await _gateway(request).request("POST", path, token, json=body)).json()


@router.get("/survey/{token}", response_class=HTMLResponse)
async def survey_page(request: Request, token: str) -> Response:
    try:
        survey = await _survey_call(request, "/v1/surveys/describe", token[:1000], {})
    except ApiError as error:
        if error.status in (401, 404):
            return render(request, "survey.html", 404, survey=None, token="", done=False)
        raise
    return render(request, "survey.html", survey=survey, token=token[:1000], done=False)


@router.post("/survey", response_class=HTMLResponse, dependencies=CSRF)
async def answer_survey(
    request: Request,
    token: str = Form(max_length=1000),
    score: int = Form(ge=0, le=10),
    comment: str = Form("", max_length=2000),
) -> Response:
    try:
        await _survey_call(
            request, "/v1/surveys/answer", token, {"score": score, "comment": comment}
        )
    except ApiError as error:
        if error.status in (400, 401, 409, 412, 422):
            return render(
                request,
                "survey.html",
                error.status,
                survey=None,
                token="",
                done=False,
                error=error.detail,
            )
        raise
    return render(request, "survey.html", survey=None, token="", done=True)


# -- reports and preferences (processes: portal_tasks.py) ----------------------------


@router.get("/reports", response_class=HTMLResponse)
async def reports_page(request: Request, client: Client) -> Response:
    reports = await _gateway(request).get("/v1/portal/reports", client.token)
    return render(request, "reports.html", reports=reports)


@router.get("/reports/{artifact_id}")
async def report_file(request: Request, client: Client, artifact_id: str) -> Response:
    key = _request_id(artifact_id)
    answer = await _gateway(request).request(
        "GET", f"/v1/portal/reports/{key}/content", client.token
    )
    return Response(
        answer.content,
        media_type=answer.headers.get("content-type", "application/octet-stream"),
        headers={k: v for k, v in answer.headers.items() if k.lower() in PASSED_HEADERS},
    )


@router.get("/preferences", response_class=HTMLResponse)
async def preferences_page(request: Request, client: Client, saved: bool = False) -> Response:
    consent = await _gateway(request).get("/v1/portal/consent", client.token)
    refused = {
        c["channel"] for c in consent["channels"] if c["category"] == "marketing" and c["opted_out"]
    }
    return render(request, "preferences.html", refused=refused, channels=CHANNELS, saved=saved)


@router.post("/preferences", dependencies=CSRF)
async def save_preferences(request: Request, client: Client) -> Response:
    form = await request.form()
    wanted = {str(v) for v in form.getlist("marketing")}
    body = {
        "channels": [
            {"channel": channel, "category": "marketing", "opted_out": channel not in wanted}
            for channel in CHANNELS
        ]
    }
    await _gateway(request).request("PUT", "/v1/portal/consent", client.token, json=body)
    return RedirectResponse("/portal/preferences?saved=true", status_code=303)
