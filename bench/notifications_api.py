"""Notification sends/s: `NotificationsService.Send` over gRPC into an SMTP sink (the
service in its own process: template render, ledger row, advisory lock, SMTP, attempt
row), against aiosmtplib sending the same messages directly to the same sink, in the
same run with the same concurrency. The sink is the dev mailbox (aiosmtpd writing .eml
files) in a process of its own."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosmtplib
import grpc
from clientflow.notifications.v1 import notifications_pb2 as pb, notifications_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from grpc_health.v1 import health_pb2, health_pb2_grpc

from bench.budget import CpuBudget, Spent
from bench.stack import Rate, embedded_postgres, measure
from services.common.grpc_client import open_channel
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.notifications.channels.base import OutboundMessage
from services.notifications.channels.email import SmtpConfig
from tests.mime_reference import email_package_message
from tests.support import free_port

ADMIN = Actor("bench-admin", frozenset({Role.ADMIN}))
SUBJECT = "{{ name }}，您的{{ period }}季度报告"
BODY = "尊敬的{{ name }}：\n您的{{ period }}季度报告已生成，资产规模 {{ aum }} 元。\n"


@asynccontextmanager
async def child(argv: list[str], env: dict[str, str]) -> AsyncIterator[None]:
    process = await asyncio.create_subprocess_exec(
        *argv, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 15)


async def wait_serving(address: str) -> None:
    async with grpc.aio.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        for _ in range(300):
            try:
                reply = await stub.Check(health_pb2.HealthCheckRequest(), timeout=1)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.aio.AioRpcError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{address} did not become ready")


async def wait_port(port: int) -> None:
    for _ in range(100):
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


async def run(args: argparse.Namespace) -> list[str]:
    count, concurrency = args.requests, args.concurrency
    async with embedded_postgres() as url:
        with tempfile.TemporaryDirectory(prefix="clientflow-bench-mail-") as mail_dir:
            smtp_port, grpc_port = free_port(), free_port()
            mailbox = [sys.executable, "-m", "services.devstack.mailbox", str(smtp_port), mail_dir]
            service = [sys.executable, "-m", "services.cli", "notifications"]
            env = {
                "CLIENTFLOW_DATABASE_URL": url,
                "CLIENTFLOW_NOTIFICATIONS_PORT": str(grpc_port),
                "CLIENTFLOW_SMTP_HOST": "127.0.0.1",
                "CLIENTFLOW_SMTP_PORT": str(smtp_port),
                "CLIENTFLOW_QUIET_HOURS": "off",
                "CLIENTFLOW_LOG_LEVEL": "WARNING",
                "CLIENTFLOW_DB_POOL_SIZE": str(max(10, concurrency)),
            }
            async with child(mailbox, {}), child(service, env):
                await wait_port(smtp_port)
                await wait_serving(f"127.0.0.1:{grpc_port}")
                return await compare(
                    grpc_port, smtp_port, count, concurrency, args.rounds, Path(mail_dir)
                )


async def compare(
    grpc_port: int, smtp_port: int, count: int, concurrency: int, rounds: int, mail_dir: Path
) -> list[str]:
    async with open_channel(
        f"127.0.0.1:{grpc_port}",
        secret=os.environ["CLIENTFLOW_INTERNAL_SECRET"],
        audience="notifications",
    ) as channel:
        stub = notifications_pb2_grpc.NotificationsServiceStub(channel)
        await stub.PutTemplate(
            pb.PutTemplateRequest(
                key="bench-report",
                locale="zh-CN",
                content=pb.TemplateContent(subject=SUBJECT, body_text=BODY),
            ),
            metadata=ADMIN.to_metadata(),
        )
        # The same EHLO name the service resolves once, so neither side looks it up per send.
        config = SmtpConfig(host="127.0.0.1", port=smtp_port, local_hostname=socket.getfqdn())
        names = [f"客户{i:05d}" for i in range(count)]

        async def ours(i: int) -> object:
            variables = Struct()
            variables.update({"name": names[i], "period": "2026Q3", "aum": "1,250,000"})
            reply = await stub.Send(
                pb.SendRequest(
                    idempotency_key=f"bench/{uuid.uuid4()}",
                    address=pb.Address(channel="email", value=f"c{i}@example.com"),
                    template_key="bench-report",
                    variables=variables,
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=60,
            )
            assert reply.status == "sent", reply.reason
            return reply

        async def direct(i: int) -> object:
            message = OutboundMessage(
                delivery_id=str(uuid.uuid4()),
                idempotency_key=f"direct/{uuid.uuid4()}",
                channel="email",
                recipient=f"c{i}@example.com",
                recipient_name="",
                subject=f"{names[i]}，您的2026Q3季度报告",
                body_text=f"尊敬的{names[i]}：\n您的2026Q3季度报告已生成，资产规模 1,250,000 元。\n",
                body_html="",
                locale="zh-CN",
                category="service",
            )
            return await aiosmtplib.send(
                email_package_message(message, config),
                hostname="127.0.0.1",
                port=smtp_port,
                timeout=30,
                local_hostname=config.local_hostname,
            )

        await measure(min(50, count), concurrency, ours)  # warm-up: connections, JIT of plans
        await measure(min(50, count), concurrency, direct)
        ours_rates: list[Rate] = []
        direct_rates: list[Rate] = []
        budget, ours_cpu, direct_cpu = CpuBudget.of_this_run(), Spent(), Spent()
        for _ in range(rounds):
            with budget.round() as spent:
                direct_rates.append(await measure(count, concurrency, direct))
            direct_cpu.add(spent)
            with budget.round() as spent:
                ours_rates.append(await measure(count, concurrency, ours))
            ours_cpu.add(spent)
    ours_rate = statistics.median(r.per_second for r in ours_rates)
    direct_rate = statistics.median(r.per_second for r in direct_rates)
    caught = len(os.listdir(mail_dir))
    expected = 2 * (rounds * count + min(50, count))
    return [
        f"notifications: {count} sends per round, {concurrency} in flight, median of {rounds} rounds",
        f"  direct aiosmtplib   {direct_rate:8.1f} sends/s",
        f"  NotificationsService.Send {ours_rate:8.1f} sends/s",
        f"  ratio ours/direct   {ours_rate / direct_rate:8.2f}  (aim >= 0.4, issue 29)",
        f"  messages in the sink: {caught} (expected {expected})",
        *ours_cpu.lines("Send", count * rounds),
        *direct_cpu.lines("direct aiosmtplib", count * rounds),
    ]
