"""/v1/records/{type}/views: a person's saved views of a type's list (a name, the list's
`field:op:value` filters and sort). Each is its owner's alone; saving a name again replaces
that view. Registered before /v1/records/{type}/{record_id}."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Path, status
from pydantic import BaseModel, ConfigDict, Field

from services.common.protos import when
from services.gateway.deps import Services
from services.gateway.routers.custom_records import TYPE, record_filters

router = APIRouter(tags=["records"])


class ViewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100)
    filters: list[Annotated[str, Field(max_length=260)]] = Field(
        default_factory=list, max_length=10, description="field:op:value, as the list takes them"
    )
    sort: str = Field("", max_length=41, pattern=r"^-?[a-z][a-z0-9_]{0,39}$|^$")


class ViewOut(BaseModel):
    id: uuid.UUID
    type: str
    name: str
    filters: list[str]
    sort: str
    created_at: datetime | None


class ViewList(BaseModel):
    items: list[ViewOut]


def view_out(m: clients_pb2.RecordView) -> ViewOut:
    return ViewOut(
        id=uuid.UUID(m.id),
        type=m.type,
        name=m.name,
        filters=[f"{f.field}:{f.op}:{f.value}" for f in m.filters],
        sort=m.sort,
        created_at=when(m, "created_at"),
    )


@router.get("/v1/records/{type}/views", response_model=ViewList)
async def list_views(services: Services, type: str = TYPE) -> ViewList:
    """Your saved views of the type's list."""
    reply = await services.custom_records.ListRecordViews(
        clients_pb2.ListRecordViewsRequest(type=type)
    )
    return ViewList(items=[view_out(v) for v in reply.views])


@router.post(
    "/v1/records/{type}/views", response_model=ViewOut, status_code=status.HTTP_201_CREATED
)
async def save_view(body: ViewIn, services: Services, type: str = TYPE) -> ViewOut:
    """Save the list's filters and sort under a name (the same name replaces that view)."""
    reply = await services.custom_records.SaveRecordView(
        clients_pb2.SaveRecordViewRequest(
            type=type, name=body.name, filters=record_filters(body.filters), sort=body.sort
        )
    )
    return view_out(reply)


@router.delete(
    "/v1/records/{type}/views/{view_id}",
    response_model=ViewOut,
    responses={404: {"description": "No such view of yours"}},
)
async def delete_view(
    services: Services, view_id: Annotated[uuid.UUID, Path()], type: str = TYPE
) -> ViewOut:
    reply = await services.custom_records.DeleteRecordView(
        clients_pb2.DeleteRecordViewRequest(type=type, id=str(view_id))
    )
    return view_out(reply)
