"""The console's settings."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from services.common.config import AuthSettings, ProcessSettings, weak_secret_reason


class ConsoleSettings(ProcessSettings, AuthSettings):
    """The console: server-rendered pages for staff, a frontend of the gateway's HTTP API."""

    bind_host: str = "127.0.0.1"
    console_port: int = Field(8080, ge=1, le=65535)
    # Where the console finds the gateway (it calls nothing else).
    gateway_url: str = Field("http://127.0.0.1:8000", pattern=r"^https?://")
    gateway_timeout_seconds: float = Field(15.0, gt=0, le=120)
    # Signs the session cookie (and with it the CSRF token); rotate to sign everyone out.
    console_session_secret: SecretStr | None = None
    session_max_age_seconds: int = Field(8 * 3600, ge=300, le=7 * 24 * 3600)
    # Secure cookies: true wherever the console is served over HTTPS.
    console_cookie_secure: bool = False
    # OpenID Connect (authorization code + PKCE); the gateway verifies the access token
    # against the same provider's JWKS (CLIENTFLOW_AUTH_JWKS_URL).
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid profile email"
    # The console's own address as the browser sees it (the OIDC redirect URI is built on it).
    console_public_url: str | None = None
    # The dev sign-in page lists the directory's people and mints their tokens with
    # CLIENTFLOW_AUTH_JWT_SECRET. Only `clientflow dev` turns it on; never with OIDC.
    console_dev_sign_in: bool = False
    default_locale: Literal["zh-CN", "en"] = "zh-CN"
    default_timezone: str = "Asia/Shanghai"

    def secret_problems(self) -> list[str]:
        """What `weak_secrets` reports for the console: its session secret, and a way for
        someone to sign in (OIDC, or the dev sign-in with a strong token secret)."""
        problems = []
        reason = weak_secret_reason(self.console_session_secret)
        if reason:
            problems.append(f"CLIENTFLOW_CONSOLE_SESSION_SECRET {reason}")
        if self.console_dev_sign_in:
            reason = weak_secret_reason(self.auth_jwt_secret)
            if reason:
                problems.append(
                    f"CLIENTFLOW_AUTH_JWT_SECRET {reason} (the dev sign-in mints with it)"
                )
            if self.oidc_issuer:
                problems.append("CLIENTFLOW_CONSOLE_DEV_SIGN_IN is on beside an OIDC issuer")
        elif not self.oidc_issuer:
            problems.append("CLIENTFLOW_OIDC_ISSUER is not set (nobody could sign in)")
        return problems
