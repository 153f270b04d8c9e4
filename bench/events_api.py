"""Trigger events/s: `POST /v1/events` through the gateway to the workflows service (store
and deduplicate the event, read the client, evaluate the rule's CEL condition, start the
rule's process on Temporal, record the firing), against bare `client.start_workflow` calls
from this process on the same Temporal dev server, same concurrency, rounds alternating.
Neither side runs a worker: both measure accepting work, not doing it."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import uuid

import httpx
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio.client import Client
from temporalio.common import (
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDReusePolicy,
)

from bench.bare import BareInput, BareWorkflow
from bench.budget import CpuBudget, Spent
from bench.clients_api import SECRET, process
from bench.stack import Rate, dev_server, embedded_postgres, measure
from services.common.grpc_client import open_channel
from services.common.identity import Actor, Role
from services.common.temporal import ADVISOR_ID, CLIENT_ID, PROCESS_KIND
from services.common.tokens import mint_token
from tests.support import free_port

ADMIN = {"Authorization": f"Bearer {mint_token(SECRET, user_id='bench', roles=['admin'])}"}
SERVICE = {"Authorization": f"Bearer {mint_token(SECRET, user_id='crm', roles=['service'])}"}


async def run(args: argparse.Namespace) -> list[str]:
    count, concurrency = args.requests, args.concurrency
    env_temporal = await dev_server()
    try:
        async with embedded_postgres() as url:
            address = env_temporal.client.service_client.config.target_host
            ports = {name: free_port() for name in ("clients", "workflows", "gateway")}
            env = {
                "CLIENTFLOW_DATABASE_URL": url,
                "CLIENTFLOW_TEMPORAL_ADDRESS": address,
                "CLIENTFLOW_AUTH_JWT_SECRET": SECRET,
                "CLIENTFLOW_LOG_LEVEL": "WARNING",
                "CLIENTFLOW_DB_POOL_SIZE": "16",
                **{f"CLIENTFLOW_{name.upper()}_PORT": str(port) for name, port in ports.items()},
            }
            py, health = sys.executable, f"http://127.0.0.1:{ports['gateway']}/healthz"
            async with (
                process([py, "-m", "services.cli", "clients"], env, health),
                process([py, "-m", "services.cli", "workflows"], env, health),
                process([py, "-m", "services.cli", "gateway"], env, health),
            ):
                return await compare(env_temporal.client, ports, count, concurrency, args.rounds)
    finally:
        await env_temporal.shutdown()


async def compare(
    temporal: Client, ports: dict[str, int], count: int, concurrency: int, rounds: int
) -> list[str]:
    admin = Actor("bench", frozenset({Role.ADMIN}))
    channel = open_channel(
        f"127.0.0.1:{ports['clients']}",
        secret=os.environ["CLIENTFLOW_INTERNAL_SECRET"],
        audience="clients",
    )
    stub = clients_pb2_grpc.ClientsServiceStub(channel)
    client_ids = []
    for i in range(50):
        created = await stub.CreateClient(
            clients_pb2.CreateClientRequest(
                kind=clients_pb2.CLIENT_KIND_INDIVIDUAL, name=f"客户{i}", advisor_id="adv-bench"
            ),
            metadata=admin.to_metadata(),
        )
        client_ids.append(created.id)
    await channel.close()
    base = f"http://127.0.0.1:{ports['gateway']}"
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        rule = await http.post(
            "/v1/rules",
            headers=ADMIN,
            json={
                "name": "large deposit: call the client",
                "event_type": "transaction.recorded",
                "condition": 'client.advisor_id == "adv-bench" && event.payload.amount >= 1000000.0',
                "action": "start_process",
                "target": "call-client",
                "parameters": {"manager_id": "mgr-bench"},
                "period": "always",
            },
        )
        assert rule.status_code == 201, rule.text

        async def ours(i: int) -> object:
            response = await http.post(
                "/v1/events",
                headers=SERVICE,
                json={
                    "event_id": f"bench-{uuid.uuid4()}",
                    "type": "transaction.recorded",
                    "client_id": client_ids[i % len(client_ids)],
                    "payload": {"amount": 2_000_000, "currency": "CNY"},
                },
            )
            assert response.status_code == 200, response.text
            assert response.json()["firings"][0]["outcome"] == "started", response.text
            return response

        async def bare(i: int) -> object:
            return await temporal.start_workflow(
                BareWorkflow.run,
                BareInput(client_ids[i % len(client_ids)]),
                id=f"bare/{uuid.uuid4()}",
                task_queue="bench-bare-no-worker",
            )

        async def bare_attributes(i: int) -> object:
            """Bare, plus what every Clientflow start carries: the four search attributes
            and the reject-duplicate id policy (the Temporal-side share of our cost)."""
            return await temporal.start_workflow(
                BareWorkflow.run,
                BareInput(client_ids[i % len(client_ids)]),
                id=f"bare-sa/{uuid.uuid4()}",
                task_queue="bench-bare-no-worker",
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                search_attributes=TypedSearchAttributes(
                    [
                        SearchAttributePair(CLIENT_ID, client_ids[i % len(client_ids)]),
                        SearchAttributePair(ADVISOR_ID, "adv-bench"),
                        SearchAttributePair(PROCESS_KIND, "call-client"),
                    ]
                ),
            )

        await measure(min(50, count), concurrency, ours)
        await measure(min(50, count), concurrency, bare)
        ours_rates: list[Rate] = []
        bare_rates: list[Rate] = []
        attr_rates: list[Rate] = []
        budget = CpuBudget.of_this_run()
        ours_cpu, bare_cpu = Spent(), Spent()
        for _ in range(rounds):
            with budget.round() as spent:
                bare_rates.append(await measure(count, concurrency, bare))
            bare_cpu.add(spent)
            attr_rates.append(await measure(count, concurrency, bare_attributes))
            with budget.round() as spent:
                ours_rates.append(await measure(count, concurrency, ours))
            ours_cpu.add(spent)
    attr_rate = statistics.median(r.per_second for r in attr_rates)
    ours_rate = statistics.median(r.per_second for r in ours_rates)
    bare_rate = statistics.median(r.per_second for r in bare_rates)
    per_round = ", ".join(
        f"{o.per_second / b.per_second:.2f}" for o, b in zip(ours_rates, bare_rates, strict=True)
    )
    return [
        f"events: {count} per round, {concurrency} in flight, median of {rounds} rounds",
        f"  bare start_workflow     {bare_rate:8.1f} starts/s",
        f"  bare + search attributes {attr_rate:7.1f} starts/s  ({attr_rate / bare_rate:.2f} of bare)",
        f"  POST /v1/events         {ours_rate:8.1f} events/s",
        f"  ratio ours/bare         {ours_rate / bare_rate:8.2f}  (aim >= 0.5, 0.7 stretch); per round {per_round}",
        *ours_cpu.lines("POST /v1/events", count * rounds),
        *bare_cpu.lines("bare start_workflow", count * rounds),
    ]
