"""/v1/me: the signed-in user and their inbox."""

from __future__ import annotations

import uuid
from datetime import UTC

from clientflow.notifications.v1 import notifications_pb2
from fastapi import APIRouter, Query

from services.common.protos import when
from services.gateway.deps import CurrentActor, Services
from services.gateway.schemas import InboxMessageOut, InboxPage, Me

router = APIRouter(prefix="/v1/me", tags=["me"])


@router.get("", response_model=Me)
async def me(actor: CurrentActor) -> Me:
    """Who the bearer token says you are, with the teams the directory gives you."""
    return Me(
        user_id=actor.user_id,
        roles=sorted(actor.roles),
        team_id=actor.team_id,
        managed_team_ids=sorted(actor.managed_teams),
    )


@router.get("/inbox", response_model=InboxPage)
async def inbox(
    actor: CurrentActor,
    services: Services,
    page_size: int = Query(50, ge=1, le=200),
    page_token: str = Query("", max_length=500),
) -> InboxPage:
    """Your in-app messages, newest first."""
    reply = await services.notifications.ListInbox(
        notifications_pb2.ListInboxRequest(
            user_id=actor.user_id, page_size=page_size, page_token=page_token
        ),
    )
    return InboxPage(
        items=[_message_out(m) for m in reply.messages],
        next_page_token=reply.next_page_token or None,
    )


@router.post("/inbox/{message_id}/read", response_model=InboxMessageOut)
async def mark_read(message_id: uuid.UUID, services: Services) -> InboxMessageOut:
    """Mark one of your inbox messages read (repeating it changes nothing)."""
    reply = await services.notifications.MarkInboxRead(
        notifications_pb2.MarkInboxReadRequest(id=str(message_id)),
    )
    return _message_out(reply)


def _message_out(m: notifications_pb2.InboxMessage) -> InboxMessageOut:
    return InboxMessageOut(
        id=uuid.UUID(m.id),
        title=m.title,
        body=m.body,
        created_at=m.created_at.ToDatetime(tzinfo=UTC),
        read_at=when(m, "read_at"),
    )
