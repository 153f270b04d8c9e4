"""The client 360 page's value over time: a line drawn from the valuation history and the
returns table, as the client's advisor sees them."""

from __future__ import annotations

import uuid

from playwright.async_api import Page, expect

from tests.browser.conftest import Console, sign_in
from tests.browser.test_console import new_client


async def test_the_advisor_sees_the_value_chart_and_returns(page: Page, console: Console) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:5]}"
    await console.person(advisor, "Value Advisor", "advisor")
    client = await new_client(console, advisor)
    for day, value in (("2026-01-31", "1000"), ("2026-02-28", "1100")):
        answer = await console.admin(
            "PUT",
            f"/v1/clients/{client['id']}/holdings/F1",
            json={"units": "10", "market_value": value, "as_of": day, "product_name": "稳健一号"},
        )
        assert answer.status_code == 200, answer.text
    await sign_in(page, console, advisor, "advisor")
    await page.goto(f"{console.url}/clients/{client['id']}")
    card = page.locator("#value-history")
    await expect(card.locator("[data-chart='line'] canvas, [data-chart='line'] svg")).to_have_count(
        1
    )
    await expect(card.locator("#performance")).to_contain_text("10.0%")
    await expect(card.locator("#performance")).to_contain_text("2026-01-31")
    # The dashboards' AUM trend: for an advisor, their own book.
    await page.goto(f"{console.url}/dashboards")
    trend = page.locator("#aum-trend")
    await expect(
        trend.locator("[data-chart='line'] canvas, [data-chart='line'] svg")
    ).to_have_count(1)
    await expect(trend.locator("table")).to_contain_text("2026-02-28")
