"""Activities over the clients service: thin, idempotent gRPC calls."""

from __future__ import annotations

import json
from typing import NoReturn

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.struct_pb2 import Struct
from temporalio import activity
from temporalio.exceptions import ApplicationError

from services.common.errors import ErrorCode
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.workflows.activities.heartbeat import heartbeating
from services.workflows.activities.types import (
    ENSURE_KYC,
    EVALUATE_LIFECYCLE,
    GET_CLIENT_SUMMARY,
    RECORD_RISK_PROFILE,
    SET_STAGE,
    ClientSummary,
    ClientSummaryRequest,
    KycState,
    LifecycleSweepResult,
    RiskProfile,
    RiskProfileResult,
    StageMove,
    StageMoveResult,
)

# Errors a retry cannot fix; anything else (UNAVAILABLE, INTERNAL) is retried by Temporal.
PERMANENT = {
    ErrorCode.NOT_FOUND,
    ErrorCode.INVALID_ARGUMENT,
    ErrorCode.PERMISSION_DENIED,
    ErrorCode.FAILED_PRECONDITION,
}


def raise_activity_error(error: grpc.RpcError) -> NoReturn:
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
        return ClientSummary(
            client_id=client.id,
            name=client.name,
            advisor_id=client.advisor_id,
            team_id=client.team_id,
            locale=client.locale,
            timezone=client.timezone,
            lifecycle_stage=client.lifecycle_stage,
            tier=client.tier,
        )

    async def _get(self, client_id: str) -> clients_pb2.Client:
        try:
            client: clients_pb2.Client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id),
                metadata=process_actor().to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        return client

    @activity.defn(name=SET_STAGE)
    async def set_stage(self, move: StageMove) -> StageMoveResult:
        """Move the lifecycle stage (recorded in the client's stage history and audit with
        the process as the actor); a client already there, or not in `only_from`, stays."""
        client = await self._get(move.client_id)
        previous = client.lifecycle_stage
        if previous == move.stage or (move.only_from and previous not in move.only_from):
            return StageMoveResult(stage=previous, previous_stage=previous, moved=False)
        try:
            updated = await self.clients.SetLifecycleStage(
                clients_pb2.SetLifecycleStageRequest(
                    client_id=move.client_id, stage=move.stage, reason=move.reason
                ),
                metadata=process_actor().to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        return StageMoveResult(stage=updated.lifecycle_stage, previous_stage=previous, moved=True)

    @activity.defn(name=ENSURE_KYC)
    async def ensure_kyc(self, request: ClientSummaryRequest) -> KycState:
        """The client's KYC record; one that was never opened is opened as pending."""
        client = await self._get(request.client_id)
        opened = not client.kyc.status
        if opened:
            try:
                client = await self.clients.UpdateClient(
                    clients_pb2.UpdateClientRequest(
                        id=client.id,
                        fields=clients_pb2.ClientFields(kyc_status="pending"),
                        update_mask=FieldMask(paths=["kyc_status"]),
                    ),
                    metadata=process_actor().to_metadata(),
                    timeout=10,
                )
            except grpc.RpcError as error:
                raise_activity_error(error)
        return KycState(
            client_id=client.id,
            status=client.kyc.status,
            expires_on=client.kyc.expires_on,
            risk_level=client.kyc.risk_level,
            opened=opened,
        )

    @activity.defn(name=RECORD_RISK_PROFILE)
    async def record_risk_profile(self, profile: RiskProfile) -> RiskProfileResult:
        """Store the risk level and the answers, then score the client's initial tier."""
        answers = Struct()
        answers.update(json.loads(profile.answers_json))
        metadata = process_actor().to_metadata()
        try:
            await self.clients.UpdateClient(
                clients_pb2.UpdateClientRequest(
                    id=profile.client_id,
                    fields=clients_pb2.ClientFields(
                        risk_level=profile.risk_level, risk_answers=answers
                    ),
                    update_mask=FieldMask(paths=["risk_level", "risk_answers"]),
                ),
                metadata=metadata,
                timeout=10,
            )
            await self.clients.RecomputeTiers(
                clients_pb2.RecomputeTiersRequest(client_id=profile.client_id),
                metadata=metadata,
                timeout=30,
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        client = await self._get(profile.client_id)
        return RiskProfileResult(risk_level=client.kyc.risk_level, tier=client.tier)

    @activity.defn(name=EVALUATE_LIFECYCLE)
    async def evaluate_lifecycle(self) -> LifecycleSweepResult:
        """Apply the lifecycle rules to every client (the daily sweep)."""
        try:
            reply = await heartbeating(
                self.clients.EvaluateLifecycle(
                    clients_pb2.EvaluateLifecycleRequest(),
                    metadata=SYSTEM_ACTOR.to_metadata(),
                    timeout=25 * 60,
                )
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        return LifecycleSweepResult(evaluated=reply.evaluated, changed=reply.changed)


def process_actor() -> Actor:
    """Changes a process makes are audited as that process (e.g. `process:Onboarding`);
    the stage history's reason names the step."""
    try:
        kind = activity.info().workflow_type
    except RuntimeError:
        return SYSTEM_ACTOR
    return Actor(user_id=f"process:{kind}"[:64], roles=frozenset({Role.SERVICE}))
