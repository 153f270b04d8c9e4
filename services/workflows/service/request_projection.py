"""The worker's side of a client's request: registering a request its process opened (a
rule on an event) and giving it its plan, and the projection the process writes of its state
(a late retry of an older state is ignored; a resolution is a `request.resolved` event)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.workflows.contract import RequestPlan
from services.workflows.service.automation.pending import record_event
from services.workflows.service.models import ServiceRequest
from services.workflows.service.request_type_store import RequestTypes
from services.workflows.service.request_types import KEY, RequestTypeDef, check_fields, plan_for


@dataclass(frozen=True)
class Projection:
    request_id: str
    workflow_id: str
    status: str
    current_step: str
    due_at: datetime | None
    resolution: str
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    round: int
    csat_score: int
    revision: int
    progress: dict[str, Any]


class RequestWorkerSide:
    session: AsyncSession
    types: RequestTypes

    async def open(self, actor: Actor, opening: dict[str, Any]) -> RequestPlan:
        """Register a request started as a process (a rule on an event) and give its plan;
        a request filed through `create` exists already and keeps its type version."""
        if not actor.has(Role.SERVICE):
            raise PermissionDenied("only the worker opens requests")
        key = parse_id("request_id", opening["request_id"], "a UUID")
        row = await self.session.get(ServiceRequest, key)
        error = ""
        if row is None:
            found = await self.types.latest(opening["type"]) if KEY.match(opening["type"]) else None
            clean: dict[str, Any] = {}
            if found is None or found.retired:
                error = f"type={opening['type']!r}: is not a request type"
            else:
                try:
                    raw = json.loads(opening["fields_json"] or "{}")
                    clean = check_fields(RequestTypeDef.model_validate(found.definition), raw)
                except InvalidArgument as refused:
                    error = str(refused)
                except ValueError:
                    error = "fields: is not a JSON object"
            row = ServiceRequest(
                id=key,
                workflow_id=opening["workflow_id"],
                type_key=opening["type"][:64],
                type_version=found.version if found else 0,
                client_id=opening["client_id"],
                advisor_id=opening["advisor_id"],
                team_id=opening["team_id"],
                tier=opening["tier"],
                subject=opening["subject"][:200],
                fields=clean,
                channel=opening["channel"][:16] or "event",
                created_by=opening["created_by"][:64],
                status="rejected" if error else "open",
                current_step="received",
                resolution="rejected" if error else "",
                opened_at=datetime.now(UTC),
                round=1,
                csat_score=0,
                progress={},
                revision=0,
            )
            self.session.add(row)
            await self.session.flush()
        found = await self.types.at(row.type_key, row.type_version)
        if error or found is None:
            return RequestPlan(row.type_key, row.type_version, "", "", (), error=error or "type")
        definition = RequestTypeDef.model_validate(found.definition)
        return plan_for(row.type_key, row.type_version, definition, row.tier)

    async def project(self, actor: Actor, values: Projection) -> ServiceRequest:
        if not actor.has(Role.SERVICE):
            raise PermissionDenied("only the worker writes the request projection")
        row = await self.session.get(
            ServiceRequest,
            parse_id("request_id", values.request_id, "a UUID"),
            with_for_update=True,
        )
        if row is None:
            raise NotFound(
                f"request {values.request_id} not found",
                field="request_id",
                value=values.request_id,
            )
        if values.revision <= row.revision:
            return row  # a late retry of an older state
        if values.status == "resolved" and row.status != "resolved":
            await record_event(
                self.session,
                event_id=f"requests/{row.id}/resolved/{values.round}",
                event_type="request.resolved",
                client_id=str(row.client_id),
                payload={
                    "request_id": str(row.id),
                    "type": row.type_key,
                    "workflow_id": row.workflow_id,
                    "resolution": values.resolution,
                    "round": values.round,
                },
            )
        for name in (
            "status",
            "current_step",
            "due_at",
            "resolution",
            "first_response_at",
            "resolved_at",
            "closed_at",
            "round",
            "csat_score",
            "revision",
            "progress",
        ):
            setattr(row, name, getattr(values, name))
        row.current_step = row.current_step[:200]
        await self.session.flush()
        return row
