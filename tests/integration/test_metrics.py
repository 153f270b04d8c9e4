"""What an SRE scrapes: a process with CLIENTFLOW_METRICS_PORT serves Prometheus' /metrics
with per-RPC latency by method and status code, and the gauges alerts are written on."""

from __future__ import annotations

import asyncio
import os
import sys

import grpc
import httpx
from clientflow.notifications.v1 import notifications_pb2

from services.common.grpc_client import ServiceClients
from tests.conftest import endpoints
from tests.support import ADMIN, eventually, free_port


async def test_a_service_serves_rpc_latency_and_its_gauges(database_url: str) -> None:
    grpc_port, metrics_port = free_port(), free_port()
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "services.cli",
        "notifications",
        env={
            **os.environ,
            "CLIENTFLOW_DATABASE_URL": database_url,
            "CLIENTFLOW_NOTIFICATIONS_PORT": str(grpc_port),
            "CLIENTFLOW_METRICS_PORT": str(metrics_port),
            "CLIENTFLOW_LOG_LEVEL": "WARNING",
        },
    )
    services = ServiceClients.connect(endpoints({"notifications": f"127.0.0.1:{grpc_port}"}))
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{metrics_port}") as http:

            async def scraped() -> str | None:
                try:
                    page = await http.get("/metrics")
                except httpx.HTTPError:
                    return None
                return page.text if "clientflow_notifications_dead_letters" in page.text else None

            await eventually(scraped, "the dead-letter gauge on /metrics")

            async def answered() -> bool:
                try:
                    await services.notifications.GetDelivery(
                        notifications_pb2.GetDeliveryRequest(
                            id="00000000-0000-0000-0000-000000000000"
                        ),
                        metadata=ADMIN.to_metadata(),
                        timeout=2,
                    )
                except grpc.aio.AioRpcError as error:
                    return bool(error.code() == grpc.StatusCode.NOT_FOUND)
                return False

            await eventually(answered, "the service to answer")
            method = 'rpc_method="/clientflow.notifications.v1.NotificationsService/GetDelivery"'

            async def recorded() -> str | None:
                # The status reaches the caller as the call is aborted; the duration is
                # recorded a moment later.
                text = (await http.get("/metrics")).text
                return text if method in text else None

            page = await eventually(recorded, "the call's duration on /metrics", seconds=10)
        assert method in page
        assert 'rpc_grpc_status_code="NOT_FOUND"' in page
        assert 'clientflow_notifications_dead_letters{kind="in_doubt"' in page
    finally:
        await services.close()
        child.terminate()
        await asyncio.wait_for(child.wait(), 15)
