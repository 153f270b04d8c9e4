"""Sign-in with the organisation's OpenID Connect provider: authorization code + PKCE (S256)
with authlib. The access token it returns is what the console sends to the gateway, which
verifies it against the same provider's JWKS; the console trusts no claim the gateway has not
verified (the person's identity comes from /v1/me)."""

from __future__ import annotations

import secrets
import time
from typing import Any

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client
from fastapi import Request

from services.console.settings import ConsoleSettings

_METADATA: dict[str, tuple[float, dict[str, Any]]] = {}
METADATA_TTL_SECONDS = 3600.0


class SignInFailed(Exception):
    """The provider's answer did not complete a sign-in (stated why)."""


async def _metadata(issuer: str) -> dict[str, Any]:
    cached = _METADATA.get(issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    async with httpx.AsyncClient(timeout=10) as http:
        response = await http.get(url)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    _METADATA[issuer] = (time.monotonic() + METADATA_TTL_SECONDS, document)
    return document


def _client(settings: ConsoleSettings, request: Request) -> AsyncOAuth2Client:
    secret = settings.oidc_client_secret.get_secret_value() if settings.oidc_client_secret else None
    base = (settings.console_public_url or str(request.base_url)).rstrip("/")
    return AsyncOAuth2Client(
        client_id=settings.oidc_client_id,
        client_secret=secret,
        scope=settings.oidc_scopes,
        redirect_uri=f"{base}/auth/callback",
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_post" if secret else "none",
        timeout=10,
    )


async def authorization_url(request: Request, settings: ConsoleSettings, next_path: str) -> str:
    """Where to send the browser; state, nonce and the PKCE verifier wait in the session."""
    assert settings.oidc_issuer
    metadata = await _metadata(settings.oidc_issuer)
    verifier = secrets.token_urlsafe(48)
    nonce = secrets.token_urlsafe(16)
    async with _client(settings, request) as client:
        url, state = client.create_authorization_url(
            metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
        )
    request.session["oidc"] = {"state": state, "verifier": verifier, "next": next_path}
    return str(url)


async def complete(request: Request, settings: ConsoleSettings) -> tuple[str, float, str, str]:
    """Exchange the code: (access token, expiry, display name, where to go next)."""
    assert settings.oidc_issuer
    pending = request.session.pop("oidc", None)
    params = request.query_params
    if params.get("error"):
        raise SignInFailed(f"the identity provider refused: {params.get('error')}")
    if not isinstance(pending, dict) or params.get("state") != pending.get("state"):
        raise SignInFailed("the sign-in expired or came from elsewhere; sign in again")
    code = params.get("code")
    if not code:
        raise SignInFailed("the identity provider sent no code")
    metadata = await _metadata(settings.oidc_issuer)
    async with _client(settings, request) as client:
        try:
            token = await client.fetch_token(
                metadata["token_endpoint"],
                code=code,
                code_verifier=pending["verifier"],
                grant_type="authorization_code",
            )
        except Exception as error:  # authlib raises OAuthError and httpx errors alike
            raise SignInFailed(f"the code could not be exchanged: {error}") from None
    access = token.get("access_token")
    if not isinstance(access, str):
        raise SignInFailed("the identity provider returned no access token")
    expires_at = float(token.get("expires_at") or time.time() + 3600)
    name = ""
    userinfo = metadata.get("userinfo_endpoint")
    if userinfo:
        async with httpx.AsyncClient(timeout=10) as http:
            answer = await http.get(userinfo, headers={"Authorization": f"Bearer {access}"})
        if answer.status_code == 200:
            info = answer.json()
            name = str(info.get("name") or info.get("preferred_username") or "")
    return access, expires_at, name, str(pending.get("next") or "/")
