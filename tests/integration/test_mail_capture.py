"""The mail dropbox over real SMTP: a client's reply BCC'd to the dropbox reaches the client's
timeline once (sent twice, it is still one), as inbound; a message to a related person's
address is the client's too, as outbound; an HTML-only message is logged as its text, no
markup or script; a reply joins its thread; mail about no known client stores nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import aiosmtplib
import httpx
from clientflow.clients.v1 import clients_pb2
from clientflow.notifications.v1 import notifications_pb2
from clientflow.workflows.v1 import workflows_pb2
from google.protobuf.struct_pb2 import Struct
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.mail_dropbox import Dropbox
from services.common.identity import SYSTEM_ACTOR
from tests.notify_support import SmtpSink
from tests.support import ADMIN, Stack, create_client, eventually, free_port, token


async def test_the_dropbox_puts_client_mail_on_the_timeline_once(
    engine: AsyncEngine, gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:8]
    address = f"wang-{suffix}@example.com"
    advisor = f"adv-mail{suffix}"
    client = await create_client(
        stack.services.clients,
        advisor_id=advisor,
        fields=clients_pb2.ClientFields(email=address),
    )
    assistant = f"assistant-{suffix}@example.com"
    await stack.services.clients.AddRelatedPerson(
        clients_pb2.AddRelatedPersonRequest(
            client_id=client.id,
            person=clients_pb2.RelatedPerson(name="秘书", role="assistant", email=assistant),
        ),
        metadata=ADMIN.to_metadata(),
    )
    port = free_port()
    dropbox = Dropbox(engine, "127.0.0.1", port)
    dropbox.start()

    async def send(message: EmailMessage) -> None:
        await aiosmtplib.send(message, hostname="127.0.0.1", port=port)

    try:
        reply = EmailMessage()
        reply["From"] = f"Wang <{address.upper()}>"
        reply["To"] = f"{advisor}@firm.example"
        reply["Cc"] = "dropbox@firm.example"
        reply["Subject"] = "Re: 季度报告"
        reply["Message-ID"] = f"<reply-{suffix}@example.com>"
        reply["In-Reply-To"] = f"<report-{suffix}@firm.example>"
        reply.set_content("收到，谢谢。下周三方便通话。")
        await send(reply)
        await send(reply)  # forwarded again, or BCC'd by two people

        html = EmailMessage()
        html["From"] = f"{advisor}@firm.example"
        html["To"] = assistant
        html["Subject"] = "会议安排"
        html["Message-ID"] = f"<meeting-{suffix}@firm.example>"
        html["References"] = f"<report-{suffix}@firm.example> <reply-{suffix}@example.com>"
        html.set_content(
            "<p>周三 <b>10:00</b></p><script>alert(1)</script><p>会议室 A</p>", subtype="html"
        )
        await send(html)

        stranger = EmailMessage()
        stranger["From"] = f"nobody-{suffix}@example.org"
        stranger["To"] = f"{advisor}@firm.example"
        stranger["Subject"] = "newsletter"
        stranger["Message-ID"] = f"<stranger-{suffix}@example.org>"
        stranger.set_content("buy now")
        await send(stranger)
    finally:
        dropbox.stop()

    timeline = await gateway.get(
        f"/v1/clients/{client.id}/interactions", headers=token(advisor, "advisor")
    )
    assert timeline.status_code == 200, timeline.text
    emails = [i for i in timeline.json()["items"] if i["channel"] == "email"]
    assert len(emails) == 2, emails
    by_direction = {i["direction"]: i["summary"] for i in emails}
    assert (
        by_direction["inbound"].startswith("Re: 季度报告") and "下周三" in by_direction["inbound"]
    )
    outbound = by_direction["outbound"]
    assert "周三 10:00" in outbound and "会议室 A" in outbound
    assert "<" not in outbound and "alert" not in outbound
    other = await gateway.get(
        f"/v1/clients/{client.id}/interactions", headers=token(f"adv-x{suffix}", "advisor")
    )
    assert other.status_code == 404

    async with engine.connect() as connection:
        rows = (
            await connection.execute(
                text(
                    "SELECT message_key, thread_key FROM clients.captured_messages"
                    " WHERE message_key LIKE :pattern ORDER BY message_key"
                ),
                {"pattern": f"%{suffix}%"},
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (f"meeting-{suffix}@firm.example", f"report-{suffix}@firm.example"),
        (f"reply-{suffix}@example.com", f"report-{suffix}@firm.example"),
    ]  # the stranger's message is not stored at all


async def test_attachments_are_kept_and_an_excluded_message_is_never_captured_again(
    engine: AsyncEngine, gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:8]
    address = f"li-{suffix}@example.com"
    advisor = f"adv-att{suffix}"
    me = token(advisor, "advisor")
    client = await create_client(
        stack.services.clients, advisor_id=advisor, fields=clients_pb2.ClientFields(email=address)
    )
    port = free_port()
    dropbox = Dropbox(engine, "127.0.0.1", port, stack.services.reporting)
    dropbox.start()
    message = EmailMessage()
    message["From"] = address
    message["To"] = f"{advisor}@firm.example"
    message["Subject"] = "签署的文件"
    message["Message-ID"] = f"<signed-{suffix}@example.com>"
    message.set_content("附件是签好的协议。")
    message.add_attachment(
        b"%PDF-1.4\n% signed\n", maintype="application", subtype="pdf", filename="协议.pdf"
    )
    # Named like a PDF, but not one by its bytes: listed, not kept.
    message.add_attachment(
        b"MZ\x90\x00 not a pdf", maintype="application", subtype="pdf", filename="invoice.pdf"
    )
    try:
        await aiosmtplib.send(message, hostname="127.0.0.1", port=port)
        [logged] = (await gateway.get(f"/v1/clients/{client.id}/interactions", headers=me)).json()[
            "items"
        ]
        assert "[attachments] 协议.pdf" in logged["summary"]
        assert "invoice.pdf (not a PDF, PNG or JPEG)" in logged["summary"]
        artifacts = (await gateway.get(f"/v1/clients/{client.id}/reports", headers=me)).json()
        [kept] = [a for a in artifacts["items"] if a["kind"] == "mail-attachment"]
        content = await gateway.get(f"/v1/artifacts/{kept['id']}/content", headers=me)
        assert content.content == b"%PDF-1.4\n% signed\n"

        # Another advisor cannot exclude it; a person's own note is not captured mail.
        url = f"/v1/clients/{client.id}/interactions/{logged['id']}:exclude"
        stranger = await gateway.post(url, headers=token(f"adv-y{suffix}", "advisor"))
        assert stranger.status_code == 404
        note = await gateway.post(
            f"/v1/clients/{client.id}/interactions",
            json={"channel": "call", "summary": "回电"},
            headers=me,
        )
        refused = await gateway.post(
            f"/v1/clients/{client.id}/interactions/{note.json()['id']}:exclude", headers=me
        )
        assert refused.status_code == 409, refused.text

        excluded = await gateway.post(url, headers=me)
        assert excluded.status_code == 200, excluded.text
        assert excluded.json() == {
            "interactions_removed": 1,
            "attachments_removed": 1,
            "excluded": True,
        }
        await aiosmtplib.send(message, hostname="127.0.0.1", port=port)  # sent again
    finally:
        dropbox.stop()
    left = (await gateway.get(f"/v1/clients/{client.id}/interactions", headers=me)).json()
    assert [i["channel"] for i in left["items"]] == ["call"]
    gone = await gateway.get(f"/v1/artifacts/{kept['id']}/content", headers=me)
    assert gone.status_code == 404
    audit = (await gateway.get(f"/v1/clients/{client.id}/audit", headers=me)).json()
    assert any(e["action"] == "exclude" and e["actor_id"] == advisor for e in audit["items"])


async def test_a_clients_reply_to_a_tasks_email_reaches_the_task(
    engine: AsyncEngine, gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    suffix = uuid.uuid4().hex[:8]
    address = f"zhao-{suffix}@example.com"
    advisor = f"adv-rep{suffix}"
    services = stack.services
    client = await create_client(
        services.clients,
        advisor_id=advisor,
        fields=clients_pb2.ClientFields(email=address, preferred_channel="email", locale="zh-CN"),
    )
    workflow_id = f"document-request/{client.id}/{suffix}"
    task = workflows_pb2.Task(
        workflow_id=workflow_id,
        task_id="collect",
        process_kind="document-request",
        title="Collect the signed agreement",
        client_id=client.id,
        assignee_user=advisor,
        status="open",
        revision=1,
    )
    task.created_at.FromDatetime(datetime.now(UTC))
    projected = await services.tasks.ProjectTask(task, metadata=SYSTEM_ACTOR.to_metadata())
    variables = Struct()
    variables.update({"period": "2026Q4"})
    await services.notifications.Send(
        notifications_pb2.SendRequest(
            idempotency_key=f"{workflow_id}/collect/request",
            client_id=client.id,
            template_key="quarterly-report",
            variables=variables,
            workflow_id=workflow_id,
            channel="email",
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )

    async def arrived() -> Any:
        mails = smtp_sink.to(address)
        return mails[0] if mails else None

    sent = await eventually(arrived, "the task's e-mail")

    port = free_port()
    dropbox = Dropbox(engine, "127.0.0.1", port, services.reporting)
    dropbox.start()
    reply = EmailMessage()
    reply["From"] = address
    reply["To"] = f"{advisor}@firm.example"
    reply["Subject"] = "Re: 签署协议"
    reply["Message-ID"] = f"<answer-{suffix}@example.com>"
    reply["In-Reply-To"] = str(sent["Message-ID"])
    reply["References"] = str(sent["Message-ID"])
    reply.set_content("协议已签好，见附件。")
    reply.add_attachment(
        b"%PDF-1.4\n% agreement\n", maintype="application", subtype="pdf", filename="协议.pdf"
    )
    try:
        await aiosmtplib.send(reply, hostname="127.0.0.1", port=port)
        await aiosmtplib.send(reply, hostname="127.0.0.1", port=port)  # twice: still one
    finally:
        dropbox.stop()

    me = token(advisor, "advisor")

    async def replied() -> dict[str, Any] | None:
        found = (await gateway.get(f"/v1/tasks/{projected.id}", headers=me)).json()
        return found if found.get("replies") else None

    # The relay wakes on NOTIFY; its 30 s poll is the bound when a wake-up is missed.
    seen = await eventually(replied, "the reply on the task", 45)
    [answer] = seen["replies"]
    assert answer["subject"] == "Re: 签署协议" and "协议已签好" in answer["excerpt"]
    [file] = answer["attachments"]
    assert file["filename"] == "协议.pdf"
    content = await gateway.get(f"/v1/artifacts/{file['artifact_id']}/content", headers=me)
    assert content.content == b"%PDF-1.4\n% agreement\n"

    async def told() -> list[str]:
        inbox = await services.notifications.ListInbox(
            notifications_pb2.ListInboxRequest(user_id=advisor),
            metadata=SYSTEM_ACTOR.to_metadata(),
        )
        return [m.title for m in inbox.messages]

    assert await eventually(told, "the advisor's heads-up") == [
        "客户回复：Collect the signed agreement"
    ]
