"""The console as its people use it, in headless Chromium: an advisor's day, another advisor's
client out of reach, an admin's rule preview, both languages, and the quarterly run from the
manager's start through the accountant, the advisor and the partner to a client's PDF."""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.async_api import FilePayload, Page, expect

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
    # The timeline merges the process started above; keeping e-mail only leaves the call out.
    await expect(page.locator("#timeline-items li[data-kind=process]")).to_have_count(1)
    await page.locator("#timeline-filter").get_by_label("E-mail").check()
    await expect(page.locator("#timeline-items")).not_to_contain_text("稳健债券")
    await expect(page.locator("#timeline-items li[data-kind=process]")).to_have_count(1)

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


async def as_person(browser: Any, console: Console, user_id: str, role: str) -> Page:
    context = await browser.new_context(locale="en-GB", timezone_id="Asia/Shanghai")
    page: Page = await context.new_page()
    page.set_default_timeout(20_000)
    await sign_in(page, console, user_id, role)
    return page


async def open_task(page: Page, console: Console, title: str | re.Pattern[str]) -> None:
    """From My day, once the process has asked for it."""
    link = page.locator("#my-day").get_by_role("link", name=title)

    async def listed() -> bool:
        await page.goto(f"{console.url}/my-day")
        return await link.count() > 0

    await eventually(listed, f"task {title}")
    await link.first.click()
    await page.wait_for_url(re.compile(r"/tasks/"))


async def complete(page: Page, outcome: str, **fields: str) -> None:
    await page.get_by_label(outcome, exact=True).check()
    for label, value in fields.items():
        await page.get_by_label(label).fill(value)
    await page.locator("#complete").click()
    await page.wait_for_url(re.compile(r"/my-day$"))


async def test_a_quarterly_run_from_start_to_a_clients_pdf(browser: Any, console: Console) -> None:
    team = f"team-q-{uuid.uuid4().hex[:5]}"
    suffix = uuid.uuid4().hex[:5]
    manager, advisor = f"mgr-{suffix}", f"adv-{suffix}"
    accountant, partner = f"acc-{suffix}", f"ptn-{suffix}"
    await console.admin("PUT", f"/v1/directory/teams/{team}", json={"name": "Quarterly team"})
    for user, role in ((manager, "manager"), (advisor, "advisor")):
        await console.admin(
            "PUT",
            f"/v1/directory/people/{user}",
            json={"name": user, "memberships": [{"team_id": team, "role": role}]},
        )
    clients = []
    for index in range(2):
        created = await console.admin(
            "POST",
            "/v1/clients",
            json={
                "name": f"季报客户{index}{suffix}",
                "advisor_id": advisor,
                "team_id": team,
                "email": f"q{index}-{suffix}@example.com",
                "preferred_channel": "email",
            },
        )
        client = created.json()
        await console.admin(
            "PUT", f"/v1/clients/{client['id']}/stage", json={"stage": "ACTIVE", "reason": "t"}
        )
        clients.append(client)

    # The manager starts the team's run.
    boss = await as_person(browser, console, manager, "manager")
    await boss.get_by_role("link", name="Quarterly reports").click()
    await boss.get_by_label("Book").select_option(team)
    await boss.get_by_label("Period").fill("2026Q3")
    await boss.locator("#start-quarterly").click()
    await boss.wait_for_url(re.compile(r"/process\?id="))
    await expect(boss.locator("h1")).to_have_text("Quarterly report")
    run_url = boss.url

    # The accountant uploads the quarter's positions; the import's report shows inline.
    books = await as_person(browser, console, accountant, "accountant")
    await open_task(books, console, re.compile("Upload or confirm the 2026Q3"))
    rows = "\n".join(
        f"holding,{c['id']},CF-BOND-01,1000,{150000 + i * 1000},2026-09-30"
        for i, c in enumerate(clients)
    )
    sheet: FilePayload = {
        "name": "positions.csv",
        "mimeType": "text/csv",
        "buffer": ("type,client_id,product_code,units,market_value,as_of\n" + rows + "\n").encode(),
    }
    await books.get_by_label(".xlsx / .csv").set_input_files(files=[sheet])
    await books.get_by_role("button", name="Upload").click()
    await expect(books.locator("#import-report")).to_have_attribute("data-committed", "yes")
    await complete(books, "Confirmed")

    # The advisor writes the commentary; the partner rejects it with a comment.
    writer = await as_person(browser, console, advisor, "advisor")
    await open_task(writer, console, re.compile("Write the 2026Q3 commentary"))
    await complete(writer, "Submitted", commentary="债券稳健，权益波动。")
    approver = await as_person(browser, console, partner, "partner")
    await open_task(approver, console, re.compile(r"Approve the 2026Q3 reports \(round 1\)"))
    await complete(approver, "Rejected", Comment="Add the bond outlook")

    # Round two: the rejection's comment is in the advisor's task; then the partner approves.
    await open_task(writer, console, re.compile("rejected: Add the bond outlook"))
    await complete(writer, "Submitted", commentary="债券稳健；展望：利率下行。")
    await open_task(approver, console, re.compile(r"round 2"))
    await complete(approver, "Approved")

    # The distribution bar fills to 100 % on the manager's page, and the rounds are kept.
    await boss.goto(run_url)
    await expect(boss.locator("#distribution-bar")).to_have_attribute(
        "data-percent", "100", timeout=90_000
    )
    await expect(boss.locator("#progress")).to_have_attribute(
        "data-status", "completed", timeout=30_000
    )
    await expect(boss.locator("#progress")).to_contain_text("rejected")
    await expect(boss.locator("#progress")).to_contain_text("approved")

    # The advisor downloads a client's PDF from the client's page.
    await writer.goto(f"{console.url}/clients/{clients[0]['id']}")
    async with writer.expect_download() as waiting:
        await writer.locator("a.report-link").first.click()
    download = await waiting.value
    path = await download.path()
    assert path.read_bytes()[:4] == b"%PDF"
    for page in (boss, books, writer, approver):
        await page.context.close()


async def test_a_segment_is_built_with_a_live_count_and_saved(page: Page, console: Console) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:5]}"
    await console.person(advisor, "分群", "advisor")
    tag = f"seg-{uuid.uuid4().hex[:6]}"
    for _ in range(2):
        await new_client(console, advisor, tags=[tag])
    await new_client(console, f"adv-{uuid.uuid4().hex[:5]}", tags=[tag])  # not this advisor's
    await sign_in(page, console, advisor, "advisor")
    await page.get_by_role("link", name="Segments").first.click()
    await page.get_by_label("Tags").fill(tag)
    await expect(page.locator("#live-count")).to_have_text("2")
    await page.get_by_label("Name", exact=True).fill(f"My {tag}")
    await page.locator("#save-segment").click()
    row = page.locator("table.segments tr", has_text=f"My {tag}")
    await expect(row).to_contain_text("2")


async def test_the_import_wizard_lists_bad_rows_and_writes_nothing_until_the_file_is_good(
    page: Page, console: Console
) -> None:
    marker = uuid.uuid4().hex[:6]
    await sign_in(page, console, "admin-ui", "admin")
    await page.goto(f"{console.url}/clients-import")

    async def upload(rows: str) -> None:
        sheet: FilePayload = {
            "name": "book.csv",
            "mimeType": "text/csv",
            "buffer": ("姓名,邮箱\n" + rows).encode(),
        }
        await page.get_by_label(".xlsx / .csv").set_input_files(files=[sheet])
        await page.locator("#import").click()

    await upload(f"好{marker},g{marker}@example.com\n坏{marker},not-an-email\n")
    report = page.locator("#import-report")
    await expect(report).to_have_attribute("data-committed", "no")
    await expect(report.locator("table")).to_contain_text("not-an-email")
    found = await console.admin("GET", "/v1/clients:search", params={"q": f"好{marker}"})
    assert found.json()["items"] == []
    await upload(f"好{marker},g{marker}@example.com\n")
    await expect(page.locator("#import-report")).to_have_attribute("data-committed", "yes")


async def test_a_stale_edit_is_refused_and_shows_who_changed_the_client(
    page: Page, console: Console
) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:5]}"
    await console.person(advisor, "编辑", "advisor")
    field = f"cf_{uuid.uuid4().hex[:6]}"
    await console.admin(
        "PUT", f"/v1/custom-fields/{field}", json={"label": "年收入", "type": "number"}
    )
    client = await new_client(console, advisor)
    await sign_in(page, console, advisor, "advisor")
    await page.goto(f"{console.url}/clients/{client['id']}")
    await page.get_by_label("年收入").fill("250000")
    await page.locator("#save-custom-fields").click()
    await expect(page.get_by_label("年收入")).to_have_value(re.compile(r"^250000(\.0)?$"))

    # Someone else changes the client while the page is open: the advisor's edit is refused
    # and the page says who changed what.
    await console.admin("PATCH", f"/v1/clients/{client['id']}", json={"tags": ["changed-by-admin"]})
    await page.get_by_label("Add a tag").fill("mine")
    await page.get_by_role("button", name="Save").nth(1).click()
    stale = page.locator("#stale")
    await expect(stale).to_contain_text("Someone else changed this client first")
    await expect(stale).to_contain_text("admin-ui")
    current = await console.admin("GET", f"/v1/clients/{client['id']}")
    assert current.json()["tags"] == ["changed-by-admin"]


async def test_an_admin_writes_a_template_in_both_languages_side_by_side(
    page: Page, console: Console
) -> None:
    key = f"ui-{uuid.uuid4().hex[:6]}"
    await sign_in(page, console, "admin-ui", "admin")
    await page.goto(f"{console.url}/admin/templates")
    await page.get_by_label("Key").fill(key)
    await page.get_by_role("button", name="Open").click()
    for locale, subject, body in (
        ("zh-CN", "季度报告已发送", "您好，您的季度报告已发送。"),
        ("en", "Your quarterly report", "Hello, your quarterly report is attached."),
    ):
        form = page.locator(f"#template-{locale}")
        await form.get_by_label("Subject").fill(subject)
        await form.get_by_label("Body").fill(body)
        await form.get_by_role("button", name="Preview").click()
        await expect(page.locator(f"#preview-{locale} .subject")).to_have_text(subject)
        await form.get_by_role("button", name="Save").click()
        await page.wait_for_url(re.compile(r"/admin/templates\?key="))
    await expect(page.locator("#preview-zh-CN")).to_contain_text("您好，您的季度报告已发送。")
    await expect(page.locator("#preview-en")).to_contain_text("Hello, your quarterly report")
    saved = await console.admin("GET", f"/v1/templates/{key}")
    assert sorted(v["locale"] for v in saved.json()["locales"]) == ["en", "zh-CN"]


async def test_an_advisor_files_a_new_client_and_a_bad_field_is_named(
    page: Page, console: Console
) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:5]}"
    await console.person(advisor, "新客户顾问", "advisor")
    await sign_in(page, console, advisor, "advisor")
    await page.get_by_role("link", name="Clients").click()
    await page.locator("#new-client-link").click()
    name = f"新客户{uuid.uuid4().hex[:4]}"
    await page.get_by_label("Name").fill(name)
    await page.get_by_label("E-mail").fill("not-an-email")
    await page.locator("#create-client").click()
    problem = page.locator(".problem")
    await expect(problem).to_contain_text("E-mail (not-an-email): is not a valid e-mail address")
    await page.get_by_label("E-mail").fill("new@example.com")
    await page.locator("#create-client").click()
    await expect(page.locator("#client-name")).to_have_text(name)
    # The advisor is the one who filed it: by name once the console's name cache knows them,
    # by id before that.
    await expect(page.locator("main")).to_contain_text(re.compile(f"{advisor}|新客户顾问"))
