"""Records the firm defines, in Chromium: an admin defines 已投项目 (an LP's invested projects)
in the type designer, a row a field, its live check naming a bad computed field; an advisor adds one from the LP's client page, changes it on its page,
finds it in the type's list by a filter and keeps the filter as a saved view; a bad amount is named by its label; the LP's page
shows it in its section. A manager, in Chinese, imports orders from a file (a bad row writes
nothing and is named), sees their totals by month and exports them."""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import Console, sign_in
from tests.browser.test_language import as_staff, check


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
    # The designer: a row a field, checked as the admin types.
    await page.locator("#t-name-zh").fill("已投项目")
    await page.locator("#t-name-en").fill("Invested projects")
    rows = [
        ("project", "text", "项目", "Project", ("required", "in_list")),
        ("amount", "money", "金额", "Amount", ("required", "indexed", "in_list")),
        ("invested_on", "date", "投资日期", "Invested on", ("in_list",)),
        ("fee", "computed", "管理费", "Fee", ()),
    ]
    for index, (field, kind, zh, en, flags) in enumerate(rows):
        await page.locator(f"#f{index}-key").fill(field)
        await page.locator(f"#f{index}-type").select_option(kind)
        await page.locator(f"#f{index}-zh").fill(zh)
        await page.locator(f"#f{index}-en").fill(en)
        for flag in flags:
            await page.locator(f"#f{index}-{flag}").check()
    await page.locator("#t-title").fill("project")
    await page.locator("#f3-expression").fill("record.amount *")
    await page.locator("#f3-expression").dispatch_event("change")
    check = page.locator("#type-check")
    await expect(check).to_have_attribute("data-valid", "no")
    await expect(check).to_contain_text("fields[3].expression")
    await page.locator("#f3-expression").fill("record.amount * 0.01")
    await page.locator("#f3-expression").dispatch_event("change")
    await expect(check).to_have_attribute("data-valid", "yes")
    await page.locator("#save-fields").click()
    await page.wait_for_url(re.compile(rf"/records/{key}$"))
    await expect(page.locator("h1")).to_have_text("Invested projects")
    saved = (await console.admin("GET", f"/v1/record-types/{key}")).json()["document"]
    assert saved["list_columns"] == ["project", "amount", "invested_on"]
    assert [f["key"] for f in saved["fields"]] == ["project", "amount", "invested_on", "fee"]

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
    await expect(page.locator("#r-fee")).to_have_text("25,000")

    await page.goto(f"{console.url}/records/{key}?field=amount&op=gte&value=2000000")
    await expect(page.locator("table.records tbody")).to_contain_text("新能源基金二期")
    await page.goto(f"{console.url}/records/{key}?field=amount&op=gte&value=3000000")
    await expect(page.locator("table.records tbody")).not_to_contain_text("新能源基金二期")
    # The filter, kept as a view: it opens the list filtered again.
    await page.locator("#view-name").fill("三百万以上")
    await page.locator("#save-view button").click()
    await page.goto(f"{console.url}/records/{key}")
    await page.locator("#record-views").get_by_role("link", name="三百万以上").click()
    await expect(page.locator("#filter-value")).to_have_value("3000000")
    await page.goto(f"{console.url}/clients/{client_id}")
    await expect(section).to_contain_text("新能源基金二期")


async def test_a_manager_imports_orders_sees_their_totals_and_exports_them_in_chinese(
    browser: Browser, console: Console
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key = f"order_{suffix}"
    document = project_type(key)
    document["name"] = {"zh-CN": "订单", "en": "Orders"}
    put = await console.admin("PUT", f"/v1/record-types/{key}", json={"document": document})
    assert put.status_code == 200, put.text
    made = await console.admin(
        "POST", "/v1/clients", json={"name": f"经销商{suffix}", "team_id": console.team}
    )
    client_id = made.json()["id"]
    manager = f"mgr-rec-{suffix}"
    await console.person(manager, "记录经理", "manager")
    page = await as_staff(browser, console, manager, "manager")
    problems: dict[str, Any] = {}
    await check(page, f"{console.url}/records/{key}/import", problems)
    bad = f"client_id,项目,金额,投资日期\n{client_id},一期,很多,2026-10-01\n"
    await page.locator("#record-import-file").set_input_files(
        {"name": "orders.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    await page.locator("#record-import").click()
    report = page.locator("#import-report")
    await expect(report).to_have_attribute("data-committed", "no")
    await expect(report).to_contain_text("金额")
    await expect(report).to_contain_text("很多")
    good = (
        f"client_id,项目,金额,投资日期\n{client_id},一期,1000000,2026-10-01\n"
        f"{client_id},二期,2500000,2026-11-15\n{client_id},三期,500000,2026-11-20\n"
    )
    await page.locator("#record-import-file").set_input_files(
        {"name": "orders.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    await page.locator("#record-import").click()
    await expect(report).to_have_attribute("data-committed", "yes")

    await page.goto(f"{console.url}/records/{key}")
    await page.locator("#record-totals").click()
    await page.locator("#totals-measure").select_option("amount")
    await page.locator("#totals-date").select_option("invested_on")
    await page.locator("#totals-form button").click()
    rows = page.locator("#totals tbody tr")
    await expect(rows).to_have_count(2)
    await expect(rows.nth(1)).to_contain_text("2026-11")
    await expect(rows.nth(1)).to_contain_text("3,000,000")
    await check(page, page.url, problems)
    await page.goto(f"{console.url}/records/{key}")
    async with page.expect_download() as waiting:
        await page.locator("#record-export").click()
    download = await waiting.value
    assert download.suggested_filename == f"{key}.xlsx"
    await check(page, f"{console.url}/records/{key}", problems)
    first = await page.locator("table.records tbody a").first.get_attribute("href")
    await check(page, f"{console.url}{first}", problems)
    await check(page, f"{console.url}/clients/{client_id}", problems)
    await page.context.close()
    admin = await as_staff(browser, console, f"admin-rec-{suffix}", "admin")
    await check(admin, f"{console.url}/admin/record-types/{key}", problems)
    await check(admin, f"{console.url}/records", problems)
    await admin.context.close()
    assert problems == {}, problems
