"""Inbound capture: messages a second through the dropbox (SMTP in, matched to a client,
logged on the timeline once), against the same SMTP conversation with a listener that only
accepts (the protocol's own cost, same process, same run).

A fresh embedded PostgreSQL with `--clients` clients (default 1,000) that have e-mail
addresses; `MESSAGES` messages, each from one of them to an advisor, sent over SMTP by 8
connections at once."""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from email.message import EmailMessage

import aiosmtplib
import asyncpg
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from bench.stack import bench_engine, embedded_postgres
from services.clients.mail_dropbox import Dropbox
from tests.support import free_port

MESSAGES = 2000
SENDERS = 8
CLIENTS_SQL = """
INSERT INTO clients.clients (id, kind, name, advisor_id, team_id, email, preferred_channel,
    locale, timezone, status, kyc_status, tags, custom_fields, tier, tier_override,
    lifecycle_stage, aum, version, risk_answers, investment_preferences, created_at, updated_at)
SELECT gen_random_uuid(), 'individual', '客户' || n, 'adv-' || (n % 20), 'team-bench',
       'c' || n || '@example.com', 'email', 'zh-CN', 'Asia/Shanghai', 'active', 'verified',
       '{}', '{}', 'GROWTH', false, 'ACTIVE', 0, 1, '{}', '{}', now(), now()
FROM generate_series(1, $1) AS n
"""


class Accept:
    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        return "250 2.0.0 OK"


def _message(number: int, clients: int) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"c{number % clients + 1}@example.com"
    message["To"] = f"adv-{number % 20}@firm.example"
    message["Subject"] = f"Re: 季度报告 {number}"
    message["Message-ID"] = f"<{uuid.uuid4()}@example.com>"
    message.set_content("收到，谢谢。下周三方便通话，请把新的配置建议发给我。" * 3)
    return message


async def _send_all(port: int, messages: list[EmailMessage]) -> float:
    queue: asyncio.Queue[EmailMessage] = asyncio.Queue()
    for message in messages:
        queue.put_nowait(message)

    async def sender() -> None:
        client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port)
        await client.connect()
        try:
            while not queue.empty():
                await client.send_message(queue.get_nowait())
        finally:
            await client.quit()

    started = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(SENDERS)))
    return time.perf_counter() - started


async def run(args: argparse.Namespace) -> list[str]:
    clients = args.clients if args.clients != 100_000 else 1_000
    async with embedded_postgres() as url, bench_engine(url) as engine:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            await connection.execute(CLIENTS_SQL, clients)
        finally:
            await connection.close()
        baseline_port = free_port()
        accept = Controller(Accept(), hostname="127.0.0.1", port=baseline_port)
        accept.start()
        try:
            bare = await _send_all(baseline_port, [_message(n, clients) for n in range(MESSAGES)])
        finally:
            accept.stop()
        port = free_port()
        dropbox = Dropbox(engine, "127.0.0.1", port)
        dropbox.start()
        try:
            ours = await _send_all(port, [_message(n, clients) for n in range(MESSAGES)])
        finally:
            dropbox.stop()
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            logged = await connection.fetchval(
                "SELECT count(*) FROM clients.interactions WHERE channel = 'email'"
            )
        finally:
            await connection.close()
    return [
        f"{MESSAGES:,} messages from {clients:,} clients over {SENDERS} SMTP connections:",
        f"the dropbox captured {MESSAGES / ours:.0f} messages/s ({logged:,} interactions logged;"
        f" aim >= 50/s); a listener that only accepts: {MESSAGES / bare:.0f} messages/s;"
        f" ratio {bare / ours:.2f}",
    ]
