"""gRPC adapter of the clients service: protobuf in and out, no logic."""

from __future__ import annotations

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.models import Client, ClientKind
from services.clients.service import ClientService, NewClient
from services.common.config import ClientsSettings
from services.common.db import current_session, session_factory
from services.common.grpc_server import GrpcService
from services.common.identity import Actor
from services.common.runner import run_grpc_process

_KINDS_TO_PROTO = {
    ClientKind.INDIVIDUAL: clients_pb2.CLIENT_KIND_INDIVIDUAL,
    ClientKind.INSTITUTION: clients_pb2.CLIENT_KIND_INSTITUTION,
}
_KINDS_FROM_PROTO = {value: key.value for key, value in _KINDS_TO_PROTO.items()}


def _timestamp(value: object) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(value)  # type: ignore[arg-type]
    return stamp


def client_to_proto(client: Client) -> clients_pb2.Client:
    """Client row -> message."""
    return clients_pb2.Client(
        id=str(client.id),
        kind=_KINDS_TO_PROTO[ClientKind(client.kind)],
        name=client.name,
        advisor_id=client.advisor_id,
        team_id=client.team_id or "",
        version=client.version,
        created_at=_timestamp(client.created_at),
        updated_at=_timestamp(client.updated_at),
    )


class ClientsServicer(clients_pb2_grpc.ClientsServiceServicer):
    async def GetClient(
        self, request: clients_pb2.GetClientRequest, context: grpc.aio.ServicerContext
    ) -> clients_pb2.Client:
        actor = Actor.from_metadata(context.invocation_metadata())
        client = await ClientService(current_session()).get(actor, request.id)
        return client_to_proto(client)

    async def CreateClient(
        self, request: clients_pb2.CreateClientRequest, context: grpc.aio.ServicerContext
    ) -> clients_pb2.Client:
        actor = Actor.from_metadata(context.invocation_metadata())
        data = NewClient(
            kind=_KINDS_FROM_PROTO.get(request.kind, ""),
            name=request.name,
            advisor_id=request.advisor_id or None,
            team_id=request.team_id or None,
        )
        client = await ClientService(current_session()).create(actor, data)
        return client_to_proto(client)


def build(engine: AsyncEngine) -> GrpcService:
    """The clients gRPC server over `engine`."""

    def register(server: grpc.aio.Server) -> None:
        clients_pb2_grpc.add_ClientsServiceServicer_to_server(ClientsServicer(), server)

    return GrpcService(
        service_names=[clients_pb2.DESCRIPTOR.services_by_name["ClientsService"].full_name],
        register=register,
        sessions=session_factory(engine),
    )


async def serve(settings: ClientsSettings) -> None:
    """Run the clients service until stopped."""
    await run_grpc_process("clients", settings, build)
