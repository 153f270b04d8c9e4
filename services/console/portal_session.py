"""The client portal's session: its own signed, HttpOnly, SameSite=Lax cookie scoped to
/portal (`clientflow_portal`), separate from the staff session, holding the portal token the
gateway issued after a one-time sign-in, the client's CSRF token and language. Staff pages
never read it and portal pages never read the staff session, so neither opens the other."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from services.console.i18n import Formatter, choose_locale, zone

COOKIE = "clientflow_portal"
PATH = "/portal"


class PortalSignInRequired(Exception):
    """No portal session, or it has expired."""


class PortalCsrfRefused(Exception):
    """A portal form without the portal session's CSRF token."""


@dataclass(frozen=True)
class PortalClient:
    client_id: str
    name: str
    token: str
    locale: str


def _serializer(request: Request) -> URLSafeTimedSerializer:
    secret = request.app.state.settings.console_session_secret.get_secret_value()
    # A key of its own: a staff cookie never verifies as a portal cookie, nor the reverse.
    key = hashlib.sha256(b"clientflow portal cookie\x00" + secret.encode()).hexdigest()
    return URLSafeTimedSerializer(key, salt="portal")


def read(request: Request) -> dict[str, Any]:
    """The portal session's data ({} without a valid cookie); cached per request."""
    cached = getattr(request.state, "portal", None)
    if isinstance(cached, dict):
        return cached
    data: dict[str, Any] = {}
    raw = request.cookies.get(COOKIE)
    if raw:
        try:
            loaded = _serializer(request).loads(raw, max_age=24 * 3600)
            data = loaded if isinstance(loaded, dict) else {}
        except BadSignature:
            data = {}
    request.state.portal = data
    return data


def write(request: Request, response: Response, data: dict[str, Any]) -> None:
    request.state.portal = data
    response.set_cookie(
        COOKIE,
        _serializer(request).dumps(data),
        max_age=24 * 3600,
        path=PATH,
        httponly=True,
        samesite="lax",
        secure=bool(request.app.state.settings.console_cookie_secure),
    )


def csrf(request: Request) -> str:
    """This portal session's CSRF token (made on first use, before sign-in too); the page
    that renders it writes the cookie."""
    data = read(request)
    token = data.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        data["csrf"] = token
        request.state.portal_dirty = True
    return token


async def check_csrf(request: Request) -> None:
    expected = read(request).get("csrf")
    form = await request.form()
    sent = form.get("csrf_token")
    if not isinstance(expected, str) or not isinstance(sent, str):
        raise PortalCsrfRefused()
    if not hmac.compare_digest(expected, sent):
        raise PortalCsrfRefused()


def start(request: Request, response: Response, session: dict[str, Any]) -> None:
    """A fresh portal session after sign-in (new CSRF token: nothing carried across)."""
    locale = read(request).get("locale")
    data = {
        "token": session["token"],
        "client_id": session["client_id"],
        "name": session.get("name", ""),
        "exp": int(time.time()) + 3600 if "exp" not in session else int(session["exp"]),
        "csrf": secrets.token_urlsafe(32),
        "locale": locale or session.get("locale") or "",
        # Times are shown to the client in the zone on their record, named.
        "tz": str(session.get("timezone") or ""),
    }
    write(request, response, data)


def end(request: Request, response: Response) -> None:
    request.state.portal = {}
    response.delete_cookie(COOKIE, path=PATH)


def current_client(request: Request) -> PortalClient:
    data = read(request)
    token = data.get("token")
    if not isinstance(token, str) or int(data.get("exp") or 0) <= time.time():
        raise PortalSignInRequired()
    request.state.actor_id = f"client:{data.get('client_id')}"
    return PortalClient(
        client_id=str(data.get("client_id")),
        name=str(data.get("name") or ""),
        token=token,
        locale=locale_of(request),
    )


def locale_of(request: Request) -> str:
    return choose_locale(
        read(request).get("locale"),
        request.headers.get("accept-language", ""),
        request.app.state.settings.default_locale,
    )


def formatter(request: Request) -> Formatter:
    tz = zone(read(request).get("tz"), request.app.state.settings.default_timezone)
    return Formatter(locale_of(request), tz, name_zone=True)
