"""The client portal in Chromium: a client signs in with the link from their e-mail, files a
redemption, sees its progress move as staff act, rates it (a detractor's rating gives the
advisor a follow-up task), downloads their report and sets their preferences; another
client's request is the portal's 404 by URL, and a used or expired link signs nobody in."""

from __future__ import annotations

import asyncio
import re
import uuid
from pathlib import Path
from typing import Any

from clientflow.clients.v1 import clients_pb2
from clientflow.reporting.v1 import reporting_pb2
from playwright.async_api import Browser, Page, expect
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.identity import SYSTEM_ACTOR
from tests.browser.conftest import Console
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually, token


async def link_for(smtp_sink: SmtpSink, address: str, seen: int) -> str:
    async def arrived() -> Any:
        mails = [m for m in smtp_sink.messages if address in m.envelope_to]
        return mails[-1] if len(mails) > seen else None

    mail = await eventually(arrived, f"the sign-in message to {address}", seconds=20)
    body = mail.message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"/portal/link/([A-Za-z0-9_\-]+)", body)
    assert found, body
    return found.group(1)


def sent_to(smtp_sink: SmtpSink, address: str) -> int:
    return len([m for m in smtp_sink.messages if address in m.envelope_to])


async def sign_in(page: Page, console: Console, smtp_sink: SmtpSink, address: str) -> str:
    """Ask for a code, follow the link from the e-mail; the link token."""
    seen = sent_to(smtp_sink, address)
    await page.goto(f"{console.url}/portal")
    await page.get_by_label("E-mail or mobile number").fill(address)
    await page.get_by_role("button", name="Send me a code").click()
    await expect(page.locator("#enter-code")).to_be_visible()
    link = await link_for(smtp_sink, address, seen)
    await page.goto(f"{console.url}/portal/link/{link}")
    await page.get_by_role("button", name="Continue to my portal").click()
    await page.wait_for_url(f"{console.url}/portal/requests")
    return link


async def complete(console: Console, headers: dict[str, str], workflow_id: str, task: str) -> None:
    async def find() -> Any:
        # This process's tasks only: the team's other open tasks may fill a page.
        params: dict[str, str | int] = {"process_kind": workflow_id.split("/")[0], "page_size": 200}
        reply = await console.api.get("/v1/tasks", headers=headers, params=params)
        items = reply.json()["items"]
        return next(
            (t for t in items if t["workflow_id"] == workflow_id and t["task_id"] == task), None
        )

    found = await eventually(find, f"task {task}")
    outcome = found["outcomes"][0]
    form = {f["name"]: "done" for f in found["form_fields"] if f["required"]}
    done = await console.api.post(
        f"/v1/tasks/{found['id']}/complete",
        headers=headers,
        json={"outcome": outcome, "form": form},
    )
    assert done.status_code == 200, done.text


async def test_a_client_files_follows_rates_and_downloads(
    browser: Browser, console: Console, stack: Stack, smtp_sink: SmtpSink
) -> None:
    advisor = f"adv-portal-{uuid.uuid4().hex[:6]}"
    # A team of its own with its own manager: the approval is assigned to the directory's
    # manager of the client's team, and another test's team may have one.
    team, boss = f"team-portal-{uuid.uuid4().hex[:6]}", f"mgr-portal-{uuid.uuid4().hex[:6]}"
    await console.admin("PUT", f"/v1/directory/teams/{team}", json={"name": "门户团队"})
    for user, role in ((advisor, "advisor"), (boss, "manager")):
        await console.admin(
            "PUT",
            f"/v1/directory/people/{user}",
            json={"name": user, "memberships": [{"team_id": team, "role": role}]},
        )
    address = f"client-{uuid.uuid4().hex[:8]}@example.com"
    client = await create_client(
        stack.services.clients,
        name="林晓",
        advisor_id=advisor,
        team_id=team,
        fields=clients_pb2.ClientFields(email=address, locale="en"),
    )
    await stack.services.reporting.RenderClientReport(
        reporting_pb2.RenderClientReportRequest(client_id=client.id, period="2026Q3"),
        metadata=SYSTEM_ACTOR.to_metadata(),
        timeout=120,
    )
    context = await browser.new_context(
        locale="en-GB", timezone_id="Asia/Shanghai", accept_downloads=True
    )
    page = await context.new_page()
    page.set_default_timeout(20_000)
    await sign_in(page, console, smtp_sink, address)

    # File a redemption; a bad amount is named beside the form.
    await page.get_by_role("link", name="New request").click()
    await page.locator('[data-type="redemption"]').click()
    await page.get_by_label("Product").fill("稳健一号")
    await page.get_by_label("Amount").fill("lots")
    await page.get_by_role("button", name="Submit request").click()
    await expect(page.locator(".problem")).to_contain_text("Amount (lots): must be a number")
    await page.get_by_label("Amount").fill("200000")
    await page.get_by_role("button", name="Submit request").click()
    await page.wait_for_url(re.compile(r"/portal/requests/[0-9a-f-]{36}$"))
    request_url = page.url
    request_id = request_url.rsplit("/", 1)[1]
    workflow_id = (
        await console.api.get(f"/v1/requests/{request_id}", headers=token("admin-ui", "admin"))
    ).json()["workflow_id"]

    async def step_state(key: str, state: str) -> None:
        for _ in range(100):
            await page.goto(request_url)
            if await page.locator(f'[data-step="{key}"][data-state="{state}"]').count():
                return
            await page.wait_for_timeout(200)
        raise AssertionError(f"step {key} never became {state}")

    await step_state("review", "current")
    # Staff act; the client's page follows.
    staff = token(advisor, "advisor", team=team)
    await complete(console, staff, workflow_id, "review")
    await step_state("review", "done")
    await step_state("approval", "current")
    manager = token(boss, "manager", team=team)
    await complete(console, manager, workflow_id, "approval")
    await complete(console, token("acc-ui", "accountant"), workflow_id, "settlement")
    await step_state("settlement", "done")
    await expect(page.locator(".status")).to_have_attribute("data-status", "resolved")

    # An unhappy rating gives the advisor a follow-up task.
    await page.locator('#rate input[value="2"]').check()
    await page.get_by_label("Comment").first.fill("Too slow")
    await page.get_by_role("button", name="Send rating").click()
    await expect(page.get_by_text("Thank you for your rating.")).to_be_visible()
    await complete(console, staff, workflow_id, "detractor-follow-up-1")

    # The report, as a PDF download.
    await page.get_by_role("link", name="My reports").click()
    async with page.expect_download() as waiting:
        await page.get_by_role("link", name="Download PDF").first.click()
    download = await waiting.value
    path = await download.path()
    assert path is not None
    assert (await asyncio.to_thread(Path(path).read_bytes))[:5] == b"%PDF-"

    # Preferences: no marketing e-mail.
    await page.get_by_role("link", name="Preferences").click()
    await page.locator('input[name="marketing"][value="email"]').uncheck()
    await page.get_by_role("button", name="Save").click()
    await expect(page.get_by_text("Saved.")).to_be_visible()
    await expect(page.locator('input[name="marketing"][value="email"]')).not_to_be_checked()
    await context.close()


async def test_a_client_sees_nothing_of_anothers_and_links_work_once(
    page: Page,
    browser: Browser,
    console: Console,
    stack: Stack,
    smtp_sink: SmtpSink,
    engine: AsyncEngine,
) -> None:
    advisor = f"adv-portal-{uuid.uuid4().hex[:6]}"
    first, second = (f"client-{uuid.uuid4().hex[:8]}@example.com" for _ in range(2))
    made = [
        await create_client(
            stack.services.clients,
            advisor_id=advisor,
            team_id=console.team,
            fields=clients_pb2.ClientFields(email=address, locale="en"),
        )
        for address in (first, second)
    ]
    link = await sign_in(page, console, smtp_sink, first)
    await page.get_by_role("link", name="New request").click()
    await page.locator('[data-type="document-request"]').click()
    await page.get_by_label("Document").select_option("statement")
    await page.get_by_role("button", name="Submit request").click()
    await page.wait_for_url(re.compile(r"/portal/requests/[0-9a-f-]{36}$"))
    theirs = page.url

    other = await browser.new_context(locale="en-GB")
    intruder = await other.new_page()
    intruder.set_default_timeout(20_000)
    # The first client's link, used once already, signs nobody in.
    await intruder.goto(f"{console.url}/portal/link/{link}")
    await intruder.get_by_role("button", name="Continue to my portal").click()
    await expect(intruder.get_by_text("not valid any more")).to_be_visible()
    # Nor does an expired one.
    seen = sent_to(smtp_sink, second)
    await intruder.goto(f"{console.url}/portal/sign-in")
    await intruder.get_by_label("E-mail or mobile number").fill(second)
    await intruder.get_by_role("button", name="Send me a code").click()
    expired = await link_for(smtp_sink, second, seen)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE clients.portal_sign_ins SET expires_at = now() - interval '1 minute'"
                " WHERE address = :address"
            ),
            {"address": second},
        )
    await intruder.goto(f"{console.url}/portal/link/{expired}")
    await intruder.get_by_role("button", name="Continue to my portal").click()
    await expect(intruder.get_by_text("not valid any more")).to_be_visible()
    # Signed in as the second client: the first's request is not there, by URL.
    await sign_in(intruder, console, smtp_sink, second)
    response = await intruder.goto(theirs)
    assert response is not None and response.status == 404
    await expect(intruder.get_by_role("heading", name="Not found")).to_be_visible()
    await intruder.goto(f"{console.url}/portal/requests")
    assert await intruder.locator("[data-request]").count() == 0
    # A staff page does not open with the portal session.
    await intruder.goto(f"{console.url}/my-day")
    await intruder.wait_for_url(re.compile(r"/signin"))
    await other.close()

    # The advisor answers the document request with the client's statement; the client
    # downloads it from the request.
    statement = await stack.services.reporting.RenderClientReport(
        reporting_pb2.RenderClientReportRequest(client_id=made[0].id, period="2026Q2"),
        metadata=SYSTEM_ACTOR.to_metadata(),
        timeout=120,
    )
    request_id = theirs.rsplit("/", 1)[1]
    workflow_id = (
        await console.api.get(f"/v1/requests/{request_id}", headers=token("admin-ui", "admin"))
    ).json()["workflow_id"]
    staff = token(advisor, "advisor", team=console.team)

    async def find() -> Any:
        items = (await console.api.get("/v1/tasks", headers=staff)).json()["items"]
        return next((t for t in items if t["workflow_id"] == workflow_id), None)

    task = await eventually(find, "the preparation task")
    done = await console.api.post(
        f"/v1/tasks/{task['id']}/complete",
        headers=staff,
        json={"outcome": "done", "form": {"artifact_id": statement.id}},
    )
    assert done.status_code == 200, done.text
    for _ in range(100):
        await page.goto(theirs)
        if await page.locator("#document").count():
            break
        await page.wait_for_timeout(200)
    async with page.expect_download() as waiting:
        await page.locator("#document").click()
    path = await (await waiting.value).path()
    assert path is not None
    assert (await asyncio.to_thread(Path(path).read_bytes))[:5] == b"%PDF-"
