"""/v1/me/calendar-feed and /v1/calendar/{token}.ics: a person's open tasks with due times as an
iCalendar feed their calendar application subscribes to (the workflows service's
`calendar_feed.py`). The feed's URL is its credential; asking for a new one ends the old."""

from __future__ import annotations

from typing import Annotated

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel

from services.gateway.deadlines import POINT
from services.gateway.deps import Services, service_clients
from services.gateway.routers.portal import PORTAL_SYSTEM

router = APIRouter(tags=["me"])


class FeedOut(BaseModel):
    url: str


@router.post("/v1/me/calendar-feed", response_model=FeedOut)
async def rotate_feed(request: Request, services: Services) -> FeedOut:
    """A new secret URL for your calendar feed (subscribe to it in your calendar); the URL
    you had before stops working."""
    reply = await services.calendar.RotateCalendarFeed(workflows_pb2.RotateCalendarFeedRequest())
    return FeedOut(url=str(request.url_for("calendar_feed", token=reply.token)))


@router.get(
    "/v1/calendar/{token}.ics",
    name="calendar_feed",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 400: {"description": "Not a valid feed"}},
)
async def calendar_feed(
    request: Request, token: Annotated[str, Path(min_length=10, max_length=200)]
) -> Response:
    """The feed: no sign-in, the URL's signed token names the person and the feed."""
    reply = await service_clients(request).calendar.GetCalendarFeed(
        workflows_pb2.GetCalendarFeedRequest(token=token),
        metadata=PORTAL_SYSTEM.to_metadata(),
        timeout=POINT,
    )
    return Response(
        reply.ics,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300"},
    )
