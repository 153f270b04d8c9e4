"""/v1/clients: the client record, the 360° view, tier and lifecycle stage; the sub-records
are in `client_records.py`."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import datetime
from typing import Annotated, Any

import grpc
from clientflow.clients.v1 import clients_pb2
from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Header, Query, Response, status
from google.protobuf import json_format, struct_pb2
from google.protobuf.field_mask_pb2 import FieldMask

from services.common.errors import ErrorCode
from services.common.grpc_client import ServiceClients
from services.common.grpc_errors import from_rpc_error
from services.gateway.client_schemas import (
    ClientCreate,
    ClientOut,
    ClientPage,
    ClientPatch,
    ClientViewOut,
    RecomputeOut,
    StageHistoryPage,
    StageIn,
    TierHistoryPage,
    TierOverrideIn,
    as_dict,
    client_out,
    etag,
)
from services.gateway.deps import Services
from services.gateway.errors import problem
from services.gateway.params import NOT_YOURS, PageSize, PageToken

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/clients", tags=["clients"])

KINDS_IN = {
    "individual": clients_pb2.CLIENT_KIND_INDIVIDUAL,
    "institution": clients_pb2.CLIENT_KIND_INSTITUTION,
}


def _fields(
    body: ClientCreate | ClientPatch, names: set[str]
) -> tuple[clients_pb2.ClientFields, list[str]]:
    """The body as ClientFields, and the field names it carries."""
    fields = clients_pb2.ClientFields()
    paths = []
    for name in sorted(names):
        value = getattr(body, name)
        paths.append(name)
        if value is None:
            continue
        if name == "kind":
            fields.kind = KINDS_IN[value]
        elif name in ("risk_answers", "custom_fields"):
            json_format.ParseDict(value, getattr(fields, name))
        elif name in ("tags", "investment_preferences"):
            getattr(fields, name).extend(value)
        elif name == "external_ids":
            fields.external_ids.extend(
                clients_pb2.ExternalId(**item.model_dump()) for item in value
            )
        else:
            setattr(fields, name, value.isoformat() if hasattr(value, "isoformat") else value)
    if "custom_fields" in names and body.custom_fields is not None:
        # null inside custom_fields removes that value; Struct keeps explicit nulls
        for key, value in body.custom_fields.items():
            if value is None:
                fields.custom_fields.fields[key].null_value = struct_pb2.NULL_VALUE
    return fields, paths


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ClientOut)
async def create_client(
    body: ClientCreate,
    services: Services,
    response: Response,
    idempotency_key: Annotated[
        str,
        Header(
            max_length=200,
            description="Retry-safe creation: the same key and body return the client the "
            "first request created; the same key with another body is 409.",
        ),
    ] = "",
) -> ClientOut:
    """Create a client; an advisor creates clients for themselves."""
    fields, _ = _fields(body, set(body.model_fields_set) | {"kind"})
    message = await services.clients.CreateClient(
        clients_pb2.CreateClientRequest(
            kind=KINDS_IN[body.kind],
            name=body.name,
            advisor_id=body.advisor_id or "",
            team_id=body.team_id or "",
            fields=fields,
            idempotency_key=idempotency_key,
        ),
    )
    response.headers["Location"] = f"/v1/clients/{message.id}"
    response.headers["ETag"] = etag(message)
    return client_out(message)


@router.get("", response_model=ClientPage)
async def list_clients(
    services: Services,
    tier: Annotated[list[str] | None, Query(max_length=3)] = None,
    stage: Annotated[list[str] | None, Query(max_length=7)] = None,
    tag: Annotated[list[str] | None, Query(max_length=20, description="any of these tags")] = None,
    advisor_id: Annotated[list[str] | None, Query(max_length=50)] = None,
    team_id: Annotated[list[str] | None, Query(max_length=50)] = None,
    risk_level: Annotated[list[str] | None, Query(max_length=5)] = None,
    aum_min: Annotated[str | None, Query(pattern=r"^\d{1,18}(\.\d+)?$")] = None,
    aum_max: Annotated[str | None, Query(pattern=r"^\d{1,18}(\.\d+)?$")] = None,
    last_activity_before: datetime | None = None,
    last_activity_after: datetime | None = None,
    last_contact_before: datetime | None = None,
    last_contact_after: datetime | None = None,
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> ClientPage:
    """Clients you may see, newest first, filtered."""
    raw: dict[str, Any] = {
        "tiers": tier or [],
        "stages": stage or [],
        "tags_any": tag or [],
        "advisor_ids": advisor_id or [],
        "team_ids": team_id or [],
        "risk_levels": risk_level or [],
        "aum_min": aum_min or "",
        "aum_max": aum_max or "",
    }
    for name, value in (
        ("last_activity_before", last_activity_before),
        ("last_activity_after", last_activity_after),
        ("last_contact_before", last_contact_before),
        ("last_contact_after", last_contact_after),
    ):
        if value is not None:
            raw[name] = value.isoformat() if value.tzinfo else value.isoformat() + "Z"
    client_filter = json_format.ParseDict(raw, clients_pb2.ClientFilter())
    reply = await services.clients.ListClients(
        clients_pb2.ListClientsRequest(
            filter=client_filter, page_size=page_size, page_token=page_token
        ),
    )
    return ClientPage(
        items=[client_out(m) for m in reply.clients], next_page_token=reply.next_page_token or None
    )


@router.get(":search", response_model=ClientPage)
async def search_clients(
    services: Services,
    q: Annotated[
        str, Query(min_length=1, max_length=200, description="prefix of name, phone or email")
    ],
    page_size: PageSize = 20,
    page_token: PageToken = "",
) -> ClientPage:
    """Prefix search over name, phone and email among clients you may see."""
    reply = await services.clients.SearchClients(
        clients_pb2.SearchClientsRequest(query=q, page_size=page_size, page_token=page_token),
    )
    return ClientPage(
        items=[client_out(m) for m in reply.clients], next_page_token=reply.next_page_token or None
    )


@router.post(":recompute-tiers", response_model=RecomputeOut, tags=["tiers"])
async def recompute_all_tiers(services: Services) -> RecomputeOut:
    """Re-score every client with the current scorecard (admin)."""
    reply = await services.clients.RecomputeTiers(clients_pb2.RecomputeTiersRequest())
    return RecomputeOut(evaluated=reply.evaluated, changed=reply.changed)


@router.post(":evaluate-lifecycle", response_model=RecomputeOut, tags=["lifecycle"])
async def evaluate_all_lifecycles(services: Services) -> RecomputeOut:
    """Apply the lifecycle rules to every client (admin)."""
    reply = await services.clients.EvaluateLifecycle(clients_pb2.EvaluateLifecycleRequest())
    return RecomputeOut(evaluated=reply.evaluated, changed=reply.changed)


@router.get("/{client_id}", response_model=ClientOut, responses=NOT_YOURS)
async def get_client(client_id: uuid.UUID, services: Services, response: Response) -> ClientOut:
    """One client. Another advisor's client is a 404."""
    message = await services.clients.GetClient(clients_pb2.GetClientRequest(id=str(client_id)))
    response.headers["ETag"] = etag(message)
    return client_out(message)


def _if_match_version(value: str | None) -> int | None:
    if value is None:
        return None
    found = re.fullmatch(r'\s*(?:W/)?"(\d{1,18})"\s*', value)
    return int(found.group(1)) if found else -1


@router.patch(
    "/{client_id}",
    response_model=ClientOut,
    responses={**NOT_YOURS, 412: {"description": "If-Match does not match the current version"}},
)
async def update_client(
    client_id: uuid.UUID,
    body: ClientPatch,
    services: Services,
    response: Response,
    if_match: Annotated[str | None, Header(max_length=100)] = None,
) -> Any:
    """Change the fields present in the body (null clears one). Send If-Match with the ETag
    you read to refuse the change if someone else changed the client meanwhile."""
    expected = _if_match_version(if_match)
    if expected == -1:
        return problem(
            412, f"If-Match {if_match!r} matches no version of client {client_id}", code="ABORTED"
        )
    fields, paths = _fields(body, set(body.model_fields_set))
    try:
        message = await services.clients.UpdateClient(
            clients_pb2.UpdateClientRequest(
                id=str(client_id),
                expected_version=expected or 0,
                fields=fields,
                update_mask=FieldMask(paths=paths),
            ),
        )
    except grpc.RpcError as error:
        domain = from_rpc_error(error)
        if domain.code is ErrorCode.ABORTED and expected is not None:
            return problem(412, domain.message, code="ABORTED")
        raise
    response.headers["ETag"] = etag(message)
    if {"advisor_id", "team_id"} & body.model_fields_set:
        await follow_client(services, str(client_id))
    return client_out(message)


async def follow_client(services: ServiceClients, client_id: str) -> None:
    """The client's running processes take its new advisor, team or tier as search
    attributes (operators find them by it). Best effort: the change itself is already made,
    and a process that missed it is brought up to date by the next change."""
    try:
        await services.processes.RefreshClientAttributes(
            workflows_pb2.RefreshClientAttributesRequest(client_id=client_id),
        )
    except grpc.RpcError as error:
        log.warning("process search attributes not refreshed: %s", from_rpc_error(error).message)


@router.get("/{client_id}/view", response_model=ClientViewOut, responses=NOT_YOURS)
async def client_view(client_id: uuid.UUID, services: Services) -> ClientViewOut:
    """The 360° view: the client, holdings summary, recent activity, tier and stage with reasons."""
    message = await services.clients.GetClientView(clients_pb2.GetClientRequest(id=str(client_id)))
    data = as_dict(message)
    data["client"] = client_out(message.client).model_dump()
    if not message.HasField("tier_reason"):
        data["tier_reason"] = None
    if not message.HasField("stage_reason"):
        data["stage_reason"] = None
    return ClientViewOut.model_validate(data)


@router.get(
    "/{client_id}/tier-history", response_model=TierHistoryPage, responses=NOT_YOURS, tags=["tiers"]
)
async def tier_history(
    client_id: uuid.UUID,
    services: Services,
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> TierHistoryPage:
    """Why the client has its tier: every change with its score and inputs."""
    reply = await services.clients.ListTierHistory(
        clients_pb2.ClientPageRequest(
            client_id=str(client_id), page_size=page_size, page_token=page_token
        ),
    )
    return TierHistoryPage.model_validate(
        {
            "items": [as_dict(m) for m in reply.changes],
            "next_page_token": reply.next_page_token or None,
        }
    )


@router.post(
    "/{client_id}/tier:override", response_model=ClientOut, responses=NOT_YOURS, tags=["tiers"]
)
async def override_tier(
    client_id: uuid.UUID, body: TierOverrideIn, services: Services
) -> ClientOut:
    """Pin a tier with a reason (manager/admin); null clears the pin."""
    message = await services.clients.OverrideTier(
        clients_pb2.OverrideTierRequest(
            client_id=str(client_id), tier=body.tier or "", reason=body.reason
        ),
    )
    await follow_client(services, str(client_id))
    return client_out(message)


@router.post(
    "/{client_id}/tier:recompute", response_model=RecomputeOut, responses=NOT_YOURS, tags=["tiers"]
)
async def recompute_tier(client_id: uuid.UUID, services: Services) -> RecomputeOut:
    """Re-score this client with the current scorecard."""
    reply = await services.clients.RecomputeTiers(
        clients_pb2.RecomputeTiersRequest(client_id=str(client_id)),
    )
    if reply.changed:
        await follow_client(services, str(client_id))
    return RecomputeOut(evaluated=reply.evaluated, changed=reply.changed)


@router.put("/{client_id}/stage", response_model=ClientOut, responses=NOT_YOURS)
async def set_stage(client_id: uuid.UUID, body: StageIn, services: Services) -> ClientOut:
    """Move the client to a lifecycle stage, with a reason."""
    message = await services.clients.SetLifecycleStage(
        clients_pb2.SetLifecycleStageRequest(
            client_id=str(client_id), stage=body.stage, reason=body.reason
        ),
    )
    return client_out(message)


@router.get("/{client_id}/stage-history", response_model=StageHistoryPage, responses=NOT_YOURS)
async def stage_history(
    client_id: uuid.UUID,
    services: Services,
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> StageHistoryPage:
    """Every lifecycle move with who or which rule made it."""
    reply = await services.clients.ListStageHistory(
        clients_pb2.ClientPageRequest(
            client_id=str(client_id), page_size=page_size, page_token=page_token
        ),
    )
    return StageHistoryPage.model_validate(
        {
            "items": [as_dict(m) for m in reply.changes],
            "next_page_token": reply.next_page_token or None,
        }
    )


@router.post(
    "/{client_id}/stage:evaluate",
    response_model=RecomputeOut,
    responses=NOT_YOURS,
    tags=["lifecycle"],
)
async def evaluate_lifecycle(client_id: uuid.UUID, services: Services) -> RecomputeOut:
    """Apply the lifecycle rules to this client; a move is recorded with its rule and inputs."""
    reply = await services.clients.EvaluateLifecycle(
        clients_pb2.EvaluateLifecycleRequest(client_id=str(client_id)),
    )
    return RecomputeOut(evaluated=reply.evaluated, changed=reply.changed)
