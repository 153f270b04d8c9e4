"""The automation studio in Chromium: an admin designs a process in the designer (a problem is
named as they type, the diagram draws the flow), saves, changes a node through its form, saves
again, publishes and starts it for a client; the advisor completes its task on My day; the
client sees its client-visible steps, in their words, in the portal, and does their own step
there: a copy of their ID, uploaded."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from playwright.async_api import Browser, FilePayload, Page, expect

from tests.browser.conftest import Console, sign_in
from tests.browser.test_portal import sign_in as portal_sign_in
from tests.notify_support import SmtpSink
from tests.support import Stack, eventually

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def document(key: str) -> dict[str, Any]:
    return {
        "key": key,
        "name": {"zh-CN": "资料复核", "en": "Document review"},
        "start": "collect",
        "nodes": [
            {
                "id": "collect",
                "kind": "task",
                "title": {"zh-CN": "收集客户资料", "en": "Collect the client's papers"},
                "assignee": {"to": "advisor"},
                "sla": {"business_days": 2},
                "client_visible": True,
                "client_title": {"zh-CN": "资料收集中", "en": "Collecting your papers"},
                "next": "upload",
            },
            {
                "id": "upload",
                "kind": "task",
                "title": {"zh-CN": "客户上传身份证明", "en": "The client sends their ID"},
                "assignee": {"to": "client"},
                "form": [
                    {
                        "name": "id_copy",
                        "type": "file",
                        "label": {"zh-CN": "身份证明", "en": "A copy of your ID"},
                    }
                ],
                "client_title": {"zh-CN": "请上传身份证明", "en": "Send us a copy of your ID"},
                "next": "done",
            },
            {"id": "done", "kind": "end", "outcome": "reviewed"},
        ],
    }


async def test_an_admin_designs_publishes_and_starts_a_process(
    page: Page, browser: Browser, console: Console, stack: Stack, smtp_sink: SmtpSink
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key = f"review-{suffix}"
    advisor = f"adv-design-{suffix}"
    await console.person(advisor, "设计顾问", "advisor")
    address = f"design-{suffix}@example.com"
    created = await console.admin(
        "POST",
        "/v1/clients",
        json={
            "name": f"设计客户{suffix}",
            "advisor_id": advisor,
            "team_id": console.team,
            "email": address,
            "locale": "en",
        },
    )
    client_id = created.json()["id"]

    await sign_in(page, console, "admin-ui", "admin")
    await page.get_by_role("link", name="Process designer").click()
    await page.get_by_role("link", name="Post-investment service").click()
    editor = page.locator("#d-document")
    await expect(page.locator("figure.diagram svg")).to_be_visible()

    # A document with a dangling reference: the problem is named as one types.
    broken = document(key)
    broken["nodes"][0]["next"] = "nowhere"
    await editor.fill(json.dumps(broken, ensure_ascii=False, indent=2))
    await editor.press("End")
    await expect(page.locator("#definition-check")).to_contain_text("nodes[collect].next")
    await editor.fill(json.dumps(document(key), ensure_ascii=False, indent=2))
    await editor.press("End")
    await expect(page.locator("#definition-check")).to_contain_text("The definition is valid.")
    await expect(page.locator("#definition-check svg")).to_contain_text("Collect the client")

    # A dry run shows the path this client would take.
    await page.locator("#dry-client").fill(client_id)
    await page.locator("#dry-run").click()
    await expect(page.locator("#dry-run-outcome")).to_have_text("reviewed")

    await page.locator("#save-definition").click()
    await page.wait_for_url(re.compile(rf"/admin/processes/{key}\?version=1"))
    await expect(page.locator("#main")).to_contain_text("Draft")

    # A node's form changes the definition's text; saved, it is version 2.
    node = page.locator('details[data-node="collect"]')
    await node.locator("summary").click()
    await node.get_by_label("SLA (business days)").fill("3")
    await node.get_by_role("button", name="Apply to the definition").click()
    await expect(page.locator("#d-document")).to_have_value(re.compile(r'"business_days": 3\.0'))
    await expect(page.locator("#definition-check")).to_contain_text("The definition is valid.")
    await page.locator("#save-definition").click()
    await page.wait_for_url(re.compile(rf"/admin/processes/{key}\?version=2"))
    await page.locator("#publish-definition").click()
    await expect(page.locator("#main")).to_contain_text("Published")
    await page.locator("#d-client").fill(client_id)
    await page.locator("#start-definition").click()
    await page.wait_for_url(re.compile(r"/process\?id=definition"))
    await expect(page.locator("#main")).to_contain_text("Collect the client")

    # The advisor completes it from My day.
    advisor_page = await (await browser.new_context(locale="en-GB")).new_page()
    advisor_page.set_default_timeout(20_000)
    await sign_in(advisor_page, console, advisor, "advisor")
    await advisor_page.get_by_role("link", name=re.compile("Collect the client")).click()
    await advisor_page.locator("#complete").click()
    await advisor_page.wait_for_url(f"{console.url}/my-day")

    # The client sees the client-visible step in the portal, in their words.
    client_page = await (await browser.new_context(locale="en-GB")).new_page()
    client_page.set_default_timeout(20_000)
    await portal_sign_in(client_page, console, smtp_sink, address)
    await client_page.get_by_role("link", name="Our work for you").click()
    await expect(client_page.locator("#main")).to_contain_text("Collecting your papers")
    await expect(client_page.locator("#main")).not_to_contain_text("Collect the client's papers")
    # The client's own step: a copy of their ID, uploaded here (once the process asks).
    ask = client_page.locator("form.client-task")

    async def asked() -> bool:
        await client_page.reload()
        return await ask.count() > 0

    await eventually(asked, "the client's task in the portal", seconds=20)
    await expect(ask).to_contain_text("Send us a copy of your ID")
    await ask.get_by_label("A copy of your ID").set_input_files(
        files=FilePayload(name="id.png", mimeType="image/png", buffer=PNG)
    )
    await ask.get_by_role("button", name="Send").click()
    await client_page.wait_for_url(re.compile(r"/portal/processes$"))
    await expect(client_page.locator("form.client-task")).to_have_count(0)

    async def finished() -> bool:
        listed = await console.admin("GET", f"/v1/clients/{client_id}/processes")
        return any(
            p["status"] == "completed" and p["kind"] == "definition" for p in listed.json()["items"]
        )

    await eventually(finished, "the defined process to finish", seconds=20)
