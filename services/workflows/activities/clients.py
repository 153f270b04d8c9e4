"""Activities over the clients service: thin, idempotent gRPC calls."""

from __future__ import annotations

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio import activity
from temporalio.exceptions import ApplicationError

from services.common.errors import ErrorCode
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR
from services.workflows.activities.types import (
    GET_CLIENT_SUMMARY,
    ClientSummary,
    ClientSummaryRequest,
)

# Errors a retry cannot fix; anything else (UNAVAILABLE, INTERNAL) is retried by Temporal.
PERMANENT = {
    ErrorCode.NOT_FOUND,
    ErrorCode.INVALID_ARGUMENT,
    ErrorCode.PERMISSION_DENIED,
    ErrorCode.FAILED_PRECONDITION,
}


def raise_activity_error(error: grpc.RpcError) -> None:
    """Re-raise a failed call as an ApplicationError, non-retryable when permanent."""
    domain = from_rpc_error(error)
    raise ApplicationError(
        domain.message, type=domain.code.value, non_retryable=domain.code in PERMANENT
    ) from None


class ClientActivities:
    def __init__(self, clients: clients_pb2_grpc.ClientsServiceStub) -> None:
        self.clients = clients

    @activity.defn(name=GET_CLIENT_SUMMARY)
    async def get_client_summary(self, request: ClientSummaryRequest) -> ClientSummary:
        """Read a client's name and advisor from the clients service."""
        try:
            client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=request.client_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
            raise  # unreachable; keeps the type checker honest
        return ClientSummary(
            client_id=client.id,
            name=client.name,
            advisor_id=client.advisor_id,
            team_id=client.team_id,
        )
