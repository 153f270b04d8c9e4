"""The console in headless Chromium (Debian's `chromium`, driven by Playwright; no browser
download): the real console app on a loopback port, calling the real gateway over the loopback
gRPC services and the Temporal dev server of the `stack` fixture."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from playwright.async_api import Browser, Page, async_playwright
from pydantic import SecretStr

from services.common.http_server import bind_socket
from services.console.api import Gateway
from services.console.app import create_app as create_console
from services.console.settings import ConsoleSettings
from tests.support import TEST_JWT_SECRET, Stack, token

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("CLIENTFLOW_CHROMIUM") or shutil.which("chromium")


@dataclass
class Console:
    """The console's address, and the gateway (in process) to arrange data through."""

    url: str
    api: httpx.AsyncClient
    team: str

    async def admin(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        response = await self.api.request(
            method,
            path,
            headers=token("admin-ui", "admin"),
            **kwargs,  # type: ignore[arg-type]
        )
        assert response.status_code < 400, response.text
        return response

    async def person(self, user_id: str, name: str, role: str | None) -> None:
        memberships = [{"team_id": self.team, "role": role}] if role else []
        await self.admin(
            "PUT",
            f"/v1/directory/people/{user_id}",
            json={"name": name, "memberships": memberships},
        )


@pytest.fixture(scope="session")
async def console(stack: Stack) -> AsyncIterator[Console]:
    from services.gateway.app import create_app as create_gateway

    settings, services = stack.settings, stack.services
    gateway_app = create_gateway(
        settings.model_copy(update={"directory_cache_seconds": 0}), services
    )
    transport = httpx.ASGITransport(app=gateway_app)
    console_settings = ConsoleSettings(
        console_session_secret=SecretStr("console-test-session-secret-0123456789abcdef"),
        console_dev_sign_in=True,
        auth_jwt_secret=SecretStr(TEST_JWT_SECRET),
        default_locale="en",
        log_format="text",
    )
    app = create_console(console_settings, Gateway("http://gateway", transport=transport))
    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False, lifespan="off"))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    team = f"team-ui-{uuid.uuid4().hex[:6]}"
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as api:
        console = Console(f"http://127.0.0.1:{port}", api, team)
        await console.admin("PUT", f"/v1/directory/teams/{team}", json={"name": "UI team"})
        yield console
    server.should_exit = True
    await serving


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    path = chromium_path()
    if not path:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        await browser.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A fresh browser context (no cookies) per test, English unless the test says."""
    context = await browser.new_context(locale="en-GB", timezone_id="Asia/Shanghai")
    page = await context.new_page()
    page.set_default_timeout(20_000)
    yield page
    await context.close()


async def sign_in(page: Page, console: Console, user_id: str, role: str) -> None:
    """The dev sign-in page's 'another person' form."""
    await page.goto(f"{console.url}/signin")
    form = page.locator("#signin-other")
    await form.get_by_label("User id").fill(user_id)
    await form.get_by_label("Role").select_option(role)
    await form.get_by_role("button").click()
    await page.wait_for_url(f"{console.url}/my-day")
