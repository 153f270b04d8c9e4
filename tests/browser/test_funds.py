"""The funds dashboard in Chromium: an accountant sees called vs uncalled by fund and an
overdue call with its amount, follows the overdue figure to the call's investors, imports a
CSV bank statement and reads its report line by line; an advisor has no funds page."""

from __future__ import annotations

import uuid

from playwright.async_api import FilePayload, Page, expect

from tests.browser.conftest import Console, sign_in
from tests.support import Stack, create_client, token

ADMIN = token("admin-fd", "admin")
PARTNER = token("partner-fd", "partner")


async def test_an_accountant_follows_an_overdue_call_and_imports_a_statement(
    page: Page, console: Console, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    fund = f"F-DASH-{suffix}"
    api = console.api
    assert (
        await api.put(
            f"/v1/funds/{fund}",
            headers=ADMIN,
            json={"name": "稳健一期", "currency": "CNY", "vintage": 2024, "size": "9000000"},
        )
    ).status_code == 200
    investors = [
        (await create_client(stack.services.clients, advisor_id=f"adv-fd{suffix}")).id
        for _ in range(2)
    ]
    for client_id in investors:
        await api.put(
            f"/v1/funds/{fund}/commitments/{client_id}", headers=ADMIN, json={"amount": "1000000"}
        )
    draft = await api.post(
        f"/v1/funds/{fund}/capital-events",
        headers=ADMIN,
        json={"kind": "call", "amount": "300000", "due_on": "2026-01-15"},
    )
    call = draft.json()
    approved = await api.post(
        f"/v1/capital-events/{call['id']}/decision", headers=PARTNER, json={"approve": True}
    )
    references = {a["client_id"]: a["payment_reference"] for a in approved.json()["allocations"]}

    await sign_in(page, console, f"acc-fd{suffix}", "accountant")
    await page.get_by_role("link", name="Funds").click()
    row = page.locator(f"#fund-figures tr[data-fund='{fund}']")
    await expect(row).to_contain_text("300,000.00")  # called
    await expect(row).to_contain_text("1,700,000.00")  # uncalled
    overdue = page.locator("#overdue-calls a", has_text=fund)
    await expect(overdue).to_be_visible()
    await expect(page.locator("#overdue-calls tr", has_text=fund)).to_contain_text("300,000.00")

    statement = (
        "date,amount,reference\n"
        f"2026-12-01,150000.00,{references[investors[0]]}\n"
        "2026-12-01,99.00,no reference here\n"
    )
    payload: FilePayload = {
        "name": "bank.csv",
        "mimeType": "text/csv",
        "buffer": statement.encode(),
    }
    await page.locator("#statement-file").set_input_files(files=[payload])
    await page.locator("#statement-format").select_option("csv")
    await page.get_by_role("button", name="Import").click()
    await expect(page.locator("#statement-result")).to_contain_text("Matched: 1")
    await expect(page.locator("#statement-lines tr[data-status='unmatched']")).to_contain_text(
        "no payment reference"
    )

    await page.locator("#overdue-calls a", has_text=fund).click()
    await expect(page.locator(f"#allocations tr[data-client='{investors[0]}']")).to_contain_text(
        "Paid"
    )
    await expect(page.locator(f"#allocations tr[data-client='{investors[1]}']")).to_contain_text(
        "Open"
    )

    advisor = await page.context.browser.new_context()  # type: ignore[union-attr]
    other = await advisor.new_page()
    await sign_in(other, console, f"adv-fd{suffix}", "advisor")
    await expect(other.get_by_role("link", name="Funds")).to_have_count(0)
    await advisor.close()
