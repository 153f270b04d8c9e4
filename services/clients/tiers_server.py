"""The clients service's custom fields, tier scorecard and lifecycle over gRPC: a part of
ClientsServicer (server.py)."""

from __future__ import annotations

from typing import Any, TypeAlias

import grpc
from clientflow.clients.v1 import clients_pb2
from google.protobuf import json_format

from services.clients import convert as c
from services.clients.definitions import DefinitionService
from services.clients.lifecycle import RULES, LifecycleRuleService, validate_rules
from services.clients.models import Client
from services.clients.records import LifecycleService, RecordService
from services.clients.service import ClientService
from services.clients.tiering import SCORECARD, TierService, validate_scorecard
from services.clients.validation import tier as parse_tier
from services.common.db import current_session
from services.common.errors import PermissionDenied
from services.common.identity import Role
from services.common.internal_auth import current_actor
from services.common.protos import struct

Ctx: TypeAlias = grpc.aio.ServicerContext


class TiersAndLifecycle:
    async def _full(self, service: ClientService, client: Client) -> clients_pb2.Client:
        """The client with its external ids."""
        return c.client_to_proto(client, await service.repository.external_ids(client.id))

    # -- custom fields ---------------------------------------------------------------------

    async def DefineCustomField(
        self, request: clients_pb2.DefineCustomFieldRequest, context: Ctx
    ) -> clients_pb2.CustomFieldDefinition:
        raw = json_format.MessageToDict(request.definition, preserving_proto_field_name=True)
        row = await DefinitionService(current_session()).define_field(
            current_actor(), raw, request.expected_version
        )
        return c.definition_to_proto(row)

    async def ListCustomFields(
        self, request: clients_pb2.ListCustomFieldsRequest, context: Ctx
    ) -> clients_pb2.ListCustomFieldsResponse:
        rows = await DefinitionService(current_session()).list_fields()
        return clients_pb2.ListCustomFieldsResponse(
            definitions=[c.definition_to_proto(r) for r in rows]
        )

    # -- tiers and lifecycle ---------------------------------------------------------------

    async def GetScorecard(
        self, request: clients_pb2.GetScorecardRequest, context: Ctx
    ) -> clients_pb2.Scorecard:
        config, version = await TierService(current_session()).scorecard()
        return clients_pb2.Scorecard(config=struct(config), version=version)

    async def SetScorecard(
        self, request: clients_pb2.SetScorecardRequest, context: Ctx
    ) -> clients_pb2.Scorecard:
        config = validate_scorecard(c.plain(request.config))
        entry = await DefinitionService(current_session()).set_config(
            current_actor(), SCORECARD, config, request.expected_version
        )
        return clients_pb2.Scorecard(config=struct(entry.value), version=entry.version)

    async def RecomputeTiers(
        self, request: clients_pb2.RecomputeTiersRequest, context: Ctx
    ) -> clients_pb2.RecomputeTiersResponse:
        session = current_session()
        actor = current_actor()
        if request.client_id:
            client = await ClientService(session).get(actor, request.client_id)
            ids = [client.id]
        else:
            if not actor.has(Role.ADMIN, Role.SERVICE):
                raise PermissionDenied("only admins and services recompute every client's tier")
            ids = None
        result = await TierService(session).recompute(actor, ids)
        return clients_pb2.RecomputeTiersResponse(
            evaluated=result.evaluated, changed=result.changed
        )

    async def OverrideTier(
        self, request: clients_pb2.OverrideTierRequest, context: Ctx
    ) -> clients_pb2.Client:
        session = current_session()
        actor = current_actor()
        if not actor.has(Role.ADMIN, Role.MANAGER):
            raise PermissionDenied("only managers and admins override tiers")
        service = ClientService(session)
        client = await service.get(actor, request.client_id, for_update=True)
        tier = parse_tier("tier", request.tier, required=False)
        client = await TierService(session).override(actor, client, tier, request.reason)
        return await self._full(service, client)

    async def ListTierHistory(
        self, request: clients_pb2.ClientPageRequest, context: Ctx
    ) -> clients_pb2.ListTierHistoryResponse:
        rows, token = await RecordService(current_session()).page(
            current_actor(),
            request.client_id,
            "tier_history",
            size=request.page_size,
            token=request.page_token,
        )
        return clients_pb2.ListTierHistoryResponse(
            changes=[c.tier_change_to_proto(r) for r in rows], next_page_token=token
        )

    async def SetLifecycleStage(
        self, request: clients_pb2.SetLifecycleStageRequest, context: Ctx
    ) -> clients_pb2.Client:
        service = LifecycleService(current_session())
        client = await service.set_stage(
            current_actor(), request.client_id, request.stage, request.reason
        )
        return await self._full(service, client)

    async def ListStageHistory(
        self, request: clients_pb2.ClientPageRequest, context: Ctx
    ) -> clients_pb2.ListStageHistoryResponse:
        rows, token = await RecordService(current_session()).page(
            current_actor(),
            request.client_id,
            "stage_history",
            size=request.page_size,
            token=request.page_token,
        )
        return clients_pb2.ListStageHistoryResponse(
            changes=[c.stage_change_to_proto(r) for r in rows], next_page_token=token
        )

    async def GetLifecycleRules(
        self, request: clients_pb2.GetLifecycleRulesRequest, context: Ctx
    ) -> clients_pb2.LifecycleRules:
        config, version = await LifecycleRuleService(current_session()).rules()
        return clients_pb2.LifecycleRules(config=struct(config), version=version)

    async def SetLifecycleRules(
        self, request: clients_pb2.SetLifecycleRulesRequest, context: Ctx
    ) -> clients_pb2.LifecycleRules:
        config = validate_rules(c.plain(request.config))
        entry = await DefinitionService(current_session()).set_config(
            current_actor(), RULES, config, request.expected_version
        )
        return clients_pb2.LifecycleRules(config=struct(entry.value), version=entry.version)

    async def EvaluateLifecycle(
        self, request: clients_pb2.EvaluateLifecycleRequest, context: Ctx
    ) -> clients_pb2.EvaluateLifecycleResponse:
        session = current_session()
        actor = current_actor()
        if request.client_id:
            ids: list[Any] | None = [
                (await ClientService(session).get(actor, request.client_id)).id
            ]
        else:
            if not actor.has(Role.ADMIN, Role.SERVICE):
                raise PermissionDenied("only admins and services evaluate every client's lifecycle")
            ids = None
        result = await LifecycleRuleService(session).evaluate(actor, ids)
        return clients_pb2.EvaluateLifecycleResponse(
            evaluated=result.evaluated, changed=result.changed
        )
