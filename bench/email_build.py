"""A report e-mail written as the e-mail channel sends it (`channels/mime.py`), against the
`email` package building and writing the same message, in this process, alternating rounds:
CPU per message for each. `--requests` messages a round, each with a 100 kB attachment."""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid

from aiosmtplib.email import flatten_message

from services.notifications.channels.base import Attachment, OutboundMessage
from services.notifications.channels.email import SmtpConfig, message_id
from services.notifications.channels.mime import write_message
from tests.mime_reference import email_package_message

REPORT_BYTES = 100_000


def _message(number: int, report: bytes) -> OutboundMessage:
    return OutboundMessage(
        delivery_id=str(uuid.uuid4()),
        idempotency_key=f"client-report/2026Q3/{uuid.uuid4()}",
        channel="email",
        recipient=f"c{number}@example.com",
        recipient_name=f"客户{number:05d}",
        subject=f"客户{number:05d}，您的2026Q3季度报告",
        body_text="尊敬的客户：\n您的2026Q3季度报告已生成，请查收附件。\n",
        body_html="",
        locale="zh-CN",
        category="service",
        attachments=(Attachment("report-2026Q3.pdf", "application/pdf", report),),
    )


def _written(message: OutboundMessage, config: SmtpConfig) -> bytes:
    wanted = message_id(message.idempotency_key, config.message_id_domain)
    return write_message(message, sender=config.sender, message_id=wanted, eight_bit=True)


def _whole(message: OutboundMessage, config: SmtpConfig) -> bytes:
    return flatten_message(email_package_message(message, config), utf8=False, cte_type="8bit")


async def run(args: argparse.Namespace) -> list[str]:
    count = min(args.requests, 2000)
    config = SmtpConfig(host="127.0.0.1", local_hostname="bench")
    report = os.urandom(REPORT_BYTES)
    messages = [_message(i, report) for i in range(count)]
    times: dict[str, list[float]] = {"written": [], "email package": []}
    for _ in range(args.rounds):
        for name, build in (("written", _written), ("email package", _whole)):
            start = time.process_time()
            for message in messages:
                build(message, config)
            times[name].append(1000 * (time.process_time() - start) / count)
    ours, baseline = (statistics.median(times[n]) for n in ("written", "email package"))
    return [
        f"report e-mail ({REPORT_BYTES // 1000} kB attachment), {count} a round, "
        f"median of {args.rounds} rounds, CPU ms per message:",
        f"  email package writes it   {baseline:.2f}",
        f"  written by channels/mime  {ours:.2f}",
        f"  ratio email package/written  {baseline / ours:.2f}",
    ]
