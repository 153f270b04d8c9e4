"""Client report PDFs per second through the reporting service (gRPC `RenderClientReport`:
the client's data read from the clients service, rendered, stored as an artifact), against
calling the same reportlab rendering function directly in this process on the same data,
in the same run. The services run as `clientflow clients` and `clientflow reporting`
processes on embedded PostgreSQL; each call asks for a new report (its own workflow id), so
nothing is served from the idempotency record."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime

from clientflow.clients.v1 import clients_pb2
from clientflow.reporting.v1 import reporting_pb2

from bench.services import child, report_data
from bench.stack import embedded_postgres, measure
from services.common.grpc_client import ServiceClients
from services.common.identity import SYSTEM_ACTOR
from services.gateway.settings import GatewaySettings
from services.reporting.pdf import render_client_report
from tests.support import free_port


async def run(args: argparse.Namespace) -> list[str]:
    requests, concurrency = args.requests, args.concurrency
    lines: list[str] = []
    async with embedded_postgres() as url:
        clients_port, reporting_port = free_port(), free_port()
        with tempfile.TemporaryDirectory() as artifacts:
            env = {
                "CLIENTFLOW_DATABASE_URL": url,
                "CLIENTFLOW_CLIENTS_PORT": str(clients_port),
                "CLIENTFLOW_REPORTING_PORT": str(reporting_port),
                "CLIENTFLOW_ARTIFACTS_DIR": artifacts,
                "CLIENTFLOW_LOG_LEVEL": "WARNING",
            }
            async with child("clients", env, clients_port), child("reporting", env, reporting_port):
                services = ServiceClients.connect(
                    GatewaySettings(
                        clients_port=clients_port,
                        reporting_port=reporting_port,
                        auth_jwt_secret="x" * 32,
                    )
                )
                try:
                    client_id = await _client(services)
                    data = await report_data(services.clients, artifacts, client_id, COMMENTARY)
                    render_client_report(data)  # warm up: fonts, imports
                    direct, served = [], []
                    for _ in range(args.rounds):
                        started = time.perf_counter()
                        for _ in range(requests):
                            render_client_report(data)
                        direct.append(requests / (time.perf_counter() - started))

                        async def one(_i: int) -> None:
                            await services.reporting.RenderClientReport(
                                reporting_pb2.RenderClientReportRequest(
                                    client_id=client_id,
                                    period="2026Q3",
                                    commentary=COMMENTARY,
                                    workflow_id=f"bench/{uuid.uuid4()}",
                                ),
                                metadata=SYSTEM_ACTOR.to_metadata(),
                                timeout=60,
                            )

                        served.append((await measure(requests, concurrency, one)).per_second)
                finally:
                    await services.close()
    d, s = statistics.median(direct), statistics.median(served)
    lines.append(f"direct render_client_report: {d:.1f} reports/s (median of {args.rounds})")
    lines.append(f"through the reporting service ({concurrency} in flight): {s:.1f} reports/s")
    lines.append(f"ratio = {s / d:.2f} (aim >= 0.8)")
    return lines


COMMENTARY = "三季度市场震荡，组合保持均衡配置。\n\n四季度我们将适度增加债券比重，控制回撤。"


async def _client(services: ServiceClients) -> str:
    metadata = SYSTEM_ACTOR.to_metadata()
    client = await services.clients.CreateClient(
        clients_pb2.CreateClientRequest(
            kind=clients_pb2.CLIENT_KIND_INDIVIDUAL, name="王小明", advisor_id="adv-li"
        ),
        metadata=metadata,
    )
    for i in range(12):
        await services.clients.UpsertHolding(
            clients_pb2.UpsertHoldingRequest(
                client_id=client.id,
                holding=clients_pb2.Holding(
                    product_code=f"P{i:03d}",
                    product_name=f"稳健增长{i}号",
                    units="1000",
                    market_value=str(50000 + 10000 * i),
                    currency="CNY",
                ),
            ),
            metadata=metadata,
        )
    for i in range(20):
        tx = clients_pb2.Transaction(
            external_id=f"b-{i}",
            kind="subscription" if i % 3 else "redemption",
            product_code=f"P{i % 12:03d}",
            amount=str(1000 * (i + 1)),
            currency="CNY",
        )
        tx.occurred_at.FromDatetime(datetime(2026, 7 + i % 3, 1 + i, 2, tzinfo=UTC))
        await services.clients.RecordTransaction(
            clients_pb2.RecordTransactionRequest(client_id=client.id, transaction=tx),
            metadata=metadata,
        )
    return str(client.id)
