"""Clients' requests created per second: `POST /v1/events` with a `request.submitted` event
(the gateway, the workflows service storing and deduplicating the event, reading the
client, evaluating the rule, starting the ServiceRequest process) and `POST
/v1/clients/{id}/requests` (staff filing: the type's check, the request row, the start),
against bare `client.start_workflow` from this process on the same Temporal dev server, same
concurrency, rounds alternating. No worker runs: each side measures accepting a request, not
working it."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import uuid

import httpx
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio.client import Client

from bench.bare import BareInput, BareWorkflow
from bench.clients_api import SECRET, process
from bench.stack import Rate, dev_server, embedded_postgres, measure
from services.common.grpc_client import open_channel
from services.common.identity import Actor, Role
from services.common.tokens import mint_token
from tests.support import free_port

ADMIN = {"Authorization": f"Bearer {mint_token(SECRET, user_id='bench', roles=['admin'])}"}
SERVICE = {"Authorization": f"Bearer {mint_token(SECRET, user_id='crm', roles=['service'])}"}
FIELDS = {"document": "statement", "period": "2026Q3"}


async def run(args: argparse.Namespace) -> list[str]:
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
                return await compare(
                    env_temporal.client, ports, args.requests, args.concurrency, args.rounds
                )
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
                "name": "File a request another system submitted",
                "event_type": "request.submitted",
                "action": "start_process",
                "target": "service-request",
                "period": "always",
            },
        )
        assert rule.status_code == 201, rule.text

        async def by_event(i: int) -> object:
            response = await http.post(
                "/v1/events",
                headers=SERVICE,
                json={
                    "event_id": f"bench-{uuid.uuid4()}",
                    "type": "request.submitted",
                    "client_id": client_ids[i % len(client_ids)],
                    "payload": {"type": "document-request", "fields": FIELDS},
                },
            )
            assert response.status_code == 200, response.text
            assert response.json()["firings"][0]["outcome"] == "started", response.text
            return response

        async def by_staff(i: int) -> object:
            response = await http.post(
                f"/v1/clients/{client_ids[i % len(client_ids)]}/requests",
                headers=ADMIN,
                json={"type": "document-request", "fields": FIELDS},
            )
            assert response.status_code == 201, response.text
            return response

        async def bare(i: int) -> object:
            return await temporal.start_workflow(
                BareWorkflow.run,
                BareInput(client_ids[i % len(client_ids)]),
                id=f"bare/{uuid.uuid4()}",
                task_queue="bench-bare-no-worker",
            )

        for warm in (by_event, by_staff, bare):
            await measure(min(50, count), concurrency, warm)
        bare_rates: list[Rate] = []
        event_rates: list[Rate] = []
        staff_rates: list[Rate] = []
        for _ in range(rounds):
            bare_rates.append(await measure(count, concurrency, bare))
            event_rates.append(await measure(count, concurrency, by_event))
            staff_rates.append(await measure(count, concurrency, by_staff))
    bare_rate = statistics.median(r.per_second for r in bare_rates)
    event_rate = statistics.median(r.per_second for r in event_rates)
    staff_rate = statistics.median(r.per_second for r in staff_rates)
    per_round = ", ".join(
        f"{e.per_second / b.per_second:.2f}" for e, b in zip(event_rates, bare_rates, strict=True)
    )
    return [
        f"requests: {count} per round, {concurrency} in flight, median of {rounds} rounds",
        f"  bare start_workflow              {bare_rate:8.1f} starts/s",
        f"  POST /v1/events request.submitted {event_rate:7.1f} requests/s"
        f"  ({event_rate / bare_rate:.2f} of bare; per round {per_round})",
        f"  POST /v1/clients/{{id}}/requests    {staff_rate:7.1f} requests/s"
        f"  ({staff_rate / bare_rate:.2f} of bare)",
    ]
