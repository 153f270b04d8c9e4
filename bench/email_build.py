"""A report e-mail built and flattened, as the e-mail channel sends it (the attachment's
base64 spliced in, `channels/email.py` `flatten`), against the `email` package writing the
same message itself, in this process, alternating rounds: CPU per message for each.
`--requests` messages a round, each with a 100 kB attachment."""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid

from aiosmtplib.email import flatten_message

from services.notifications.channels.base import Attachment, OutboundMessage
from services.notifications.channels.email import SmtpConfig, build_email, flatten

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


def _spliced(message: OutboundMessage, config: SmtpConfig) -> bytes:
    spliced: dict[bytes, bytes] = {}
    return flatten(build_email(message, config, spliced), spliced, utf8=False, cte_type="8bit")


def _whole(message: OutboundMessage, config: SmtpConfig) -> bytes:
    return flatten_message(build_email(message, config), utf8=False, cte_type="8bit")


async def run(args: argparse.Namespace) -> list[str]:
    count = min(args.requests, 2000)
    config = SmtpConfig(host="127.0.0.1", local_hostname="bench")
    report = os.urandom(REPORT_BYTES)
    messages = [_message(i, report) for i in range(count)]
    times: dict[str, list[float]] = {"spliced": [], "email package": []}
    for _ in range(args.rounds):
        for name, build in (("spliced", _spliced), ("email package", _whole)):
            start = time.process_time()
            for message in messages:
                build(message, config)
            times[name].append(1000 * (time.process_time() - start) / count)
    ours, baseline = (statistics.median(times[n]) for n in ("spliced", "email package"))
    return [
        f"report e-mail ({REPORT_BYTES // 1000} kB attachment), {count} a round, "
        f"median of {args.rounds} rounds, CPU ms per message:",
        f"  email package writes it   {baseline:.2f}",
        f"  attachment spliced        {ours:.2f}",
        f"  ratio email package/spliced  {baseline / ours:.2f}",
    ]
