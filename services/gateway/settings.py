"""The gateway's settings."""

from __future__ import annotations

from pydantic import Field

from services.common.config import (
    AuthSettings,
    EndpointSettings,
    ProcessSettings,
)


class GatewaySettings(ProcessSettings, EndpointSettings, AuthSettings):
    """The HTTP gateway."""

    gateway_port: int = Field(8000, ge=1, le=65535)
    # WeCom's callback (接收消息): the Token, the EncodingAESKey and the corp id of the app
    # configured in WeCom's admin console; unset: no callback route.
    wecom_callback_token: str = Field("", max_length=64)
    wecom_callback_aes_key: str = Field("", pattern=r"^([A-Za-z0-9+/]{43})?$")
    wecom_corp_id: str = Field("", max_length=64)
    # The worker's grpc.health.v1 (host:port): when set, /readyz says whether it polls.
    worker_health_address: str = Field("", max_length=200)
    # The mail server's Mailpit-compatible API, an optional helper: /readyz names it when it
    # does not answer, without counting it against readiness.
    smtp_lookup_url: str = Field("", max_length=500)
    # Expensive routes (previews, imports, exports) per user: a sustained rate and a burst.
    expensive_rate_per_minute: float = Field(30.0, gt=0, le=100_000)
    expensive_burst: int = Field(20, ge=1, le=100_000)
    # How long the gateway trusts what the directory said about a caller.
    directory_cache_seconds: float = Field(30.0, ge=0, le=3600)
    # POST /v1/dev/token: mints a token for anyone. Only `clientflow dev --dev-sign-in` sets it.
    dev_sign_in: bool = False
    # Where the client portal is (the console's /portal): the sign-in link in the message.
    portal_url: str = Field("http://127.0.0.1:8080", max_length=500)
    # A client's portal session (the token the gateway issues after a one-time sign-in).
    portal_session_minutes: int = Field(60, ge=5, le=24 * 60)
