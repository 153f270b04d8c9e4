"""A Chinese-speaking firm's first day: each person signs in with a zh-CN browser and visits
every page they have (and a client visits every portal page); no visible word may be in Latin
script except names, codes, units and the brand (tests/browser/latin.py), no time shows a raw
ISO stamp or seconds, and nothing reads "Invalid" or "None"."""

from __future__ import annotations

import re
import uuid
from typing import Any

from clientflow.clients.v1 import clients_pb2
from playwright.async_api import Browser, Page

from tests.browser.conftest import Console
from tests.browser.latin import page_latin_words
from tests.browser.test_portal import link_for, sent_to
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually, token

RAW_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b\d{1,2}:\d{2}:\d{2}\b")
STAFF_PAGES = (
    "/my-day",
    "/clients",
    "/clients/new",
    "/clients-import",
    "/segments",
    "/records",
    "/requests",
    "/requests?status=all",
    "/dashboards",
    "/tasks?scope=team",
)
MANAGER_PAGES = ("/quarterly",)
ADMIN_PAGES = (
    "/admin/rules",
    "/admin/templates",
    "/admin/custom-fields",
    "/admin/rules-config",
    "/admin/directory",
    "/admin/processes",
    "/admin/processes/post-investment",
    "/funds",
)


async def zh_page(browser: Browser) -> Page:
    context = await browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = await context.new_page()
    page.set_default_timeout(20_000)
    return page


async def as_staff(browser: Browser, console: Console, user: str, role: str) -> Page:
    page = await zh_page(browser)
    await page.goto(f"{console.url}/signin")
    form = page.locator("#signin-other")
    await form.locator("input[name=user_id]").fill(user)
    await form.locator("select[name=role]").select_option(role)
    await form.get_by_role("button").click()
    await page.wait_for_url(f"{console.url}/my-day")
    return page


async def check(page: Page, url: str, problems: dict[str, Any]) -> None:
    response = await page.goto(url)
    assert response is not None and response.status < 500, url
    await page.wait_for_load_state("networkidle")
    words = await page_latin_words(page)
    body = await page.inner_text("body")
    times = RAW_TIME.findall(body)
    if words or times:
        problems[url] = {"latin": sorted(set(words))[:20], "raw times": times[:5]}


async def links(page: Page, selector: str, most: int = 3) -> list[str]:
    found = page.locator(selector)
    hrefs = [
        await found.nth(i).get_attribute("href") for i in range(min(await found.count(), most))
    ]
    return [h for h in hrefs if h]


async def test_every_page_speaks_chinese_to_each_person(
    browser: Browser, console: Console, stack: Stack, smtp_sink: SmtpSink
) -> None:
    suffix = uuid.uuid4().hex[:6]
    advisor, manager = f"adv-zh-{suffix}", f"mgr-zh-{suffix}"
    # A team of its own: its manager must not become another test's approver.
    team = f"team-zh-{suffix}"
    await console.admin("PUT", f"/v1/directory/teams/{team}", json={"name": "华东团队"})
    for user, name, role in ((advisor, "李顾问", "advisor"), (manager, "赵经理", "manager")):
        await console.admin(
            "PUT",
            f"/v1/directory/people/{user}",
            json={"name": name, "memberships": [{"team_id": team, "role": role}]},
        )
    address = f"zh-{suffix}@example.com"
    client = await create_client(
        stack.services.clients,
        name="王小明",
        advisor_id=advisor,
        team_id=team,
        fields=clients_pb2.ClientFields(email=address, locale="zh-CN"),
    )
    me = token(advisor, "advisor", team=team)
    api = console.api
    await api.put(
        f"/v1/clients/{client.id}/holdings/CF-BOND-A",
        headers=me,
        json={"product_name": "稳健债券A", "units": "1000", "market_value": "500000.00"},
    )
    await api.post(
        f"/v1/clients/{client.id}/transactions",
        headers=me,
        json={
            "kind": "subscription",
            "amount": "500000",
            "product_code": "CF-BOND-A",
            "occurred_at": "2026-10-08T02:00:00Z",
            "external_id": f"tx-{suffix}",
        },
    )
    await api.post(
        f"/v1/clients/{client.id}/interactions",
        headers=me,
        json={"channel": "call", "direction": "outbound", "summary": "电话沟通季度配置"},
    )
    filed = await api.post(
        f"/v1/clients/{client.id}/requests",
        headers=me,
        json={"type": "redemption", "fields": {"product": "稳健债券A", "amount": 100000}},
    )
    assert filed.status_code == 201, filed.text
    started = await api.post(
        f"/v1/clients/{client.id}/processes",
        headers=me,
        json={"kind": "call-client", "parameters": {"reason": "季度回访"}},
    )
    assert started.status_code in (201, 202), started.text

    async def tasks_open() -> Any:
        items = (await api.get("/v1/tasks", headers=me)).json()["items"]
        return len(items) >= 2

    await eventually(tasks_open, "the advisor's two tasks")

    problems: dict[str, Any] = {}
    for user, role, extra in (
        (advisor, "advisor", ()),
        (manager, "manager", MANAGER_PAGES),
        (f"admin-zh-{suffix}", "admin", ADMIN_PAGES),
    ):
        page = await as_staff(browser, console, user, role)
        for path in (*STAFF_PAGES, *extra):
            await check(page, console.url + path, problems)
        await page.goto(f"{console.url}/my-day")
        followed = await links(page, "table.tasks a[href^='/tasks/']")
        followed += await links(page, "table.tasks a[href^='/process']", 1)
        await page.goto(f"{console.url}/requests?status=all")
        followed += await links(page, "#requests a[href^='/requests/']", 1)
        followed.append(f"/clients/{client.id}")
        for path in followed:
            await check(page, console.url + path, problems)
        await page.context.close()

    # The client, in the portal.
    seen = sent_to(smtp_sink, address)
    asked = await api.post("/v1/portal/sign-in", json={"address": address})
    assert asked.status_code in (200, 202), asked.text
    page = await zh_page(browser)
    await page.goto(f"{console.url}/portal/link/{await link_for(smtp_sink, address, seen)}")
    await page.locator("#follow-link button").click()
    await page.wait_for_url(f"{console.url}/portal/requests")
    portal = ["/portal/requests", "/portal/requests/new", "/portal/reports", "/portal/preferences"]
    portal += ["/portal/processes", "/portal/investments"]
    portal += await links(page, "a[href^='/portal/requests/']:not([href$='/new'])", 1)
    portal.append("/portal/requests/new?type=redemption")
    for path in portal:
        await check(page, console.url + path, problems)
    await page.context.close()

    assert problems == {}, problems
