"""Workflow throughput: ClientCheck through Clientflow's worker (tracing interceptor,
activity -> clients gRPC -> PostgreSQL) against a bare Temporal workflow with the same
number of activities (one, returning a constant) on the same dev server, same run.
Rounds alternate between the two sides so drift affects both alike."""

from __future__ import annotations

import argparse
import uuid

from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.worker import Worker

from bench.bare import BareInput, BareWorkflow, bare_activity
from bench.stack import Rate, bench_engine, dev_server, embedded_postgres, measure, median_rate
from services.clients.server import build as build_clients
from services.common.config import ProcessSettings
from services.common.grpc_client import ServiceClients
from services.common.telemetry import setup_telemetry
from services.gateway.settings import GatewaySettings
from services.workflows.worker.main import build_worker
from services.workflows.worker.processes.client_check import ClientCheckInput, ClientCheckWorkflow
from tests.support import TEST_JWT_SECRET, create_client


async def run(args: argparse.Namespace) -> list[str]:
    setup_telemetry("bench", ProcessSettings(log_format="text", log_level="WARNING"))
    async with embedded_postgres() as url, bench_engine(url) as engine:
        clients_server = build_clients(engine)
        port = await clients_server.start("127.0.0.1", 0, port_setting="-")
        services = ServiceClients.connect(
            GatewaySettings(clients_port=port, auth_jwt_secret=TEST_JWT_SECRET)
        )
        client_id = (await create_client(services.clients)).id
        env = await dev_server()
        try:
            bare_client = await Client.connect(env.client.service_client.config.target_host)
            ours_client = await Client.connect(
                env.client.service_client.config.target_host, interceptors=[TracingInterceptor()]
            )
            bare_queue, ours_queue = f"bare-{uuid.uuid4()}", f"ours-{uuid.uuid4()}"
            bare_worker = Worker(
                bare_client,
                task_queue=bare_queue,
                workflows=[BareWorkflow],
                activities=[bare_activity],
            )
            ours_worker = build_worker(ours_client, services, task_queue=ours_queue)

            async def bare(i: int) -> object:
                return await bare_client.execute_workflow(
                    BareWorkflow.run,
                    BareInput(client_id),
                    id=f"bare/{uuid.uuid4()}",
                    task_queue=bare_queue,
                )

            async def ours(i: int) -> object:
                return await ours_client.execute_workflow(
                    ClientCheckWorkflow.run,
                    ClientCheckInput(client_id=client_id),
                    id=f"client-check/{client_id}/{uuid.uuid4()}",
                    task_queue=ours_queue,
                )

            bare_rates: list[Rate] = []
            ours_rates: list[Rate] = []
            async with bare_worker, ours_worker:
                await measure(min(50, args.workflows), args.concurrency, bare)  # warm-up
                await measure(min(50, args.workflows), args.concurrency, ours)
                for _ in range(args.rounds):
                    bare_rates.append(await measure(args.workflows, args.concurrency, bare))
                    ours_rates.append(await measure(args.workflows, args.concurrency, ours))
        finally:
            await env.shutdown()
            await services.close()
            await clients_server.stop(0)
    bare_rate, ours_rate = median_rate(bare_rates), median_rate(ours_rates)
    ratios = sorted(
        o.per_second / b.per_second for b, o in zip(bare_rates, ours_rates, strict=True)
    )
    return [
        f"workflow_throughput: {args.workflows} workflows x {args.rounds} rounds, concurrency {args.concurrency}",
        f"  bare Temporal workflow (1 constant activity): {bare_rate:8.1f} workflows/s",
        f"  Clientflow ClientCheck (1 gRPC+SQL activity): {ours_rate:8.1f} workflows/s",
        f"  ratio clientflow/bare (medians): {ours_rate / bare_rate:.2f}"
        f"   (per round: {', '.join(f'{r:.2f}' for r in ratios)})",
    ]
