"""/v1/portal/capital-accounts and /v1/portal/capital-events: a signed-in investor's own
commitments and capital accounts, and the approved calls and distributions that allocate to
them with their status. Always the client of the session, never one the request names: the
services are asked by the portal's system identity for exactly that client. Their notices
are among their reports (`/v1/portal/reports`)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Request
from google.protobuf import json_format
from pydantic import BaseModel

from services.gateway.deadlines import POINT
from services.gateway.deps import service_clients
from services.gateway.portal_auth import CurrentClient
from services.gateway.routers.funds import AccountOut
from services.gateway.routers.portal import PORTAL_SYSTEM

router = APIRouter(tags=["portal"])


class PortalEventOut(BaseModel):
    id: uuid.UUID
    fund_code: str
    fund_name: str
    kind: Literal["call", "distribution"]
    distribution_kind: str
    currency: str
    decided_on: dt.date | None
    due_on: dt.date | None
    amount: str
    paid: str
    status: Literal["open", "partly_paid", "paid"]
    payment_reference: str
    overdue: bool


@router.get("/v1/portal/capital-accounts", response_model=list[AccountOut])
async def my_accounts(request: Request, client: CurrentClient) -> list[AccountOut]:
    reply = await service_clients(request).funds.ListCapitalAccounts(
        clients_pb2.ListCapitalAccountsRequest(client_id=client.client_id or ""),
        metadata=PORTAL_SYSTEM.to_metadata(),
        timeout=POINT,
    )
    return [
        AccountOut(
            **json_format.MessageToDict(
                a, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
            )
        )
        for a in reply.accounts
    ]


@router.get("/v1/portal/capital-events", response_model=list[PortalEventOut])
async def my_events(request: Request, client: CurrentClient) -> list[PortalEventOut]:
    """Approved calls and distributions with this investor's share, newest first (drafts and
    rejected ones are the firm's business)."""
    reply = await service_clients(request).funds.ListCapitalEvents(
        clients_pb2.ListCapitalEventsRequest(client_id=client.client_id or "", status="approved"),
        metadata=PORTAL_SYSTEM.to_metadata(),
        timeout=POINT,
    )
    today = dt.datetime.now(dt.UTC).date()
    out = []
    for event in reply.events:
        for share in event.allocations:
            due = dt.date.fromisoformat(event.due_on) if event.due_on else None
            out.append(
                PortalEventOut(
                    id=uuid.UUID(event.id),
                    fund_code=event.fund_code,
                    fund_name=event.fund_name,
                    kind=event.kind,
                    distribution_kind=event.distribution_kind,
                    currency=event.currency,
                    decided_on=dt.date.fromisoformat(event.decided_on)
                    if event.decided_on
                    else None,
                    due_on=due,
                    amount=share.amount,
                    paid=share.paid,
                    status=share.status,
                    payment_reference=share.payment_reference,
                    overdue=bool(
                        event.kind == "call" and due and due < today and share.status != "paid"
                    ),
                )
            )
    return out
