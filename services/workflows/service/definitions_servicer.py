"""The DefinitionsService over gRPC (see automation/definition_store.py)."""

from __future__ import annotations

import json
from typing import TypeAlias

import grpc
from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from temporalio.client import Client

from services.common.db import current_session
from services.common.grpc_client import ServiceClients
from services.common.internal_auth import current_actor
from services.common.protos import set_iso_time
from services.workflows.service.automation.definition_runs import (
    DefinitionRuns,
    DefinitionSchedule,
)
from services.workflows.service.automation.definition_store import DefinitionStore, DefinitionView
from services.workflows.settings import ProcessDefaults

Ctx: TypeAlias = grpc.aio.ServicerContext


def definition_to_proto(view: DefinitionView) -> workflows_pb2.ProcessDefinition:
    row = view.row
    name = row.document.get("name") or {}
    message = workflows_pb2.ProcessDefinition(
        key=row.key,
        version=row.version,
        document_json=json.dumps(row.document, ensure_ascii=False),
        name_zh=str(name.get("zh-CN", "")),
        name_en=str(name.get("en", "")),
        created_by=row.created_by,
        published_by=row.published_by or "",
        versions=list(view.versions),
        published_version=view.published_version,
    )
    message.created_at.FromDatetime(row.created_at)
    if row.published_at is not None:
        message.published_at.FromDatetime(row.published_at)
    return message


def schedule_to_proto(plan: DefinitionSchedule) -> workflows_pb2.DefinitionSchedule:
    message = workflows_pb2.DefinitionSchedule(
        key=plan.key, segment_id=plan.segment_id, every_days=plan.every_days, paused=plan.paused
    )
    set_iso_time(message, "next_run_at", plan.next_run_at.isoformat() if plan.next_run_at else "")
    return message


class DefinitionsServicer(workflows_pb2_grpc.DefinitionsServiceServicer):
    def __init__(
        self, temporal: Client, services: ServiceClients, task_queue: str, defaults: ProcessDefaults
    ) -> None:
        self.temporal, self.services = temporal, services
        self.task_queue, self.defaults = task_queue, defaults

    def _store(self) -> DefinitionStore:
        return DefinitionStore(
            current_session(),
            self.temporal,
            self.services.clients,
            task_queue=self.task_queue,
            defaults=self.defaults,
        )

    async def PutDefinition(
        self, request: workflows_pb2.PutDefinitionRequest, context: Ctx
    ) -> workflows_pb2.ProcessDefinition:
        view = await self._store().put(
            current_actor(), request.document_json, request.expected_version
        )
        return definition_to_proto(view)

    async def ValidateDefinition(
        self, request: workflows_pb2.ValidateDefinitionRequest, context: Ctx
    ) -> workflows_pb2.ValidateDefinitionResponse:
        current_actor()
        problems = self._store().check(request.document_json)
        return workflows_pb2.ValidateDefinitionResponse(
            problems=[
                workflows_pb2.DefinitionProblem(
                    field=p.field,
                    value="" if p.value is None else str(p.value)[:200],
                    message=p.message,
                )
                for p in problems
            ]
        )

    async def PublishDefinition(
        self, request: workflows_pb2.PublishDefinitionRequest, context: Ctx
    ) -> workflows_pb2.ProcessDefinition:
        view = await self._store().publish(current_actor(), request.key, request.version)
        return definition_to_proto(view)

    async def GetDefinition(
        self, request: workflows_pb2.GetDefinitionRequest, context: Ctx
    ) -> workflows_pb2.ProcessDefinition:
        view = await self._store().describe(current_actor(), request.key, request.version)
        return definition_to_proto(view)

    async def ListDefinitions(
        self, request: workflows_pb2.ListDefinitionsRequest, context: Ctx
    ) -> workflows_pb2.ListDefinitionsResponse:
        views = await self._store().list(current_actor())
        return workflows_pb2.ListDefinitionsResponse(
            definitions=[definition_to_proto(v) for v in views]
        )

    async def DryRunDefinition(
        self, request: workflows_pb2.DryRunDefinitionRequest, context: Ctx
    ) -> workflows_pb2.DryRunDefinitionResponse:
        steps, outcome = await self._store().dry_run(
            current_actor(),
            request.document_json,
            request.client_id,
            {node: list(a.outcomes) for node, a in request.answers.items()},
        )
        return workflows_pb2.DryRunDefinitionResponse(
            steps=[
                workflows_pb2.DryRunStep(node=s.node, kind=s.kind, detail=s.detail) for s in steps
            ],
            outcome=outcome,
        )

    async def StartDefinition(
        self, request: workflows_pb2.StartDefinitionRequest, context: Ctx
    ) -> workflows_pb2.Process:
        from services.workflows.service.server import process_to_proto

        view = await self._store().start(
            current_actor(), request.key, request.client_id, request.run_key
        )
        return process_to_proto(view)

    def _runs(self) -> DefinitionRuns:
        return DefinitionRuns(
            self._store(), self.temporal, self.services.clients, task_queue=self.task_queue
        )

    async def PutDefinitionSchedule(
        self, request: workflows_pb2.DefinitionSchedule, context: Ctx
    ) -> workflows_pb2.DefinitionSchedule:
        plan = DefinitionSchedule(request.key, request.segment_id, request.every_days)
        return schedule_to_proto(await self._runs().put(current_actor(), plan))

    async def ListDefinitionSchedules(
        self, request: workflows_pb2.GetDefinitionRequest, context: Ctx
    ) -> workflows_pb2.ListDefinitionSchedulesResponse:
        plans = await self._runs().list(current_actor(), request.key)
        return workflows_pb2.ListDefinitionSchedulesResponse(
            schedules=[schedule_to_proto(p) for p in plans]
        )

    async def DeleteDefinitionSchedule(
        self, request: workflows_pb2.DefinitionSchedule, context: Ctx
    ) -> workflows_pb2.DefinitionSchedule:
        plan = await self._runs().delete(current_actor(), request.key, request.segment_id)
        return schedule_to_proto(plan)

    async def RunDefinitionOverSegment(
        self, request: workflows_pb2.DefinitionSchedule, context: Ctx
    ) -> workflows_pb2.Process:
        from services.workflows.service.server import process_to_proto

        view = await self._runs().run_now(current_actor(), request.key, request.segment_id)
        return process_to_proto(view)

    async def StartDefinitionPage(
        self, request: workflows_pb2.StartDefinitionPageRequest, context: Ctx
    ) -> workflows_pb2.StartDefinitionPageResponse:
        scanned, started, already, failed, token = await self._runs().start_page(
            current_actor(), request.key, request.segment_id, request.run_key, request.page_token
        )
        return workflows_pb2.StartDefinitionPageResponse(
            scanned=scanned, started=started, already=already, failed=failed, next_page_token=token
        )
