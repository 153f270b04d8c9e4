"""Clientflow processes as children of a benchmark, the way production runs them."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import grpc
import psutil
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.common.artifact_store import FilesystemStore
from services.reporting.pdf import Brand, ReportData
from services.reporting.periods import parse_period
from services.reporting.reports import ReportService


async def grpc_ready(port: int, seconds: float = 30) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        for _ in range(int(seconds * 10)):
            try:
                reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.aio.AioRpcError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"service on port {port} did not become ready")


@asynccontextmanager
async def child(
    name: str, env: dict[str, str], port: int | None = None
) -> AsyncIterator[psutil.Process]:
    """`clientflow <name>` with `env`; ready when its gRPC health says so (if it has a port)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "services.cli",
        name,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if port is not None:
            await grpc_ready(port)
        yield psutil.Process(process.pid)
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 15)
            except TimeoutError:
                process.kill()


def cpu_seconds(proc: psutil.Process) -> float:
    times = proc.cpu_times()
    return float(times.user + times.system)


async def report_data(
    clients: Any, artifacts: str, client_id: str, commentary: str, period: str = "2026Q3"
) -> ReportData:
    """A client's quarter as the reporting service reads it for a report (from the clients
    service), for timing the renderer on its own."""
    service = ReportService(
        None,  # type: ignore[arg-type]  # gather reads no database
        clients,
        FilesystemStore(Path(artifacts)),
        Brand(),
    )
    [data] = (
        await service.gather([client_id], parse_period(period), commentary, "client-report")
    ).values()
    assert isinstance(data, ReportData), data
    return data
