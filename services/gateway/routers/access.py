"""/v1/access-log: who viewed which client's KYC, holdings, transactions, audit and reports."""

from __future__ import annotations

from datetime import datetime

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Query
from pydantic import BaseModel

from services.common.protos import when
from services.gateway.deps import Services

router = APIRouter(tags=["audit"])


class AccessOut(BaseModel):
    at: datetime | None
    actor_id: str
    client_id: str
    what: str


class AccessPage(BaseModel):
    items: list[AccessOut]
    next_page_token: str | None


@router.get("/v1/access-log", response_model=AccessPage)
async def access_log(
    services: Services,
    client_id: str = Query("", max_length=64, description="Reads of this client's records"),
    user_id: str = Query("", max_length=64, description="Reads by this person"),
    page_size: int = Query(50, ge=1, le=200),
    page_token: str = Query("", max_length=500),
) -> AccessPage:
    """Who viewed which client's sensitive records, newest first (admins; name a client, a
    person or both)."""
    reply = await services.access_log.ListAccess(
        clients_pb2.ListAccessRequest(
            client_id=client_id, user_id=user_id, page_size=page_size, page_token=page_token
        ),
    )
    return AccessPage(
        items=[
            AccessOut(at=when(e, "at"), actor_id=e.actor_id, client_id=e.client_id, what=e.what)
            for e in reply.entries
        ],
        next_page_token=reply.next_page_token or None,
    )
