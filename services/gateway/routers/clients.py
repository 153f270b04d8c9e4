"""/v1/clients: the client record."""

from __future__ import annotations

import uuid
from datetime import UTC

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Response, status

from services.gateway.deps import CurrentActor, Services
from services.gateway.schemas import ClientCreate, ClientOut

router = APIRouter(prefix="/v1/clients", tags=["clients"])

_KINDS = {
    clients_pb2.CLIENT_KIND_INDIVIDUAL: "individual",
    clients_pb2.CLIENT_KIND_INSTITUTION: "institution",
}
_KINDS_IN = {name: value for value, name in _KINDS.items()}


def client_out(message: clients_pb2.Client) -> ClientOut:
    """Message -> response body."""
    return ClientOut(
        id=uuid.UUID(message.id),
        kind=_KINDS[message.kind],
        name=message.name,
        advisor_id=message.advisor_id,
        team_id=message.team_id or None,
        version=message.version,
        created_at=message.created_at.ToDatetime(tzinfo=UTC),
        updated_at=message.updated_at.ToDatetime(tzinfo=UTC),
    )


def etag(message: clients_pb2.Client) -> str:
    """A weak ETag from the record's version (for If-Match on updates)."""
    return f'W/"{message.version}"'


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ClientOut)
async def create_client(
    body: ClientCreate, actor: CurrentActor, services: Services, response: Response
) -> ClientOut:
    """Create a client; an advisor creates clients for themselves."""
    message = await services.clients.CreateClient(
        clients_pb2.CreateClientRequest(
            kind=_KINDS_IN[body.kind.value],
            name=body.name,
            advisor_id=body.advisor_id or "",
            team_id=body.team_id or "",
        ),
        metadata=actor.to_metadata(),
        timeout=10,
    )
    response.headers["Location"] = f"/v1/clients/{message.id}"
    response.headers["ETag"] = etag(message)
    return client_out(message)


@router.get(
    "/{client_id}",
    response_model=ClientOut,
    responses={404: {"description": "No such client, or not yours"}},
)
async def get_client(
    client_id: uuid.UUID, actor: CurrentActor, services: Services, response: Response
) -> ClientOut:
    """One client. Another advisor's client is a 404."""
    message = await services.clients.GetClient(
        clients_pb2.GetClientRequest(id=str(client_id)), metadata=actor.to_metadata(), timeout=10
    )
    response.headers["ETag"] = etag(message)
    return client_out(message)
