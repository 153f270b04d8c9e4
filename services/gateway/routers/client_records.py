"""/v1/clients/{id}/…: a client's sub-records — related persons and links, holdings,
transactions, interactions, the audit trail (the clients service's `records.py`)."""

from __future__ import annotations

import logging
import uuid

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field

from services.gateway.client_schemas import (
    AuditPage,
    HoldingIn,
    HoldingOut,
    HoldingPage,
    InteractionIn,
    InteractionOut,
    InteractionPage,
    LinkIn,
    LinkOut,
    RelatedPersonIn,
    RelatedPersonOut,
    TransactionIn,
    TransactionOut,
    TransactionPage,
    as_dict,
)
from services.gateway.deps import Services
from services.gateway.params import NOT_YOURS, PageSize, PageToken

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/clients", tags=["clients"])

KINDS_IN = {
    "individual": clients_pb2.CLIENT_KIND_INDIVIDUAL,
    "institution": clients_pb2.CLIENT_KIND_INSTITUTION,
}


@router.post(
    "/{client_id}/related-persons",
    status_code=201,
    response_model=RelatedPersonOut,
    responses=NOT_YOURS,
)
async def add_related_person(
    client_id: uuid.UUID, body: RelatedPersonIn, services: Services
) -> RelatedPersonOut:
    """Add a person around the client (decision maker, influencer, family member, assistant)."""
    person = clients_pb2.RelatedPerson(
        **{k: v for k, v in body.model_dump().items() if v is not None}
    )
    message = await services.clients.AddRelatedPerson(
        clients_pb2.AddRelatedPersonRequest(client_id=str(client_id), person=person),
    )
    return RelatedPersonOut.model_validate(as_dict(message))


@router.delete("/{client_id}/related-persons/{person_id}", status_code=204, responses=NOT_YOURS)
async def remove_related_person(
    client_id: uuid.UUID, person_id: uuid.UUID, services: Services
) -> Response:
    """Remove a related person."""
    await services.clients.RemoveRelatedPerson(
        clients_pb2.RemoveRelatedPersonRequest(client_id=str(client_id), person_id=str(person_id)),
    )
    return Response(status_code=204)


@router.post("/{client_id}/links", status_code=201, response_model=LinkOut, responses=NOT_YOURS)
async def link_clients(client_id: uuid.UUID, body: LinkIn, services: Services) -> LinkOut:
    """Link two clients (family, same group, referred by)."""
    message = await services.clients.LinkClients(
        clients_pb2.LinkClientsRequest(
            client_id=str(client_id), related_client_id=str(body.related_client_id), kind=body.kind
        ),
    )
    return LinkOut.model_validate(as_dict(message))


@router.put("/{client_id}/holdings/{product_code}", response_model=HoldingOut, responses=NOT_YOURS)
async def put_holding(
    client_id: uuid.UUID,
    body: HoldingIn,
    services: Services,
    product_code: str = Path(min_length=1, max_length=64, pattern=r"^[\w.\-]+$"),
) -> HoldingOut:
    """Set the client's position in one product; AUM follows."""
    holding = clients_pb2.Holding(
        product_code=product_code,
        product_name=body.product_name or "",
        units=body.units,
        cost=body.cost,
        market_value=body.market_value,
        currency=body.currency,
        as_of=body.as_of.isoformat() if body.as_of else "",
    )
    message = await services.clients.UpsertHolding(
        clients_pb2.UpsertHoldingRequest(client_id=str(client_id), holding=holding),
    )
    return HoldingOut.model_validate(as_dict(message))


@router.get("/{client_id}/holdings", response_model=HoldingPage, responses=NOT_YOURS)
async def list_holdings(
    client_id: uuid.UUID,
    services: Services,
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> HoldingPage:
    """The client's holdings."""
    reply = await services.clients.ListHoldings(
        clients_pb2.ClientPageRequest(
            client_id=str(client_id), page_size=page_size, page_token=page_token
        ),
    )
    return HoldingPage(
        items=[HoldingOut.model_validate(as_dict(m)) for m in reply.holdings],
        next_page_token=reply.next_page_token or None,
    )


@router.post(
    "/{client_id}/transactions",
    status_code=201,
    response_model=TransactionOut,
    responses={
        **NOT_YOURS,
        200: {"description": "Already recorded: the first record", "model": TransactionOut},
    },
)
async def record_transaction(
    client_id: uuid.UUID,
    body: TransactionIn,
    services: Services,
    response: Response,
) -> TransactionOut:
    """Record a transaction; the same external_id again returns the first record (200)."""
    transaction = clients_pb2.Transaction(
        external_id=body.external_id,
        kind=body.kind,
        product_code=body.product_code or "",
        amount=body.amount,
        currency=body.currency,
    )
    transaction.occurred_at.FromDatetime(body.occurred_at)
    reply = await services.clients.RecordTransaction(
        clients_pb2.RecordTransactionRequest(client_id=str(client_id), transaction=transaction),
    )
    if not reply.created:
        response.status_code = 200
    return TransactionOut.model_validate(as_dict(reply.transaction))


@router.get("/{client_id}/transactions", response_model=TransactionPage, responses=NOT_YOURS)
async def list_transactions(
    client_id: uuid.UUID,
    services: Services,
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> TransactionPage:
    """The client's transactions, newest first."""
    reply = await services.clients.ListTransactions(
        clients_pb2.ClientPageRequest(
            client_id=str(client_id), page_size=page_size, page_token=page_token
        ),
    )
    return TransactionPage(
        items=[TransactionOut.model_validate(as_dict(m)) for m in reply.transactions],
        next_page_token=reply.next_page_token or None,
    )


@router.post(
    "/{client_id}/interactions", status_code=201, response_model=InteractionOut, responses=NOT_YOURS
)
async def record_interaction(
    client_id: uuid.UUID, body: InteractionIn, services: Services
) -> InteractionOut:
    """Add a touchpoint to the timeline (by you)."""
    interaction = clients_pb2.Interaction(
        channel=body.channel, direction=body.direction, summary=body.summary
    )
    if body.occurred_at is not None:
        interaction.occurred_at.FromDatetime(body.occurred_at)
    message = await services.clients.RecordInteraction(
        clients_pb2.RecordInteractionRequest(client_id=str(client_id), interaction=interaction),
    )
    return InteractionOut.model_validate(as_dict(message))


class ExcludedOut(BaseModel):
    interactions_removed: int
    attachments_removed: int
    excluded: bool = Field(description="gone from every timeline (none left in another book)")


@router.post(
    "/{client_id}/interactions/{interaction_id}:exclude",
    response_model=ExcludedOut,
    responses={**NOT_YOURS, 409: {"description": "Logged by a person, not captured"}},
)
async def exclude_captured(
    client_id: uuid.UUID, interaction_id: uuid.UUID, services: Services
) -> ExcludedOut:
    """Take a captured e-mail or WeCom message off the record (a personal message, say): off
    the timelines of the clients you see, its attachments deleted, never captured again."""
    reply = await services.capture.ExcludeCapturedMessage(
        clients_pb2.ExcludeCapturedRequest(
            client_id=str(client_id), interaction_id=str(interaction_id)
        )
    )
    return ExcludedOut(
        interactions_removed=reply.interactions_removed,
        attachments_removed=reply.attachments_removed,
        excluded=reply.excluded,
    )


@router.get("/{client_id}/interactions", response_model=InteractionPage, responses=NOT_YOURS)
async def list_interactions(
    client_id: uuid.UUID,
    services: Services,
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> InteractionPage:
    """The interaction timeline, newest first."""
    reply = await services.clients.ListInteractions(
        clients_pb2.ClientPageRequest(
            client_id=str(client_id), page_size=page_size, page_token=page_token
        ),
    )
    return InteractionPage(
        items=[InteractionOut.model_validate(as_dict(m)) for m in reply.interactions],
        next_page_token=reply.next_page_token or None,
    )


@router.get("/{client_id}/audit", response_model=AuditPage, responses=NOT_YOURS)
async def list_audit(
    client_id: uuid.UUID,
    services: Services,
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> AuditPage:
    """Every change to the client and its sub-records: who, when, before and after."""
    reply = await services.clients.ListAudit(
        clients_pb2.ClientPageRequest(
            client_id=str(client_id), page_size=page_size, page_token=page_token
        ),
    )
    return AuditPage.model_validate(
        {
            "items": [as_dict(m) for m in reply.entries],
            "next_page_token": reply.next_page_token or None,
        }
    )
