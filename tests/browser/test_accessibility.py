"""axe-core (through axe-playwright-python) on the console's main pages, in both languages:
no serious or critical violations."""

from __future__ import annotations

import uuid
from typing import Any

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Page

from tests.browser.conftest import Console, sign_in

AXE = Axe()


async def serious_violations(page: Page) -> list[str]:
    results = await AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


async def test_the_main_pages_have_no_serious_accessibility_violations(
    browser: Any, console: Console
) -> None:
    manager = f"mgr-{uuid.uuid4().hex[:5]}"
    await console.person(manager, "无障碍经理", "manager")
    client = (
        await console.admin(
            "POST",
            "/v1/clients",
            json={
                "name": "可访问客户",
                "advisor_id": f"adv-{uuid.uuid4().hex[:5]}",
                "team_id": console.team,
                "tags": ["vip"],
            },
        )
    ).json()
    await console.admin(
        "PUT",
        f"/v1/clients/{client['id']}/holdings/CF-BOND-01",
        json={"product_name": "稳健债券一号", "units": "10", "market_value": "100000"},
    )
    started = await console.admin(
        "POST", f"/v1/clients/{client['id']}/processes", json={"kind": "client-check"}
    )
    workflow_id = started.json()["workflow_id"]
    found: dict[str, list[str]] = {}
    for locale in ("en-GB", "zh-CN"):
        context = await browser.new_context(locale=locale, timezone_id="Asia/Shanghai")
        page = await context.new_page()
        try:
            await page.goto(f"{console.url}/portal/sign-in")
            found[f"{locale} /portal/sign-in"] = await serious_violations(page)
            await page.goto(f"{console.url}/signin")
            found[f"{locale} /signin"] = await serious_violations(page)
            if locale == "en-GB":
                await sign_in(page, console, manager, "manager")
            else:
                form = page.locator("#signin-other")
                await form.locator("input[name=user_id]").fill(manager)
                await form.locator("select[name=role]").select_option("manager")
                await form.locator("button").click()
                await page.wait_for_url(f"{console.url}/my-day")
            for path in (
                "/my-day",
                "/clients",
                f"/clients/{client['id']}",
                f"/process?id={workflow_id}",
                "/quarterly",
                "/dashboards",
                "/requests",
                f"/clients/{client['id']}/requests/new?type=redemption",
                "/clients/00000000-0000-0000-0000-000000000000",
            ):
                await page.goto(f"{console.url}{path}")
                await page.wait_for_load_state("networkidle")
                found[f"{locale} {path}"] = await serious_violations(page)
        finally:
            await context.close()
    context = await browser.new_context(locale="en-GB")
    page = await context.new_page()
    await sign_in(page, console, "admin-ui", "admin")
    for path in (
        "/admin/rules",
        "/admin/templates",
        "/admin/custom-fields",
        "/admin/rules-config",
        "/admin/directory",
        "/segments",
        "/clients-import",
        "/clients/new",
        "/records",
        "/admin/record-types/a11y_probe",  # the designer of a new type
    ):
        await page.goto(f"{console.url}{path}")
        found[f"admin {path}"] = await serious_violations(page)
    await context.close()
    problems = {page: v for page, v in found.items() if v}
    assert problems == {}, problems
