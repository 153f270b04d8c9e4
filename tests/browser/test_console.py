"""The console as its people use it, in headless Chromium: an advisor's day, another advisor's
client out of reach, an admin's rule preview, both languages, and the quarterly run from the
manager's start through the accountant, the advisor and the partner to a client's PDF."""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.async_api import Page, expect

from tests.browser.conftest import Console, sign_in
from tests.support import eventually


async def new_client(console: Console, advisor: str, **fields: Any) -> dict[str, Any]:
    body = {"name": f"客户{uuid.uuid4().hex[:5]}", "advisor_id": advisor, "team_id": console.team}
    created = await console.admin("POST", "/v1/clients", json={**body, **fields})
    client: dict[str, Any] = created.json()
    return client


async def test_an_advisor_finds_a_client_logs_a_call_and_completes_a_task(
    page: Page, console: Console
) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:5]}"
    await console.person(advisor, "李顾问", "advisor")
    client = await new_client(console, advisor, name=f"周{uuid.uuid4().hex[:4]}先生")
    started = await console.admin(
        "POST", f"/v1/clients/{client['id']}/processes", json={"kind": "call-client"}
    )
    workflow_id = started.json()["workflow_id"]

    async def task_listed() -> bool:
        tasks = await console.api.get(
            "/v1/tasks", params={"client_id": client["id"]}, headers=_bearer(advisor, "advisor")
        )
        return bool(tasks.json()["items"])

    await eventually(task_listed, "the call task")

    await sign_in(page, console, advisor, "advisor")
    await expect(page.locator("#main")).to_contain_text("Call the client")

    # Search as you type.
    await page.get_by_role("link", name="Clients").click()
    await page.get_by_label("Search clients").fill(client["name"])
    result = page.locator("#client-rows").get_by_role("link", name=client["name"])
    await expect(result).to_be_visible()
    await result.click()
    await expect(page.locator("#client-name")).to_have_text(client["name"])

    # Log a call; it appears in the timeline without a page load.
    await page.get_by_label("Channel").select_option("call")
    await page.get_by_label("Summary").fill("Discussed the bond fund 稳健债券")
    await page.locator("#log-interaction").click()
    await expect(page.locator("ol.timeline")).to_contain_text("Discussed the bond fund 稳健债券")

    # Complete the task with its own outcomes.
    await page.get_by_role("link", name="My day").click()
    await page.get_by_role("link", name=re.compile("Call the client")).click()
    await page.get_by_label("reached").check()
    await page.get_by_label("Comment").fill("Will invest more in Q4")
    await page.locator("#complete").click()
    # The task's form says what is required: the browser keeps the page until it is given.
    assert "/tasks/" in page.url
    await page.get_by_label("Summary").fill("Reached; a Q4 top-up is likely")
    await page.locator("#complete").click()
    await page.wait_for_url(f"{console.url}/my-day")
    await expect(page.locator("#main")).not_to_contain_text("Call the client")

    async def done() -> dict[str, Any] | None:
        reply = await console.admin("GET", "/v1/processes/" + workflow_id)
        state: dict[str, Any] = reply.json()
        return state if state["status"] == "completed" else None

    finished = await eventually(done, "the call process to finish")
    assert finished["result"]["outcome"]["outcome"] == "reached"


async def test_another_advisors_client_is_the_consoles_404(page: Page, console: Console) -> None:
    owner, other = f"adv-{uuid.uuid4().hex[:5]}", f"adv-{uuid.uuid4().hex[:5]}"
    await console.person(owner, "Owner", "advisor")
    await console.person(other, "Other", "advisor")
    client = await new_client(console, owner)
    await sign_in(page, console, other, "advisor")
    response = await page.goto(f"{console.url}/clients/{client['id']}")
    assert response is not None and response.status == 404
    await expect(page.locator("h1")).to_have_text("Not found")
    await expect(page.locator("body")).not_to_contain_text(client["name"])
    # Nor through search, nor its reports.
    await page.goto(f"{console.url}/clients?q={client['name']}")
    await expect(page.locator("#client-rows")).not_to_contain_text(client["name"])
    # Every page needs a session: signed out, the console asks who you are.
    await page.context.clear_cookies()
    await page.goto(f"{console.url}/clients/{client['id']}")
    assert page.url.startswith(f"{console.url}/signin")


async def test_a_form_without_the_sessions_csrf_token_is_refused(
    page: Page, console: Console
) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:5]}"
    await console.person(advisor, "CSRF", "advisor")
    client = await new_client(console, advisor)
    await sign_in(page, console, advisor, "advisor")
    forged = await page.request.post(
        f"{console.url}/clients/{client['id']}/interactions",
        form={"channel": "call", "direction": "outbound", "summary": "forged"},
    )
    assert forged.status == 403
    listed = await console.admin("GET", f"/v1/clients/{client['id']}/interactions")
    assert listed.json()["items"] == []


async def test_zh_cn_and_en_both_render(browser: Any, console: Console) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:5]}"
    await console.person(advisor, "双语", "advisor")
    context = await browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = await context.new_page()
    try:
        await page.goto(f"{console.url}/signin")
        await expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
        form = page.locator("#signin-other")
        await form.get_by_label("用户 ID").fill(advisor)
        await form.get_by_role("button").click()
        await expect(page.locator("h1")).to_have_text("我的一天")
        await page.get_by_label("语言").select_option("en")
        await page.get_by_role("button", name="语言").click()
        await expect(page.locator("h1")).to_have_text("My day")
        await expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        await context.close()


async def test_an_admin_writes_a_rule_and_sees_whom_it_would_reach(
    page: Page, console: Console
) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:5]}"
    tag = f"ui-{uuid.uuid4().hex[:6]}"
    client = await new_client(console, advisor, name=f"规则{uuid.uuid4().hex[:5]}", tags=[tag])
    await sign_in(page, console, "admin-ui", "admin")
    await page.get_by_role("link", name="Rules").click()
    name = f"strategic-{uuid.uuid4().hex[:5]}"
    await page.get_by_label("Name").fill(name)
    await page.get_by_label("Condition (CEL)").fill(f'"{tag}" in client.tags')
    await page.locator("#preview-rule").click()
    await expect(page.locator("#preview-matched")).to_have_text("1")
    await expect(page.locator("#rule-preview")).to_contain_text(client["name"])
    # A condition that does not compile is named, not a stack trace.
    await page.get_by_label("Condition (CEL)").fill("client.tier ==")
    await page.locator("#preview-rule").click()
    await expect(page.locator("#rule-preview .problem")).to_be_visible()
    await page.get_by_label("Condition (CEL)").fill(f'"{tag}" in client.tags')
    await page.locator("#save-rule").click()
    await expect(page.locator("table.rules")).to_contain_text(name)


def _bearer(user: str, role: str) -> dict[str, str]:
    from tests.support import token

    return token(user, role)
