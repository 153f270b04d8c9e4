"""Records the firm defines, in Chromium: an admin defines 已投项目 (an LP's invested projects)
in the type designer; an advisor adds one from the LP's client page, changes it on its page,
finds it in the type's list by a filter; a bad amount is named by its label; the LP's page
shows it in its section."""

from __future__ import annotations

import json
import re
import uuid

from playwright.async_api import Page, expect

from tests.browser.conftest import Console, sign_in


def project_type(key: str) -> dict[str, object]:
    return {
        "key": key,
        "name": {"zh-CN": "已投项目", "en": "Invested projects"},
        "client": "required",
        "fields": [
            {
                "key": "project",
                "type": "text",
                "label": {"zh-CN": "项目", "en": "Project"},
                "required": True,
            },
            {
                "key": "amount",
                "type": "money",
                "label": {"zh-CN": "金额", "en": "Amount"},
                "required": True,
                "indexed": True,
            },
            {
                "key": "invested_on",
                "type": "date",
                "label": {"zh-CN": "投资日期", "en": "Invested on"},
            },
        ],
        "title_field": "project",
        "list_columns": ["project", "amount", "invested_on"],
    }


async def test_an_admin_defines_a_type_and_an_advisor_keeps_records_of_a_client(
    page: Page, console: Console
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key = f"project_{suffix}"
    advisor = f"adv-keeps-{suffix}"
    await console.person(advisor, "记录顾问", "advisor")
    created = await console.admin(
        "POST",
        "/v1/clients",
        json={"name": f"有限合伙人{suffix}", "advisor_id": advisor, "team_id": console.team},
    )
    client_id = created.json()["id"]

    await sign_in(page, console, "admin-ui", "admin")
    await page.goto(f"{console.url}/admin/record-types/{key}")
    await page.locator("#t-document").fill(json.dumps(project_type(key), ensure_ascii=False))
    await page.locator("#save-type").click()
    await page.wait_for_url(re.compile(rf"/records/{key}$"))
    await expect(page.locator("h1")).to_have_text("Invested projects")

    await sign_in(page, console, advisor, "advisor")
    await page.goto(f"{console.url}/clients/{client_id}")
    section = page.locator(f'section.related-records[data-type="{key}"]')
    await expect(section).to_contain_text("Invested projects")
    await section.get_by_role("link", name="New record").click()
    await expect(page.locator("#r-client")).to_have_value(client_id)
    await page.get_by_label("Project").fill("新能源基金二期")
    await page.locator("#r-amount").fill("a lot")
    await page.locator("#save-record").click()
    await expect(page.locator(".problem")).to_contain_text("Amount")
    await page.locator("#r-amount").fill("2000000")
    await page.get_by_label("Invested on").fill("2026-11-20")
    await page.locator("#save-record").click()
    await page.wait_for_url(re.compile(rf"/records/{key}/[0-9a-f-]{{36}}$"))
    await expect(page.locator("h1")).to_contain_text("新能源基金二期")
    await page.locator("#r-amount").fill("2500000")
    await page.locator("#save-record").click()
    await expect(page.locator("#main")).to_contain_text("v2")

    await page.goto(f"{console.url}/records/{key}?field=amount&op=gte&value=2000000")
    await expect(page.locator("table.records tbody")).to_contain_text("新能源基金二期")
    await page.goto(f"{console.url}/records/{key}?field=amount&op=gte&value=3000000")
    await expect(page.locator("table.records tbody")).not_to_contain_text("新能源基金二期")
    await page.goto(f"{console.url}/clients/{client_id}")
    await expect(section).to_contain_text("新能源基金二期")
