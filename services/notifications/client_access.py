"""The client records a caller may see, asked of the clients service with the caller's
identity: what routing reads a recipient from and what decides who sees a delivery."""

from __future__ import annotations

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.common.errors import ClientflowError, FailedPrecondition, NotFound
from services.common.grpc_errors import from_rpc_error
from services.common.identity import Actor
from services.common.ids import parse_id
from services.notifications import access
from services.notifications.models import Delivery


class ClientAccess:
    def __init__(self, clients: clients_pb2_grpc.ClientsServiceStub | None) -> None:
        self.clients = clients

    async def client(self, actor: Actor, client_id: str) -> clients_pb2.Client:
        """The client record as `actor` may see it (another advisor's client: NOT_FOUND)."""
        parse_id("client_id", client_id, "a client id")
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

    async def may_see(self, actor: Actor, delivery: Delivery) -> bool:
        """The ledger scope, or (for a client's message) whoever may see the client now."""
        if access.LedgerScope.of(actor).covers(delivery):
            return True
        if delivery.client_id is not None:
            try:
                await self.client(actor, str(delivery.client_id))
            except ClientflowError:
                return False
            return True
        return False
