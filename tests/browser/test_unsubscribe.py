"""One-click unsubscribe (RFC 8058): a marketing e-mail carries List-Unsubscribe and
List-Unsubscribe-Post and a link in its text; a mail client's POST to the link records the
opt-out without a sign-in; a person opening the link in Chromium gets one button (a GET
changes nothing); a service e-mail has no such link, and a forged token is refused."""

from __future__ import annotations

import re
import uuid
from email.message import EmailMessage, Message

import httpx
from clientflow.clients.v1 import clients_pb2
from clientflow.notifications.v1 import notifications_pb2 as pb
from google.protobuf.struct_pb2 import Struct
from playwright.async_api import Page, expect

from services.common.identity import SYSTEM_ACTOR
from tests.browser.conftest import Console
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually


async def _mail(
    stack: Stack, smtp_sink: SmtpSink, client_id: str, email: str, category: str
) -> EmailMessage:
    variables = Struct()
    variables.update({"period": "2026Q4"})
    seen = len(smtp_sink.to(email))
    await stack.services.notifications.Send(
        pb.SendRequest(
            idempotency_key=f"unsubscribe-test/{uuid.uuid4()}",
            client_id=client_id,
            template_key="quarterly-report",
            variables=variables,
            category=category,
            channel="email",
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )

    async def arrived() -> Message | None:
        mails = smtp_sink.to(email)
        return mails[-1] if len(mails) > seen else None

    mail = await eventually(arrived, f"the {category} e-mail", 20)
    assert isinstance(mail, EmailMessage)
    return mail


async def test_a_marketing_mail_unsubscribes_in_one_click(
    page: Page, console: Console, stack: Stack, smtp_sink: SmtpSink
) -> None:
    email = f"unsub-{uuid.uuid4().hex[:8]}@example.com"
    client = await create_client(
        stack.services.clients,
        fields=clients_pb2.ClientFields(email=email, preferred_channel="email", locale="en"),
    )
    service = await _mail(stack, smtp_sink, client.id, email, "service")
    assert service["List-Unsubscribe"] is None
    message = await _mail(stack, smtp_sink, client.id, email, "marketing")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    found = re.fullmatch(r"<(\S+/unsubscribe/(\S+))>", message["List-Unsubscribe"])
    assert found, message["List-Unsubscribe"]
    token = found.group(2)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert found.group(1) in text and "Unsubscribe in one click" in text

    # A person opening the link: a page with one button; the GET changed nothing.
    await page.goto(f"{console.url}/unsubscribe/{token}")
    await expect(page.get_by_role("button", name="Unsubscribe")).to_be_visible()
    consent = await stack.services.notifications.GetConsent(
        pb.GetConsentRequest(client_id=client.id), metadata=SYSTEM_ACTOR.to_metadata()
    )
    assert not any(c.opted_out for c in consent.channels)

    # The mail client's one-click POST, with no cookie and no sign-in.
    async with httpx.AsyncClient() as mail_client:
        answer = await mail_client.post(
            f"{console.url}/unsubscribe/{token}",
            content=b"List-Unsubscribe=One-Click",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
    assert answer.status_code == 200 and 'id="unsubscribed"' in answer.text
    consent = await stack.services.notifications.GetConsent(
        pb.GetConsentRequest(client_id=client.id), metadata=SYSTEM_ACTOR.to_metadata()
    )
    assert [(c.channel, c.category, c.opted_out) for c in consent.channels] == [
        ("email", "marketing", True)
    ]
    await page.get_by_role("button", name="Unsubscribe").click()
    await expect(page.locator("#unsubscribed")).to_be_visible()

    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    refused = await console.api.post(f"/v1/unsubscribe/{forged}")
    assert refused.status_code == 400 and "token" in refused.text
