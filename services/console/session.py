"""Who is signed in (a signed, HttpOnly, SameSite cookie holding the gateway token), the CSRF
token every form and HTMX request carries, and the person's language and time zone."""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request

from services.console.i18n import Formatter, choose_locale, zone

FIRM_ROLES = frozenset({"admin", "partner", "accountant"})


class SignInRequired(Exception):
    """No session, or its token has expired: back to the sign-in page."""


class CsrfRefused(Exception):
    """A state-changing request without this session's CSRF token."""


@dataclass(frozen=True)
class Viewer:
    """The signed-in person, as the gateway's /v1/me described them at sign-in."""

    user_id: str
    name: str
    roles: frozenset[str]
    team_id: str | None
    managed_team_ids: tuple[str, ...]
    token: str
    locale: str
    tz: ZoneInfo

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_manager(self) -> bool:
        return self.has("manager", "admin")


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made on first use, also before sign-in)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Every POST carries the session's token: in the X-CSRF-Token header (HTMX) or the
    csrf_token form field (plain forms)."""
    expected = request.session.get("csrf")
    sent = request.headers.get("x-csrf-token")
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get("csrf_token")
            sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected, sent):
        raise CsrfRefused()


def sign_in(request: Request, token: str, me: dict[str, Any], name: str, expires_at: float) -> None:
    """Start a fresh session for `me` (a new CSRF token: no fixation across sign-ins)."""
    locale, tz = request.session.get("locale"), request.session.get("tz")
    request.session.clear()
    request.session.update(
        {
            "token": token,
            "user_id": me["user_id"],
            "name": name or me["user_id"],
            "roles": list(me.get("roles") or []),
            "team_id": me.get("team_id"),
            "managed": list(me.get("managed_team_ids") or []),
            "exp": int(expires_at),
            "csrf": secrets.token_urlsafe(32),
        }
    )
    if locale:
        request.session["locale"] = locale
    if tz:
        request.session["tz"] = tz


def sign_out(request: Request) -> None:
    request.session.clear()


def locale_of(request: Request) -> str:
    return choose_locale(
        request.session.get("locale"),
        request.headers.get("accept-language", ""),
        request.app.state.settings.default_locale,
    )


def formatter(request: Request) -> Formatter:
    tz = zone(request.session.get("tz"), request.app.state.settings.default_timezone)
    return Formatter(locale_of(request), tz)


def current_viewer(request: Request) -> Viewer:
    """The signed-in person, or SignInRequired."""
    session = request.session
    token = session.get("token")
    if not isinstance(token, str) or int(session.get("exp") or 0) <= time.time():
        raise SignInRequired()
    fmt = formatter(request)
    request.state.actor_id = str(session["user_id"])  # for the access log
    return Viewer(
        user_id=str(session["user_id"]),
        name=str(session.get("name") or session["user_id"]),
        roles=frozenset(session.get("roles") or []),
        team_id=session.get("team_id"),
        managed_team_ids=tuple(session.get("managed") or []),
        token=token,
        locale=fmt.locale,
        tz=fmt.tz,
    )
