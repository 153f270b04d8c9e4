"""Clients' requests: the types, filing a request (which starts its ServiceRequest process),
the projection the process writes, who sees which request, the conversation (internal notes
and client messages, two tables), and the client's and staff's actions on a request, which
are Updates on its process.

Who sees a request: staff who see its client (asked of the clients service with their
identity; a list is filtered by the request's advisor and team as the clients service scopes
clients), and the client themself (a portal actor, `client:{id}`). Anyone else gets NOT_FOUND.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2_grpc
from sqlalchemy import ColumnElement, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError

from services.common.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.grpc_errors import from_rpc_error
from services.common.identity import FIRM_WIDE_ROLES, SYSTEM_ACTOR, Actor, Role
from services.common.ids import parse_id
from services.common.pagination import encode_cursor, page_size, parse_cursor
from services.common.temporal import process_search_attributes
from services.workflows.contract import (
    PROCESSES_TASK_QUEUE,
    RequestAction,
    RequestProgressView,
)
from services.workflows.service.models import (
    RequestType,
    ServiceRequest,
)
from services.workflows.service.processes import with_defaults
from services.workflows.service.request_conversation import RequestConversation, missing
from services.workflows.service.request_projection import RequestWorkerSide
from services.workflows.service.request_type_store import RequestTypes
from services.workflows.service.request_types import (
    KEY,
    RequestTypeDef,
    check_fields,
    first_progress,
    holding_limits,
)
from services.workflows.service.tasks import from_update_failure
from services.workflows.settings import ProcessDefaults
from services.workflows.worker.processes import service_request

STATUS_GROUPS = {
    "open": ("open", "awaiting_client"),
    "resolved": ("resolved",),
    "closed": ("closed", "rejected", "cancelled"),
}
ACTIONS = {"reopen": "reopen_request", "confirm": "confirm_resolution", "rate": "rate_request"}
MAX_BODY = 4000


FILED_WITHIN = timedelta(days=30)


def _filed_at(actor: Actor, filed_at: datetime | None) -> datetime:
    """When the request counts as filed: now, or (staff, services) when the client filed it
    on another channel, up to 30 days back; never in the future."""
    now = datetime.now(UTC)
    if filed_at is None:
        return now
    if actor.is_client:
        raise InvalidArgument("filed_at", filed_at.isoformat(), "is set by staff only")
    if filed_at > now + timedelta(minutes=5) or filed_at < now - FILED_WITHIN:
        raise InvalidArgument(
            "filed_at", filed_at.isoformat(), "must be in the past 30 days, not in the future"
        )
    return min(filed_at, now)


def _differences(row: ServiceRequest, **wanted: Any) -> list[str]:
    """The names of the filed request's parts that another filing under its id changes."""
    have = {
        "client_id": row.client_id,
        "type_key": row.type_key,
        "subject": row.subject,
        "fields": row.fields,
    }
    wanted["subject"] = str(wanted["subject"]).strip()
    return [name for name, value in wanted.items() if have[name] != value]


class RequestService(RequestConversation, RequestWorkerSide):
    def __init__(
        self,
        session: AsyncSession,
        temporal: Client | None,
        clients: clients_pb2_grpc.ClientsServiceStub,
        *,
        task_queue: str = PROCESSES_TASK_QUEUE,
        defaults: ProcessDefaults | None = None,
        reporting: reporting_pb2_grpc.ReportingServiceStub | None = None,
    ) -> None:
        self.session = session
        self.temporal = temporal
        self.clients = clients
        self.reporting = reporting
        self.task_queue = task_queue
        self.defaults = defaults or ProcessDefaults()
        self.types = RequestTypes(session)

    # -- who sees what -----------------------------------------------------------------

    async def _client(self, actor: Actor, client_id: str) -> clients_pb2.Client:
        """The client as `actor` may see it: staff through the clients service's scope; a
        portal client only themself (read as the system)."""
        parse_id("client_id", client_id, "a client id")
        if actor.is_client:
            if actor.client_id != client_id:
                raise NotFound(f"client {client_id} not found", field="client_id", value=client_id)
            who = SYSTEM_ACTOR
        else:
            who = actor
        try:
            client: clients_pb2.Client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id), metadata=who.to_metadata(), timeout=10
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        return client

    async def _check_holdings(
        self, actor: Actor, client_id: str, limits: list[tuple[str, str]], fields: dict[str, Any]
    ) -> None:
        """A number bounded by the client's holding of the product named (a redemption of
        more than is held) is refused; a product the record holds nothing of is not checked."""
        if not limits:
            return
        who = SYSTEM_ACTOR if actor.is_client else actor
        try:
            reply = await self.clients.ListHoldings(
                clients_pb2.ClientPageRequest(client_id=client_id, page_size=200),
                metadata=who.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        for name, product in limits:
            wanted = product.strip().casefold()
            held = [
                h
                for h in reply.holdings
                if wanted in (h.product_code.casefold(), h.product_name.strip().casefold())
            ]
            if not held:
                continue
            total = sum((Decimal(h.market_value or "0") for h in held), Decimal(0))
            if Decimal(str(fields[name])) > total:
                raise InvalidArgument(
                    f"fields.{name}",
                    fields[name],
                    f"is more than the client holds of {product} ({total:f})",
                )

    async def _visible(self, actor: Actor, request_id: str) -> ServiceRequest:
        key = parse_id("id", request_id, "a request id")
        row = await self.session.get(ServiceRequest, key)
        if row is None:
            raise missing(request_id)
        if actor.is_client:
            if actor.client_id != row.client_id:
                raise missing(request_id)
            return row
        if actor.has(Role.SERVICE):
            return row
        try:
            await self._client(actor, row.client_id)
        except (NotFound, PermissionDenied):
            raise missing(request_id) from None
        return row

    def _scope(self, actor: Actor) -> list[ColumnElement[bool]]:
        if actor.is_client:
            return [ServiceRequest.client_id == (actor.client_id or "-")]
        if actor.has(*FIRM_WIDE_ROLES):
            return []
        if actor.has(Role.MANAGER):
            return [ServiceRequest.team_id.in_(sorted(actor.managed_teams))]
        if actor.has(Role.ADVISOR):
            return [ServiceRequest.advisor_id == actor.user_id]
        raise PermissionDenied(f"user {actor.user_id} has no role that may see requests")

    # -- types ---------------------------------------------------------------------------

    async def _type(self, key: str) -> tuple[RequestType, RequestTypeDef]:
        row = await self.types.latest(key) if KEY.match(key or "") else None
        if row is None or row.retired:
            known = ", ".join(t.key for t in await self.types.all_latest(False))
            raise InvalidArgument("type", key, f"is not a request type; one of {known}")
        return row, RequestTypeDef.model_validate(row.definition)

    # -- filing --------------------------------------------------------------------------

    async def create(
        self,
        actor: Actor,
        *,
        client_id: str,
        type_key: str,
        subject: str,
        fields: dict[str, Any],
        request_id: str = "",
        filed_at: datetime | None = None,
    ) -> ServiceRequest:
        if self.temporal is None:
            raise FailedPrecondition("this workflows service has no Temporal connection")
        if len(subject) > 200:
            raise InvalidArgument("subject", subject[:40] + "...", "must be at most 200 characters")
        opened_at = _filed_at(actor, filed_at)
        row_type, definition = await self._type(type_key)
        clean = check_fields(definition, fields)
        client = await self._client(actor, client_id)
        await self._check_holdings(actor, client.id, holding_limits(definition, clean), clean)
        key = parse_id("request_id", request_id, "a UUID") if request_id else uuid.uuid4()
        existing = await self.session.get(ServiceRequest, key)
        if existing is not None:
            # Stripe's semantics: the same id and the same request is the first answer; the
            # same id with anything else is a conflict naming what differs.
            differs = _differences(
                existing, client_id=client.id, type_key=type_key, subject=subject, fields=clean
            )
            if differs:
                raise AlreadyExists(
                    f"request_id={request_id!r} was used for a request with another "
                    + ", ".join(differs),
                    field="request_id",
                    value=request_id,
                    extra={"differs": ",".join(differs)},
                )
            return existing
        workflow_id = service_request.request_workflow_id(client.id, str(key))
        row = ServiceRequest(
            id=key,
            workflow_id=workflow_id,
            type_key=type_key,
            type_version=row_type.version,
            client_id=client.id,
            advisor_id=client.advisor_id,
            team_id=client.team_id,
            tier=client.tier,
            subject=subject.strip(),
            fields=clean,
            channel="portal" if actor.is_client else "staff",
            created_by=actor.user_id,
            status="open",
            current_step="received",
            resolution="",
            opened_at=opened_at,
            round=1,
            csat_score=0,
            progress=first_progress(definition),
            revision=0,
        )
        self.session.add(row)
        await self.session.flush()
        values = with_defaults(self.defaults, client, {})
        second = self.defaults.compliance_user if definition.effect == "complaint" else ""
        params = service_request.ServiceRequestInput(
            request_id=str(key),
            client_id=client.id,
            advisor_id=client.advisor_id,
            type_key=type_key,
            subject=row.subject,
            fields_json=json.dumps(clean, ensure_ascii=False),
            channel=row.channel,
            created_by=actor.user_id,
            team_id=client.team_id,
            tier=client.tier,
            manager_id=values.get("manager_id", ""),
            second_level_id=second,
            timezone=client.timezone or "Asia/Shanghai",
            filed_at=opened_at.isoformat() if filed_at else "",
        )
        with contextlib.suppress(WorkflowAlreadyStartedError):  # a retried call
            await self.temporal.start_workflow(
                "ServiceRequest",
                params,
                id=workflow_id,
                task_queue=self.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
                search_attributes=process_search_attributes(client, service_request.KIND),
            )
        return row

    # -- reading -------------------------------------------------------------------------

    async def get(self, actor: Actor, request_id: str) -> ServiceRequest:
        return await self._visible(actor, request_id)

    async def page(
        self,
        actor: Actor,
        *,
        client_id: str,
        status: str,
        type_key: str,
        size: int,
        token: str,
    ) -> tuple[list[ServiceRequest], str]:
        limit = page_size(size)
        clauses = self._scope(actor)
        if client_id:
            await self._client(actor, client_id)
            clauses = [ServiceRequest.client_id == client_id]
        if status:
            if status not in STATUS_GROUPS:
                raise InvalidArgument(
                    "status", status, f"must be one of {', '.join(STATUS_GROUPS)}"
                )
            clauses.append(ServiceRequest.status.in_(STATUS_GROUPS[status]))
        if type_key:
            clauses.append(ServiceRequest.type_key == type_key)
        after = parse_cursor(token, lambda v: (datetime.fromisoformat(v[0]), uuid.UUID(v[1])))
        statement = select(ServiceRequest).where(*clauses)
        if after is not None:
            statement = statement.where(tuple_(ServiceRequest.opened_at, ServiceRequest.id) < after)
        statement = statement.order_by(
            ServiceRequest.opened_at.desc(), ServiceRequest.id.desc()
        ).limit(limit + 1)
        rows = list((await self.session.execute(statement)).scalars())
        next_token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            last = rows[-1]
            next_token = encode_cursor([last.opened_at.isoformat(), str(last.id)])
        return rows, next_token

    # -- acting on a request -------------------------------------------------------------

    async def act(
        self,
        actor: Actor,
        request_id: str,
        action: str,
        *,
        reason: str = "",
        accepted: bool = True,
        score: int = 0,
        comment: str = "",
    ) -> ServiceRequest:
        if action not in ACTIONS:
            raise InvalidArgument("action", action, f"must be one of {', '.join(ACTIONS)}")
        row = await self._visible(actor, request_id)
        if action in ("confirm", "rate") and not actor.is_client:
            raise PermissionDenied(f"only the client may {action} a request")
        if len(reason) > 1000 or len(comment) > 2000:
            raise InvalidArgument("comment", comment[:40], "is too long")
        if self.temporal is None:
            raise FailedPrecondition("this workflows service has no Temporal connection")
        handle = self.temporal.get_workflow_handle(row.workflow_id)
        update = RequestAction(
            actor_user=actor.user_id,
            actor_kind="client" if actor.is_client else "staff",
            reason=reason,
            accepted=accepted,
            score=score,
            comment=comment,
        )
        try:
            view = await handle.execute_update(
                ACTIONS[action], update, result_type=RequestProgressView
            )
        except WorkflowUpdateFailedError as error:
            raise from_update_failure(error) from None
        except RPCError:
            raise FailedPrecondition(
                f"request {request_id} is {row.status}: it no longer takes a {action}",
                field="action",
                value=action,
            ) from None
        await self.session.refresh(row)
        # The process's answer is newer than its projection: what the client just did shows
        # at once (the next projection, a higher revision, carries it too).
        row.progress = {
            **(row.progress or {}),
            "rated": view.rated,
            "rating_open": view.rating_open,
        }
        return row
