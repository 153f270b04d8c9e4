"""The e-mail channel writes its messages' MIME itself (`channels/mime.py`): parsed by the
`email` package, each is the message the `email` package writes, header for header and part
for part; every line ends in CRLF and fits 998 bytes; no value can add a header."""

from __future__ import annotations

import os
import uuid
from dataclasses import replace
from email import message_from_bytes, message_from_string
from email.message import Message
from email.policy import default
from typing import Any

import pytest
from aiosmtplib.email import flatten_message

from services.notifications.channels.base import Attachment, OutboundMessage
from services.notifications.channels.email import SmtpConfig, message_id
from services.notifications.channels.mime import write_message
from tests.mime_reference import email_package_message

CONFIG = SmtpConfig(host="127.0.0.1", sender="Clientflow 财富 <no-reply@firm.example>")
LOGO = (b"\x89PNG\r\n\x1a\n" + os.urandom(300), "png")
HEADERS = (
    "From",
    "To",
    "Subject",
    "Message-ID",
    "Content-Language",
    "X-Clientflow-Delivery",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "MIME-Version",
)


def base(**changes: Any) -> OutboundMessage:
    message = OutboundMessage(
        delivery_id=str(uuid.uuid4()),
        idempotency_key=f"mime/{uuid.uuid4()}",
        channel="email",
        recipient="li@example.com",
        recipient_name="",
        subject="Quarterly report",
        body_text="Your report is attached.\n",
        body_html="",
        locale="en",
        category="service",
    )
    return replace(message, **changes)


REPORT = Attachment("2026Q3 季度报告.pdf", "application/pdf", os.urandom(100_000))
INVITE = Attachment("review.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
CASES = {
    "ascii text": base(),
    "chinese text and names": base(
        recipient_name="张三",
        subject="张三，您的2026Q3季度报告已生成，请查收附件。资产规模与收益情况见报告第二页。",
        body_text="尊敬的客户：\n您的季度报告已生成。\n",
        locale="zh-CN",
    ),
    "a name with specials": base(recipient_name='Li, "Jr." <x>'),
    "html with logo": base(
        body_html='<html><body><img src="cid:firm-logo"><p>报告</p></body></html>'
    ),
    "html without logo": base(body_html="<p>Report</p>"),
    "attachments": base(body_html="<p>See attached</p>", attachments=(REPORT, INVITE)),
    "text and an attachment": base(attachments=(REPORT,)),
    "marketing": base(
        body_html="<html><body><p>News</p></body></html>",
        unsubscribe_url="https://firm.example/u/" + "t" * 120,
        category="marketing",
    ),
    "long subjects": base(subject="The quarterly report of " + "the fund " * 40),
    "an unbreakable subject": base(subject="z" * 2000),
    "long lines": base(body_text="x" * 3000 + "\n" + "长" * 600, body_html="<p>" + "y" * 5000),
    "a long chinese filename": base(
        attachments=(Attachment("年度" * 80 + ".pdf", "application/pdf", b"%PDF-1.7"),)
    ),
    "odd filename": base(
        attachments=(Attachment('a "quoted" \\ name.csv', "text/csv", b"a,b\r\n1,2\r\n"),)
    ),
    "untyped attachment": base(attachments=(Attachment("blob", "", b"\x00\x01"),)),
    "a NUL in the text": base(body_text="before\x00after\n"),
}


def leaves(message: Message) -> list[tuple[Any, ...]]:
    """Each leaf part: type, parameters (without the boundary), disposition, filename,
    Content-ID and content (a text's line breaks as \\n)."""
    found: list[tuple[Any, ...]] = []
    for part in message.walk():
        if part.is_multipart():
            found.append((part.get_content_type(),))
            continue
        params = sorted((k, v) for k, v in part.get_params() or [] if k != "boundary")
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        if part.get_content_maintype() == "text" and part.get_filename() is None:
            payload = payload.replace(b"\r\n", b"\n")
        found.append(
            (
                part.get_content_type(),
                params,
                part.get_content_disposition(),
                part.get_filename(),
                part["Content-ID"],
                payload,
            )
        )
    return found


def written(message: OutboundMessage, eight_bit: bool) -> bytes:
    return write_message(
        message,
        sender=CONFIG.sender,
        message_id=message_id(message.idempotency_key, CONFIG.message_id_domain),
        eight_bit=eight_bit,
        logo=LOGO,
        logo_cid="firm-logo",
    )


@pytest.mark.parametrize("eight_bit", [True, False], ids=["8bit", "7bit"])
@pytest.mark.parametrize("case", list(CASES))
def test_the_message_is_the_one_the_email_package_writes(case: str, eight_bit: bool) -> None:
    message = CASES[case]
    ours = written(message, eight_bit)
    reference = flatten_message(
        email_package_message(message, CONFIG, LOGO), cte_type="8bit" if eight_bit else "7bit"
    )
    got, expected = (message_from_bytes(raw, policy=default) for raw in (ours, reference))
    assert not got.defects
    for name in HEADERS:
        assert got[name] == expected[name], name
    assert leaves(got) == leaves(expected)
    lines = ours.split(b"\r\n")
    assert lines[-1] == b""
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) <= 998
    if not eight_bit:
        assert ours.isascii()


def test_a_line_break_in_a_header_value_cannot_add_a_header() -> None:
    message = base(
        subject="Report\r\nBcc: victim@example.com", recipient_name="Li\nBcc:\x00 x@example.com"
    )
    raw = written(message, eight_bit=True)
    parsed = message_from_bytes(raw, policy=default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Report Bcc: victim@example.com"
    head = raw.split(b"\r\n\r\n")[0]
    assert not any(line.lower().startswith(b"bcc") for line in head.split(b"\r\n"))
    assert b"\x00" not in head


def test_a_non_ascii_address_is_written_as_utf8() -> None:
    message = base(recipient="李@例子.中国", recipient_name="李")
    raw = written(message, eight_bit=True)
    parsed = message_from_string(raw.decode(), policy=default)
    assert "To: =?utf-8?b?5p2O?= <李@例子.中国>\r\n".encode() in raw
    assert parsed["To"].addresses[0].addr_spec == "李@例子.中国"
    assert parsed["To"].addresses[0].display_name == "李"
