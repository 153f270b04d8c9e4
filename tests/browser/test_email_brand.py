"""Every e-mail to a client is the firm's: its name, logo (inside the message), colour and
address around the content, signed by the client's advisor, in the client's language. The
HTML part is rendered in Chromium and read back; the text part carries the same signature."""

from __future__ import annotations

import uuid
from email.message import EmailMessage, Message

from clientflow.clients.v1 import clients_pb2
from clientflow.notifications.v1 import notifications_pb2 as pb
from google.protobuf.struct_pb2 import Struct
from playwright.async_api import Page, expect

from services.common.identity import SYSTEM_ACTOR
from tests.browser.conftest import Console
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually


async def _send(stack: Stack, sink: SmtpSink, client_id: str, email: str) -> EmailMessage:
    variables = Struct()
    variables.update({"period": "2026Q4"})
    await stack.services.notifications.Send(
        pb.SendRequest(
            idempotency_key=f"brand-test/{uuid.uuid4()}",
            client_id=client_id,
            template_key="quarterly-report",
            variables=variables,
            category="marketing",
            channel="email",
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )

    async def arrived() -> Message | None:
        mails = sink.to(email)
        return mails[-1] if mails else None

    mail = await eventually(arrived, "the e-mail", 20)
    assert isinstance(mail, EmailMessage)
    return mail


async def test_a_client_email_carries_the_brand_and_the_advisors_signature(
    page: Page, console: Console, stack: Stack, smtp_sink: SmtpSink
) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    await console.admin(
        "PUT",
        f"/v1/directory/people/{advisor}",
        json={
            "name": "王顾问",
            "email": f"{advisor}@example.com",
            "memberships": [{"team_id": console.team, "role": "advisor"}],
        },
    )
    email = f"brand-{uuid.uuid4().hex[:8]}@example.com"
    client = await create_client(
        stack.services.clients,
        advisor_id=advisor,
        fields=clients_pb2.ClientFields(email=email, preferred_channel="email", locale="zh-CN"),
    )
    mail = await _send(stack, smtp_sink, client.id, email)

    text_part = mail.get_body(preferencelist=("plain",))
    assert text_part is not None
    text = text_part.get_content()
    assert "您的专属顾问" in text and "王顾问" in text and "远景财富 Vista Wealth" in text

    html_part = mail.get_body(preferencelist=("html",))
    assert html_part is not None
    # The logo travels inside the message, related to the HTML part; nothing is fetched.
    [logo] = [p for p in mail.walk() if p.get_content_type() == "image/png"]
    assert logo["Content-ID"] == "<firm-logo>"
    html = html_part.get_content()
    assert 'src="cid:firm-logo"' in html and 'src="http' not in html

    await page.set_content(html)
    await expect(page.locator(".firm-name")).to_have_text("远景财富 Vista Wealth")
    header = page.locator(".firm")
    await expect(header).to_have_css("background-color", "rgb(122, 31, 61)")
    signature = page.locator(".signature")
    await expect(signature).to_contain_text("您的专属顾问")
    await expect(signature).to_contain_text("王顾问")
    await expect(signature.get_by_role("link")).to_have_attribute(
        "href", f"mailto:{advisor}@example.com"
    )
    await expect(page.locator(".footer")).to_contain_text("上海市浦东新区世纪大道 100 号")
    # The template's own content is inside the layout, and the unsubscribe line too.
    await expect(page.locator(".content")).to_contain_text("2026Q4")
    await expect(page.locator("body")).to_contain_text("一键退订")
