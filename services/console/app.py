"""The console: server-rendered pages (Jinja2 + HTMX) for staff, a frontend of the gateway's
public HTTP API. It holds no data of its own and reaches nothing but the gateway, with the
signed-in person's token."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlencode

import uvicorn
from fastapi import Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from services.common.http_server import AccessLog, bind_socket
from services.common.telemetry import setup_telemetry, shutdown_telemetry
from services.common.tokens import mint_token
from services.console import oidc, portal_session
from services.console.api import ApiError, Gateway
from services.console.i18n import LOCALES
from services.console.limits import BodyLimits
from services.console.pages import (
    portal,
    portal_funds,
    portal_tasks,
    router as pages_router,
    unsubscribe,
)
from services.console.people import Names
from services.console.rendering import HERE, error_page, is_htmx, render
from services.console.session import (
    CsrfRefused,
    SignInRequired,
    check_csrf,
    sign_in,
    sign_out,
)
from services.console.settings import ConsoleSettings

log = logging.getLogger("clientflow.console")

DEV_ROLES = ("advisor", "manager", "accountant", "partner", "admin")
SECURITY_HEADERS = {
    # Scripts and styles only from the console itself (the vendored htmx and ECharts).
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
        "base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _safe_next(value: str | None) -> str:
    """Only a path on this console (no scheme, no host, no //)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def _dev_role(person: dict[str, Any]) -> str:
    """The role a directory person most likely signs in with (dev only; changeable)."""
    roles = {m.get("role") for m in person.get("memberships") or []}
    if "manager" in roles:
        return "manager"
    if "advisor" in roles:
        return "advisor"
    user = str(person.get("user_id", "")).lower()
    for prefix, role in (("acc", "accountant"), ("ptn", "partner"), ("partner", "partner")):
        if user.startswith(prefix):
            return role
    return "admin" if user == "admin" else "advisor"


def create_app(settings: ConsoleSettings, gateway: Gateway | None = None) -> FastAPI:
    client = gateway or Gateway(settings.gateway_url, timeout=settings.gateway_timeout_seconds)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await client.close()

    app = FastAPI(
        title="Clientflow console",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.gateway = client
    app.state.names = Names()
    secret = settings.console_session_secret
    assert secret is not None, "CLIENTFLOW_CONSOLE_SESSION_SECRET is required"
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret.get_secret_value(),
        session_cookie="clientflow_console",
        max_age=settings.session_max_age_seconds,
        same_site="lax",
        https_only=settings.console_cookie_secure,
    )

    # Outermost: an oversized body is refused before the session or a form parser reads it.
    app.add_middleware(BodyLimits)
    app.add_middleware(AccessLog)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(portal_session.PortalSignInRequired)
    async def to_portal_sign_in(request: Request, _: Exception) -> Response:
        return RedirectResponse("/portal/sign-in", status_code=303)

    @app.exception_handler(portal_session.PortalCsrfRefused)
    async def portal_csrf_refused(request: Request, _: Exception) -> Response:
        return portal.error_page(request, 403, "The form had expired. Reload the page.")

    @app.exception_handler(SignInRequired)
    async def to_sign_in(request: Request, _: SignInRequired) -> Response:
        target = "/signin?" + urlencode({"next": _safe_next(request.url.path)})
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(CsrfRefused)
    async def csrf_refused(request: Request, _: CsrfRefused) -> Response:
        return error_page(request, 403, "The form had expired. Reload the page and try again.")

    @app.exception_handler(ApiError)
    async def api_refused(request: Request, error: ApiError) -> Response:
        if request.url.path.startswith("/portal"):
            return await portal_refused(request, error)
        if error.status == 401:
            sign_out(request)
            return await to_sign_in(request, SignInRequired())
        if error.status in (403, 404):
            # What the API refuses is not shown, and a refusal says no more than "not found".
            return error_page(request, 404)
        if error.status >= 500:
            log.warning("gateway error", extra={"status": error.status, "detail": error.detail})
            return error_page(request, 503 if error.status in (502, 503, 504) else 500)
        return error_page(request, error.status, error.detail)

    async def portal_refused(request: Request, error: ApiError) -> Response:
        """The portal's own answers: a lapsed session back to its sign-in, anything refused
        as its 404 page (another client's request is simply not there)."""
        if error.status == 401:
            response = RedirectResponse("/portal/sign-in", status_code=303)
            portal_session.end(request, response)
            return response
        if error.status in (403, 404):
            return portal.error_page(request, 404)
        if error.status >= 500:
            log.warning("gateway error", extra={"status": error.status, "detail": error.detail})
            return portal.error_page(request, 503 if error.status in (502, 503, 504) else 500)
        return portal.error_page(request, error.status, error.detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/portal"):
            return portal.error_page(request, error.status_code)
        return error_page(request, error.status_code)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/signin", response_class=HTMLResponse)
    async def signin_page(request: Request, next: str = "/") -> Response:
        people: list[dict[str, Any]] = []
        if settings.console_dev_sign_in:
            people = await _directory_people(request)
        return render(
            request,
            "signin.html",
            next=_safe_next(next),
            dev=settings.console_dev_sign_in,
            oidc=bool(settings.oidc_issuer),
            people=people,
            roles=DEV_ROLES,
            dev_role=_dev_role,
        )

    @app.post("/signin/dev", dependencies=[Depends(check_csrf)])
    async def signin_dev(
        request: Request,
        user_id: str = Form(min_length=1, max_length=64),
        role: str = Form(),
        next: str = Form("/"),
        tz: str = Form("", max_length=64),
    ) -> Response:
        if not settings.console_dev_sign_in:
            return error_page(request, 404)
        if role not in DEV_ROLES:
            return error_page(request, 400, f"role {role!r} is not one of {', '.join(DEV_ROLES)}")
        ttl = settings.session_max_age_seconds
        token = dev_token(settings, user_id, role, ttl)
        me = await request.app.state.gateway.get("/v1/me", token)
        if tz:
            request.session["tz"] = tz
        sign_in(request, token, me, await _person_name(request, user_id), time.time() + ttl)
        return RedirectResponse(_safe_next(next), status_code=303)

    @app.get("/signin/oidc")
    async def signin_oidc(request: Request, next: str = "/") -> Response:
        if not settings.oidc_issuer:
            return error_page(request, 404)
        url = await oidc.authorization_url(request, settings, _safe_next(next))
        return RedirectResponse(url, status_code=303)

    @app.get("/auth/callback")
    async def oidc_callback(request: Request) -> Response:
        if not settings.oidc_issuer:
            return error_page(request, 404)
        try:
            token, expires_at, name, next_path = await oidc.complete(request, settings)
        except oidc.SignInFailed as failure:
            return error_page(request, 401, str(failure))
        me = await request.app.state.gateway.get("/v1/me", token)
        sign_in(request, token, me, name, expires_at)
        return RedirectResponse(_safe_next(next_path), status_code=303)

    @app.post("/signout", dependencies=[Depends(check_csrf)])
    async def signout(request: Request) -> Response:
        sign_out(request)
        return RedirectResponse("/signin", status_code=303)

    @app.post("/locale", dependencies=[Depends(check_csrf)])
    async def set_locale(request: Request, locale: str = Form(), next: str = Form("/")) -> Response:
        if locale in LOCALES:
            request.session["locale"] = locale
        return RedirectResponse(_safe_next(next), status_code=303)

    app.include_router(pages_router)
    app.include_router(portal.router)
    app.include_router(portal_tasks.router)
    app.include_router(portal_funds.router)
    app.include_router(unsubscribe.router)
    return app


def dev_token(settings: ConsoleSettings, user_id: str, role: str, ttl_seconds: int) -> str:
    """A token the gateway accepts, signed with the dev stack's HS256 secret (dev only)."""
    assert settings.console_dev_sign_in and settings.auth_jwt_secret is not None
    return mint_token(
        settings.auth_jwt_secret.get_secret_value(),
        user_id=user_id,
        roles=[role],
        ttl_seconds=ttl_seconds,
        issuer=settings.auth_issuer,
        audience=settings.auth_audience,
    )


def _service_token(settings: ConsoleSettings) -> str:
    """A one-minute admin token for the dev sign-in's directory lookup (dev only)."""
    return dev_token(settings, "console-dev-sign-in", "admin", 60)


async def _directory_people(request: Request) -> list[dict[str, Any]]:
    settings: ConsoleSettings = request.app.state.settings
    try:
        reply = await request.app.state.gateway.get(
            "/v1/directory/people", _service_token(settings)
        )
    except ApiError:
        return []
    return [p for p in reply.get("items", []) if p.get("active", True)]


async def _person_name(request: Request, user_id: str) -> str:
    settings: ConsoleSettings = request.app.state.settings
    try:
        person = await request.app.state.gateway.get(
            f"/v1/directory/people/{user_id}", _service_token(settings)
        )
    except ApiError:
        return user_id
    return str(person.get("name") or user_id)


async def serve(settings: ConsoleSettings) -> None:
    """Serve until SIGINT/SIGTERM."""
    setup_telemetry("console", settings)
    try:
        app = create_app(settings)
        sock = bind_socket(settings.bind_host, settings.console_port, "CLIENTFLOW_CONSOLE_PORT")
        config = uvicorn.Config(app, log_config=None, access_log=False, timeout_graceful_shutdown=5)
        log.info("console listening", extra={"port": settings.console_port})
        await uvicorn.Server(config).serve(sockets=[sock])
    finally:
        shutdown_telemetry()
