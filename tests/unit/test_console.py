"""The console's pure parts: where a sign-in may send you next, which secrets it refuses,
how it picks a language, and how it formats money and times."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pydantic import SecretStr

from services.common.config import weak_secrets
from services.console.app import _safe_next
from services.console.i18n import Formatter, choose_locale
from services.console.settings import ConsoleSettings

STRONG = SecretStr("x" * 40)


def test_next_is_only_ever_a_path_on_the_console() -> None:
    assert _safe_next("/clients/1") == "/clients/1"
    for outside in ("https://evil.example", "//evil.example/x", "/\\evil.example", "", None):
        assert _safe_next(outside) == "/"


def test_the_console_refuses_weak_or_missing_secrets_and_a_dev_sign_in_beside_oidc() -> None:
    assert (
        weak_secrets(ConsoleSettings(console_session_secret=STRONG, oidc_issuer="https://id")) == []
    )
    missing = weak_secrets(ConsoleSettings(oidc_issuer="https://id"))
    assert missing == ["CLIENTFLOW_CONSOLE_SESSION_SECRET is not set"]
    nobody = weak_secrets(ConsoleSettings(console_session_secret=STRONG))
    assert nobody == ["CLIENTFLOW_OIDC_ISSUER is not set (nobody could sign in)"]
    dev = ConsoleSettings(
        console_session_secret=STRONG, console_dev_sign_in=True, auth_jwt_secret=STRONG
    )
    assert weak_secrets(dev) == []
    both = dev.model_copy(update={"oidc_issuer": "https://id"})
    assert weak_secrets(both) == ["CLIENTFLOW_CONSOLE_DEV_SIGN_IN is on beside an OIDC issuer"]


def test_the_language_is_the_persons_choice_then_the_browsers_then_the_default() -> None:
    assert choose_locale("en", "zh-CN,zh;q=0.9", "zh-CN") == "en"
    assert choose_locale(None, "zh-TW,en;q=0.5", "en") == "zh-CN"
    assert choose_locale(None, "en-US,en;q=0.9", "zh-CN") == "en"
    assert choose_locale(None, "fr-FR", "zh-CN") == "zh-CN"
    assert choose_locale("de", "", "en") == "en"


def test_money_and_times_follow_the_locale_and_the_persons_time_zone() -> None:
    zh = Formatter("zh-CN", ZoneInfo("Asia/Shanghai"))
    en = Formatter("en", ZoneInfo("Europe/London"))
    assert zh.money("1234567.5") == "¥1,234,567.50"
    assert en.money("1234567.5", "USD") == "US$1,234,567.50"
    instant = datetime(2026, 11, 30, 1, 30, tzinfo=UTC)
    assert "09:30" in zh.datetime(instant)
    assert "01:30" in en.datetime(instant.isoformat())
    assert zh.t("My day") == "我的一天" and en.t("My day") == "My day"
    assert zh.money("not a number") == ""


def _console_app() -> object:
    from services.console.api import Gateway
    from services.console.app import create_app

    settings = ConsoleSettings(
        console_session_secret=STRONG, console_dev_sign_in=True, auth_jwt_secret=STRONG
    )
    # A gateway nobody listens on: the pages that need it say so, the rest work.
    return create_app(settings, Gateway("http://127.0.0.1:9", timeout=0.5))


async def test_pages_carry_a_strict_content_security_policy_and_bodies_are_bounded() -> None:
    import httpx

    app = _console_app()
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as http:
        page = await http.get("/signin", headers={"Accept-Language": "en"})
        assert page.status_code == 200
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert page.headers["x-frame-options"] == "DENY"
        assert "<script>" not in page.text  # no inline script: every script is a file
        big = await http.post("/signin/dev", content=b"x" * (300 * 1024))
        assert big.status_code == 413
        # Signed out, a page sends you to sign in and back (never to another site).
        away = await http.get("/clients/1")
        assert away.status_code == 303 and away.headers["location"] == "/signin?next=%2Fclients%2F1"
        # A form without the session's CSRF token changes nothing.
        forged = await http.post("/signout", data={"csrf_token": "guess"})
        assert forged.status_code == 403
        # The vendored assets are served from the package.
        for asset in ("/static/vendor/htmx.min.js", "/static/vendor/echarts.min.js"):
            assert (await http.get(asset)).status_code == 200
