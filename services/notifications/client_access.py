"""The client records a caller may see, asked of the clients service with the caller's
identity: what routing reads a recipient from and what decides who sees a delivery."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2

from services.common.errors import ClientflowError, FailedPrecondition, NotFound
from services.common.grpc_errors import from_rpc_error
from services.common.identity import Actor
from services.common.ids import parse_id
from services.notifications import access
from services.notifications.models import Delivery

# Ids of one batch lookup (BatchGetClients, BatchGetArtifacts).
BATCH = 100
T = TypeVar("T")


async def per_hundred(
    ids: list[str], read: Callable[[list[str]], Awaitable[Iterable[T]]]
) -> list[T]:
    """`read` (a batch lookup) over `ids`, a call per hundred; a failed call is its error."""
    found: list[T] = []
    for start in range(0, len(ids), BATCH):
        try:
            found.extend(await read(ids[start : start + BATCH]))
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
    return found


@dataclass(frozen=True)
class Known:
    """What a batch of sends looked up first, one call each, with the sender's identity:
    the clients and the attachments' records the sender may see, by canonical id. An id
    looked up and absent is NOT_FOUND, as its single lookup would have answered."""

    client_ids: frozenset[str] = frozenset()
    clients: dict[str, clients_pb2.Client] = field(default_factory=dict)
    artifact_ids: frozenset[str] = frozenset()
    artifacts: dict[str, reporting_pb2.Artifact] = field(default_factory=dict)


class ClientAccess:
    def __init__(self, clients: clients_pb2_grpc.ClientsServiceStub | None) -> None:
        self.clients = clients

    async def client(
        self, actor: Actor, client_id: str, known: Known | None = None
    ) -> clients_pb2.Client:
        """The client record as `actor` may see it (another advisor's client: NOT_FOUND)."""
        parse_id("client_id", client_id, "a client id")
        if known is not None and client_id in known.client_ids:
            found = known.clients.get(client_id)
            if found is None:
                raise NotFound(f"client {client_id} not found", field="client_id", value=client_id)
            return found
        if self.clients is None:
            raise FailedPrecondition("the clients service is not configured")
        try:
            reply: clients_pb2.Client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id),
                metadata=actor.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if isinstance(failure, NotFound):
                raise NotFound(
                    f"client {client_id} not found", field="client_id", value=client_id
                ) from None
            raise failure from None
        return reply

    async def many(self, actor: Actor, client_ids: list[str]) -> dict[str, clients_pb2.Client]:
        """Those of the clients (canonical ids) `actor` may see, a call per hundred."""
        stub = self.clients
        if stub is None:
            raise FailedPrecondition("the clients service is not configured")

        async def read(ids: list[str]) -> Iterable[clients_pb2.Client]:
            request = clients_pb2.BatchGetClientsRequest(ids=ids)
            reply: clients_pb2.BatchGetClientsResponse = await stub.BatchGetClients(
                request, metadata=actor.to_metadata(), timeout=10
            )
            return reply.clients

        return {client.id: client for client in await per_hundred(client_ids, read)}

    async def may_see(self, actor: Actor, delivery: Delivery, known: Known | None = None) -> bool:
        """The ledger scope, or (for a client's message) whoever may see the client now."""
        if access.LedgerScope.of(actor).covers(delivery):
            return True
        if delivery.client_id is not None:
            try:
                await self.client(actor, str(delivery.client_id), known)
            except ClientflowError:
                return False
            return True
        return False
