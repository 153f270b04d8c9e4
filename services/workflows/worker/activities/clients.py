"""Activities over the clients service: thin, idempotent gRPC calls."""

from __future__ import annotations

import json

from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.struct_pb2 import Struct
from temporalio import activity

from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.workflows.worker.activities.heartbeat import heartbeating
from services.workflows.worker.activities.types import (
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


class ClientActivities:
    def __init__(self, clients: clients_pb2_grpc.ClientsServiceStub) -> None:
        self.clients = clients

    @activity.defn(name=GET_CLIENT_SUMMARY)
    async def get_client_summary(self, request: ClientSummaryRequest) -> ClientSummary:
        """Read a client's name and advisor from the clients service."""
        client = await self.clients.GetClient(
            clients_pb2.GetClientRequest(id=request.client_id),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=10,
        )
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
        client: clients_pb2.Client = await self.clients.GetClient(
            clients_pb2.GetClientRequest(id=client_id),
            metadata=process_actor().to_metadata(),
            timeout=10,
        )
        return client

    @activity.defn(name=SET_STAGE)
    async def set_stage(self, move: StageMove) -> StageMoveResult:
        """Move the lifecycle stage (recorded in the client's stage history and audit with
        the process as the actor); a client already there, or not in `only_from`, stays."""
        client = await self._get(move.client_id)
        previous = client.lifecycle_stage
        if previous == move.stage or (move.only_from and previous not in move.only_from):
            return StageMoveResult(stage=previous, previous_stage=previous, moved=False)
        updated = await self.clients.SetLifecycleStage(
            clients_pb2.SetLifecycleStageRequest(
                client_id=move.client_id, stage=move.stage, reason=move.reason
            ),
            metadata=process_actor().to_metadata(),
            timeout=10,
        )
        return StageMoveResult(stage=updated.lifecycle_stage, previous_stage=previous, moved=True)

    @activity.defn(name=ENSURE_KYC)
    async def ensure_kyc(self, request: ClientSummaryRequest) -> KycState:
        """The client's KYC record; one that was never opened is opened as pending."""
        client = await self._get(request.client_id)
        opened = not client.kyc.status
        if opened:
            client = await self.clients.UpdateClient(
                clients_pb2.UpdateClientRequest(
                    id=client.id,
                    fields=clients_pb2.ClientFields(kyc_status="pending"),
                    update_mask=FieldMask(paths=["kyc_status"]),
                ),
                metadata=process_actor().to_metadata(),
                timeout=10,
            )
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
        client = await self._get(profile.client_id)
        return RiskProfileResult(risk_level=client.kyc.risk_level, tier=client.tier)

    @activity.defn(name=EVALUATE_LIFECYCLE)
    async def evaluate_lifecycle(self) -> LifecycleSweepResult:
        """Apply the lifecycle rules to every client (the daily sweep)."""
        reply = await heartbeating(
            self.clients.EvaluateLifecycle(
                clients_pb2.EvaluateLifecycleRequest(),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=25 * 60,
            )
        )
        return LifecycleSweepResult(evaluated=reply.evaluated, changed=reply.changed)


def process_actor() -> Actor:
    """Changes a process makes are audited as that process (e.g. `process:Onboarding`);
    the stage history's reason names the step."""
    try:
        kind = activity.info().workflow_type
    except RuntimeError:
        return SYSTEM_ACTOR
    return Actor(user_id=f"process:{kind}"[:64], roles=frozenset({Role.SERVICE}))
