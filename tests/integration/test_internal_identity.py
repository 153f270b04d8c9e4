"""Services trust no caller for being inside: a call without the caller's signed identity,
with plain actor metadata, signed with another secret, or addressed to another service is
UNAUTHENTICATED; the stubs every process uses sign it (and set a deadline) by themselves."""

from __future__ import annotations

import grpc
import pytest
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.common.grpc_client import ServiceClients
from services.common.internal_auth import IDENTITY_KEY, Signer
from tests.support import ADMIN, TEST_INTERNAL_SECRET


async def _list_clients(address: str, metadata: tuple[tuple[str, str], ...]) -> grpc.StatusCode:
    async with grpc.aio.insecure_channel(address) as channel:
        stub = clients_pb2_grpc.ClientsServiceStub(channel)
        try:
            await stub.ListClients(
                clients_pb2.ListClientsRequest(page_size=1), metadata=metadata, timeout=10
            )
        except grpc.aio.AioRpcError as error:
            return error.code()
        return grpc.StatusCode.OK


@pytest.mark.parametrize(
    "metadata",
    [
        pytest.param((), id="nothing"),
        pytest.param(ADMIN.to_metadata(), id="plain actor metadata"),
        pytest.param(
            (
                (
                    IDENTITY_KEY,
                    Signer("another-secret-" + "x" * 32).sign(ADMIN.to_metadata(), "clients"),
                ),
            ),
            id="signed with another secret",
        ),
        pytest.param(
            ((IDENTITY_KEY, Signer(TEST_INTERNAL_SECRET).sign(ADMIN.to_metadata(), "reporting")),),
            id="addressed to another service",
        ),
        pytest.param(((IDENTITY_KEY, "not-a-token"),), id="garbage"),
    ],
)
async def test_a_call_without_a_valid_identity_is_refused(
    grpc_servers: dict[str, str], metadata: tuple[tuple[str, str], ...]
) -> None:
    assert await _list_clients(grpc_servers["clients"], metadata) == grpc.StatusCode.UNAUTHENTICATED


async def test_a_signed_identity_is_accepted_and_health_needs_none(
    grpc_servers: dict[str, str], services: ServiceClients
) -> None:
    token = Signer(TEST_INTERNAL_SECRET).sign(tuple(sorted(ADMIN.to_metadata())), "clients")
    assert (
        await _list_clients(grpc_servers["clients"], ((IDENTITY_KEY, token),)) == grpc.StatusCode.OK
    )
    # The shared stubs sign by themselves.
    reply = await services.clients.ListClients(
        clients_pb2.ListClientsRequest(page_size=1), metadata=ADMIN.to_metadata()
    )
    assert reply is not None
    async with grpc.aio.insecure_channel(grpc_servers["clients"]) as channel:
        health = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service=""), timeout=5
        )
    assert health.status == health_pb2.HealthCheckResponse.SERVING
