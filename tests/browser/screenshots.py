"""Screenshots of the console's main pages for docs/: run against `clientflow dev --demo`.

    python -m tests.browser.screenshots http://127.0.0.1:8080 docs/screenshots

Signs in through the dev sign-in page as the demo's people (Debian's chromium, headless)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from playwright.async_api import Page, async_playwright

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path


async def sign_in(page: Page, console: str, user: str) -> None:
    await page.goto(f"{console}/signin")
    await page.locator(f"form.signin-as[data-user='{user}'] button").click()
    await page.wait_for_url(f"{console}/my-day")


async def main(console: str, out: Path) -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        for locale, suffix in (("en-GB", ""), ("zh-CN", "-zh")):
            context = await browser.new_context(
                locale=locale, timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900}
            )
            page = await context.new_page()
            await sign_in(page, console, "adv-li")
            await page.screenshot(path=out / f"my-day{suffix}.png", full_page=True)
            await page.goto(f"{console}/clients?tier=STRATEGIC")
            await page.screenshot(path=out / f"clients{suffix}.png")
            first = page.locator("#client-rows a").first
            await first.click()
            await page.wait_for_load_state("networkidle")
            await page.wait_for_timeout(800)  # charts animate in
            await page.screenshot(path=out / f"client-360{suffix}.png", full_page=True)
            await context.close()
        context = await browser.new_context(
            locale="en-GB", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900}
        )
        page = await context.new_page()
        await sign_in(page, console, "mgr-east")
        await page.goto(f"{console}/dashboards?period=2026")
        await page.wait_for_timeout(800)
        await page.screenshot(path=out / "dashboards.png", full_page=True)
        await context.close()
        await browser.close()


if __name__ == "__main__":
    target = Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    asyncio.run(main(sys.argv[1], target))
