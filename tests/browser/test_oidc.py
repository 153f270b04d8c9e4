"""Sign-in with the organisation's OpenID Connect provider, in the browser: authorization code
with PKCE (S256). The provider is a local stand-in (a deployment brings its own); the gateway
verifies the provider's RS256 access token against its JWKS, exactly as in production."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
import pytest
import uvicorn
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from playwright.async_api import Browser, expect
from pydantic import SecretStr

from services.common.http_server import bind_socket
from services.console.api import Gateway
from services.console.app import create_app as create_console
from services.console.settings import ConsoleSettings
from tests.support import Stack


@dataclass
class Provider:
    """A minimal OIDC provider: one user, codes bound to their PKCE challenge."""

    url: str
    user: str
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    exchanged: list[str] = field(default_factory=list)

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/.well-known/openid-configuration")
        async def metadata() -> dict[str, Any]:
            return {
                "issuer": self.url,
                "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token",
                "userinfo_endpoint": f"{self.url}/userinfo",
                "jwks_uri": f"{self.url}/jwks",
                "code_challenge_methods_supported": ["S256"],
            }

        @app.get("/jwks")
        async def jwks() -> dict[str, Any]:
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
            return {"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]}

        @app.get("/authorize")
        async def authorize(request: Request) -> Response:
            q = request.query_params
            assert q["response_type"] == "code" and q["code_challenge_method"] == "S256"
            code = secrets.token_urlsafe(16)
            self.codes[code] = {"challenge": q["code_challenge"], "redirect": q["redirect_uri"]}
            target = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q["state"]})
            return RedirectResponse(target, status_code=302)

        @app.post("/token")
        async def token(
            code: str = Form(), code_verifier: str = Form(), redirect_uri: str = Form()
        ) -> Response:
            pending = self.codes.pop(code, None)
            digest = hashlib.sha256(code_verifier.encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if pending is None or pending["challenge"] != challenge:
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            assert pending["redirect"] == redirect_uri
            self.exchanged.append(code)
            now = int(time.time())
            access = jwt.encode(
                {
                    "sub": self.user,
                    "roles": ["advisor"],
                    "iss": self.url,
                    "aud": "clientflow",
                    "iat": now,
                    "exp": now + 600,
                },
                self.key,
                algorithm="RS256",
                headers={"kid": "k1"},
            )
            return JSONResponse({"access_token": access, "token_type": "Bearer", "expires_in": 600})

        @app.get("/userinfo")
        async def userinfo(request: Request) -> dict[str, str]:
            assert request.headers["authorization"].startswith("Bearer ")
            return {"sub": self.user, "name": "欧阳 Ouyang"}

        return app


@pytest.fixture
async def oidc_console(stack: Stack) -> AsyncIterator[tuple[str, Provider]]:
    from services.gateway.app import create_app as create_gateway

    # The provider's address first: the console's settings and the gateway's JWKS name it.
    provider_sock = bind_socket("127.0.0.1", 0)
    provider = Provider(f"http://127.0.0.1:{provider_sock.getsockname()[1]}", "adv-oidc")
    provider_server = uvicorn.Server(
        uvicorn.Config(provider.app(), log_config=None, access_log=False, lifespan="off")
    )
    provider_task = asyncio.create_task(provider_server.serve(sockets=[provider_sock]))

    settings, services = stack.settings, stack.services
    gateway_app = create_gateway(
        settings.model_copy(
            update={"auth_jwks_url": f"{provider.url}/jwks", "auth_issuer": provider.url}
        ),
        services,
    )
    console_sock = bind_socket("127.0.0.1", 0)
    console_url = f"http://127.0.0.1:{console_sock.getsockname()[1]}"
    console_settings = ConsoleSettings(
        console_session_secret=SecretStr("console-oidc-session-secret-0123456789abc"),
        oidc_issuer=provider.url,
        oidc_client_id="clientflow-console",
        console_public_url=console_url,
        default_locale="en",
    )
    app = create_console(
        console_settings,
        Gateway("http://gateway", transport=httpx.ASGITransport(app=gateway_app)),
    )
    console_server = uvicorn.Server(
        uvicorn.Config(app, log_config=None, access_log=False, lifespan="off")
    )
    console_task = asyncio.create_task(console_server.serve(sockets=[console_sock]))
    yield console_url, provider
    for server in (console_server, provider_server):
        server.should_exit = True
    await asyncio.gather(console_task, provider_task)


async def test_staff_sign_in_with_the_organisations_provider_using_pkce(
    browser: Browser, oidc_console: tuple[str, Provider]
) -> None:
    console_url, provider = oidc_console
    context = await browser.new_context(locale="en-GB")
    page = await context.new_page()
    try:
        await page.goto(f"{console_url}/clients")
        assert page.url.startswith(f"{console_url}/signin")
        # No development sign-in beside a real provider.
        await expect(page.locator("#signin-other")).to_have_count(0)
        await page.get_by_role("link", name="Sign in with your organisation").click()
        await page.wait_for_url(f"{console_url}/clients")
        await expect(page.locator(".me")).to_contain_text("欧阳 Ouyang")
        assert len(provider.exchanged) == 1

        # A callback that this browser did not start (another state) signs no one in.
        await context.clear_cookies()
        response = await page.goto(f"{console_url}/auth/callback?code=stolen&state=forged")
        assert response is not None and response.status == 401
        await page.goto(f"{console_url}/my-day")
        assert page.url.startswith(f"{console_url}/signin")
    finally:
        await context.close()
