"""Clients' requests in the staff console: an advisor files a request from the client's page
(a bad field named beside the form), writes an internal note and a message to the client
(each in its own place), and finds the request's first step in My day."""

from __future__ import annotations

import re
import uuid

from playwright.async_api import Page, expect

from tests.browser.conftest import Console, sign_in
from tests.browser.test_console import new_client


async def test_an_advisor_files_a_request_and_keeps_notes_apart_from_messages(
    page: Page, console: Console
) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:5]}"
    await console.person(advisor, "王顾问", "advisor")
    client = await new_client(console, advisor, name=f"陈{uuid.uuid4().hex[:4]}女士")
    await sign_in(page, console, advisor, "advisor")
    await page.goto(f"{console.url}/clients/{client['id']}")
    await page.locator("#new-request").click()
    await page.locator('[data-type="redemption"]').click()
    await page.get_by_label("Product").fill("稳健一号")
    await page.get_by_label("Amount").fill("a lot")
    await page.get_by_role("button", name="File request").click()
    await expect(page.locator(".problem")).to_contain_text("Amount (a lot): must be a number")
    await page.get_by_label("Amount").fill("300000")
    await page.get_by_role("button", name="File request").click()
    await page.wait_for_url(re.compile(r"/requests/[0-9a-f-]{36}$"))

    await page.get_by_label("Internal note (never shown to the client)").fill("Lock-up ends 12/15")
    await page.get_by_role("button", name="Add note").click()
    await page.get_by_label("Message to the client (the client sees it)").fill("Received, thanks")
    await page.get_by_role("button", name="Send to client").click()
    await expect(page.locator("#notes")).to_contain_text("Lock-up ends 12/15")
    await expect(page.locator("#messages")).to_contain_text("Received, thanks")
    await expect(page.locator("#messages")).not_to_contain_text("Lock-up")

    await page.get_by_role("link", name="Requests").first.click()
    await expect(page.locator("#requests")).to_contain_text("Redemption")
    for _ in range(50):
        await page.goto(f"{console.url}/my-day")
        if await page.get_by_text(re.compile("Redemption: Advisor review")).count():
            break
        await page.wait_for_timeout(200)
    await expect(page.get_by_text(re.compile("Redemption: Advisor review")).first).to_be_visible()
