"""The interpreter against a coded process, same run: a one-task definition run by the
`Definition` workflow against the coded `CallClient` (one task too), each started, its task
completed through the `complete_task` Update as a person would, and awaited. Both sides use
the same worker, the same human-task engine and the same projection of the task into the
workflows service (gRPC, PostgreSQL); the difference is the interpreter reading its pinned
document. Rounds alternate between the two sides."""

from __future__ import annotations

import argparse
import asyncio
import json
import uuid
from typing import Any

from temporalio.client import Client, WorkflowHandle
from temporalio.contrib.opentelemetry import TracingInterceptor

from bench.stack import Rate, bench_engine, dev_server, embedded_postgres, measure, median_rate
from services.clients.server import build as build_clients
from services.common.config import ProcessSettings
from services.common.grpc_client import ServiceClients
from services.common.telemetry import setup_telemetry
from services.gateway.settings import GatewaySettings
from services.workflows.contract import ProcessProgress, TaskAction
from services.workflows.service.server import build as build_workflows
from services.workflows.worker.interpreter.workflow import DefinitionInput, DefinitionWorkflow
from services.workflows.worker.main import build_worker
from services.workflows.worker.processes.call_client import CallClientInput, CallClientWorkflow
from tests.support import TEST_JWT_SECRET, create_client

ONE_TASK = {
    "key": "one-task",
    "name": {"zh-CN": "一项任务", "en": "One task"},
    "start": "call",
    "nodes": [
        {
            "id": "call",
            "kind": "task",
            "title": {"zh-CN": "联系客户", "en": "Call the client"},
            "assignee": {"to": "advisor"},
            "outcomes": ["reached"],
            "form": [{"name": "summary"}],
            "next": "done",
        },
        {"id": "done", "kind": "end"},
    ],
}


async def complete(handle: WorkflowHandle[Any, Any], task_id: str) -> None:
    """Wait for the task to open, complete it as the advisor, await the result."""
    while True:
        view = await handle.query("progress", result_type=ProcessProgress)
        if any(t.task_id == task_id and t.status == "open" for t in view.tasks):
            break
        await asyncio.sleep(0.02)
    await handle.execute_update(
        "complete_task",
        TaskAction(
            task_id=task_id,
            actor_user="adv-bench",
            actor_roles=("advisor",),
            outcome="reached",
            form_json=json.dumps({"summary": "ok"}),
        ),
    )
    await handle.result()


async def run(args: argparse.Namespace) -> list[str]:
    setup_telemetry("bench", ProcessSettings(log_format="text", log_level="WARNING"))
    env = await dev_server()
    async with embedded_postgres() as url, bench_engine(url) as engine:
        clients_server = build_clients(engine)
        clients_port = await clients_server.start("127.0.0.1", 0, port_setting="-")
        upstream = ServiceClients.connect(
            GatewaySettings(clients_port=clients_port, auth_jwt_secret=TEST_JWT_SECRET)
        )
        temporal = await Client.connect(
            env.client.service_client.config.target_host, interceptors=[TracingInterceptor()]
        )
        queue = f"defs-{uuid.uuid4()}"
        workflows_server = build_workflows(engine, temporal, upstream, task_queue=queue)
        workflows_port = await workflows_server.start("127.0.0.1", 0, port_setting="-")
        services = ServiceClients.connect(
            GatewaySettings(
                clients_port=clients_port,
                workflows_port=workflows_port,
                auth_jwt_secret=TEST_JWT_SECRET,
            )
        )
        client = await create_client(services.clients, advisor_id="adv-bench")
        document = json.dumps(ONE_TASK, ensure_ascii=False)

        async def coded(i: int) -> object:
            handle = await temporal.start_workflow(
                CallClientWorkflow.run,
                CallClientInput(client_id=client.id, advisor_id="adv-bench"),
                id=f"call-client/{client.id}/{uuid.uuid4()}",
                task_queue=queue,
            )
            await complete(handle, "call")
            return None

        async def interpreted(i: int) -> object:
            handle = await temporal.start_workflow(
                DefinitionWorkflow.run,
                DefinitionInput(
                    client_id=client.id,
                    key="one-task",
                    version=1,
                    document_json=document,
                    advisor_id="adv-bench",
                ),
                id=f"definition/{client.id}/one-task/{uuid.uuid4()}",
                task_queue=queue,
            )
            await complete(handle, "call")
            return None

        coded_rates: list[Rate] = []
        ours_rates: list[Rate] = []
        try:
            async with build_worker(temporal, services, task_queue=queue):
                await measure(min(30, args.workflows), args.concurrency, coded)  # warm-up
                await measure(min(30, args.workflows), args.concurrency, interpreted)
                for _ in range(args.rounds):
                    coded_rates.append(await measure(args.workflows, args.concurrency, coded))
                    ours_rates.append(await measure(args.workflows, args.concurrency, interpreted))
        finally:
            await services.close()
            await upstream.close()
            await workflows_server.stop(0)
            await clients_server.stop(0)
            await env.shutdown()
    coded_rate, ours_rate = median_rate(coded_rates), median_rate(ours_rates)
    ratios = sorted(
        o.per_second / b.per_second for b, o in zip(coded_rates, ours_rates, strict=True)
    )
    return [
        f"definitions: {args.workflows} processes x {args.rounds} rounds, concurrency {args.concurrency}",
        f"  coded CallClient (one task):         {coded_rate:8.1f} processes/s",
        f"  Definition, a one-task definition:   {ours_rate:8.1f} processes/s",
        f"  ratio interpreter/coded (medians): {ours_rate / coded_rate:.2f}"
        f"   (per round: {', '.join(f'{r:.2f}' for r in ratios)})",
    ]
