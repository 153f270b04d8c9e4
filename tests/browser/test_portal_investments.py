"""An investor in the portal (Chromium): after a partner approves a capital call, they sign in,
see the call with their share, due date and reference, their capital account, and download
their call notice; another investor's call is not on their page."""

from __future__ import annotations

import io
import uuid
from typing import Any

from clientflow.clients.v1 import clients_pb2
from playwright.async_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import Console
from tests.browser.test_portal import sign_in
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually, token

ADMIN = token("admin-inv", "admin")
PARTNER = token("partner-inv", "partner")


async def test_an_investor_sees_their_call_notice_and_capital_account(
    page: Page, console: Console, stack: Stack, smtp_sink: SmtpSink
) -> None:
    suffix = uuid.uuid4().hex[:6]
    fund = f"F-INV-{suffix}"
    address = f"lp-{suffix}@example.com"
    investor = await create_client(
        stack.services.clients,
        name="Grace Lin",
        advisor_id=f"adv-inv{suffix}",
        fields=clients_pb2.ClientFields(email=address, locale="en"),
    )
    other = await create_client(stack.services.clients, advisor_id=f"adv-inv{suffix}")
    api = console.api
    assert (
        await api.put(
            f"/v1/funds/{fund}",
            headers=ADMIN,
            json={"name": "海港二期", "currency": "USD", "vintage": 2025, "size": "5000000"},
        )
    ).status_code == 200
    for client_id, amount in ((investor.id, "250000"), (other.id, "750000")):
        await api.put(
            f"/v1/funds/{fund}/commitments/{client_id}", headers=ADMIN, json={"amount": amount}
        )
    draft = await api.post(
        f"/v1/funds/{fund}/capital-events",
        headers=ADMIN,
        json={"kind": "call", "amount": "100000", "due_on": "2031-01-03", "purpose": "Deal one"},
    )
    call = draft.json()
    approved = await api.post(
        f"/v1/capital-events/{call['id']}/decision", headers=PARTNER, json={"approve": True}
    )
    assert approved.status_code == 200, approved.text
    [mine] = [a for a in approved.json()["allocations"] if a["client_id"] == investor.id]

    async def noticed() -> Any:
        return [m for m in smtp_sink.messages if address in m.envelope_to]

    await eventually(noticed, "the call notice e-mail", 60)

    await sign_in(page, console, smtp_sink, address)
    await page.get_by_role("link", name="My investments").click()
    await expect(page.get_by_role("heading", name="My investments")).to_be_visible()
    row = page.locator(f"tr[data-event='{call['id']}']")
    await expect(row).to_contain_text("海港二期")
    await expect(row).to_contain_text("25,000.00")  # a quarter of the call
    await expect(row).to_contain_text(mine["payment_reference"])
    await expect(row).to_contain_text("Open")
    assert await page.locator("tr[data-event]").count() == 1
    account = page.locator(f"tr[data-fund='{fund}']")
    await expect(account).to_contain_text("250,000.00")  # the commitment
    await expect(account).to_contain_text("225,000.00")  # uncalled
    notice = page.locator("li[data-notice] a").first
    await expect(notice).to_contain_text("Capital call notice")
    async with page.expect_download() as caught:
        await notice.click()
    download = await caught.value
    content = open(await download.path(), "rb").read()  # noqa: SIM115, ASYNC230
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Capital call notice" in text and "Grace Lin" in text
    assert mine["payment_reference"] in text and "2031-01-03" in text
