"""Helpers shared by tests: free ports, tokens, factories."""

from __future__ import annotations

import asyncio
import os
import random
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio.client import Client

from services.common.grpc_client import ServiceClients
from services.common.identity import Actor, Role
from services.common.tokens import mint_token
from services.gateway.settings import GatewaySettings

TEST_JWT_SECRET = "test-secret-with-enough-entropy-0123456789"
# The processes' shared signing secret, for every service and stub the tests start.
TEST_INTERNAL_SECRET = "test-internal-secret-0123456789-abcdefghij"
os.environ.setdefault("CLIENTFLOW_INTERNAL_SECRET", TEST_INTERNAL_SECRET)


@dataclass(frozen=True)
class Stack:
    """The whole back end the `stack` fixture runs: every gRPC service and a worker."""

    settings: GatewaySettings  # the endpoints a gateway in front of them would use
    services: ServiceClients
    task_queue: str
    client: Client  # Temporal
    # The clients service's change outbox relay (tests may stop and restart it).
    relay: Any = None


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, chosen below the kernel's
    ephemeral range (32768 and up on Linux): a port handed to a child process binds only
    later, and in the ephemeral range an outgoing connection may take it meanwhile. Never the
    same port twice in one test run."""
    rng = random.Random()
    for _ in range(1000):
        port = rng.randint(20000, 32000)
        if port in _HANDED_OUT:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    raise RuntimeError("no free port between 20000 and 32000")


def token(user_id: str, *roles: str, team: str | None = None) -> dict[str, str]:
    """Authorization headers for a user with roles."""
    return {
        "Authorization": f"Bearer {mint_token(TEST_JWT_SECRET, user_id=user_id, roles=roles, team_id=team)}"
    }


def actor(user_id: str, *roles: Role, team: str | None = None) -> Actor:
    """An Actor for direct gRPC calls."""
    return Actor(user_id=user_id, roles=frozenset(roles), team_id=team)


ADMIN = actor("admin-1", Role.ADMIN)


async def create_client(
    stub: clients_pb2_grpc.ClientsServiceStub,
    *,
    name: str | None = None,
    advisor_id: str | None = None,
    team_id: str = "",
    as_actor: Actor = ADMIN,
    fields: clients_pb2.ClientFields | None = None,
) -> clients_pb2.Client:
    """A client created through the real clients service."""
    client: clients_pb2.Client = await stub.CreateClient(
        clients_pb2.CreateClientRequest(
            kind=clients_pb2.CLIENT_KIND_INDIVIDUAL,
            name=name or f"客户 {uuid.uuid4().hex[:6]}",
            advisor_id=advisor_id or f"adv-{uuid.uuid4().hex[:6]}",
            team_id=team_id,
            fields=fields,
        ),
        metadata=as_actor.to_metadata(),
    )
    return client


async def eventually(check: Callable[[], Awaitable[Any]], what: str, seconds: float = 60) -> Any:
    """Poll an async check until it returns something truthy (processes run on their own)."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        value = await check()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)
