"""A client's timeline on the 360 page: the gateway's merged stream (interactions, processes,
requests, messages sent, reports, audit entries), filtered by kind and channel, an older page
at a time; and logging an interaction from the same card."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from services.console.api import ApiError
from services.console.pages.common import CHANNELS, CSRF, Person, client_key, gateway, process_url
from services.console.rendering import error_page, render

router = APIRouter()

# (kind, label): the audit trail has its own card, so it is off until asked for.
KINDS = (
    ("interaction", "Interactions"),
    ("process", "Processes"),
    ("request", "Requests"),
    ("message", "Messages sent"),
    ("report", "Reports"),
    ("audit", "Audit trail"),
)
DEFAULT_KINDS = tuple(k for k, _ in KINDS if k != "audit")
PAGE_SIZE = 20


@dataclass(frozen=True)
class TimelineFilter:
    kinds: tuple[str, ...] = DEFAULT_KINDS
    channels: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, kinds: list[str] | None, channels: list[str] | None) -> TimelineFilter:
        known = {k for k, _ in KINDS}
        chosen = tuple(k for k in kinds or () if k in known) or DEFAULT_KINDS
        return cls(chosen, tuple(c for c in channels or () if c in CHANNELS))

    def query(self) -> str:
        return urlencode(
            [("kind", k) for k in self.kinds] + [("channel", c) for c in self.channels]
        )


async def timeline_context(
    request: Request, token: str, key: str, chosen: TimelineFilter, page_token: str = ""
) -> dict[str, Any]:
    """What _timeline.html and _timeline_items.html need."""
    page = await gateway(request).get(
        f"/v1/clients/{key}/timeline",
        token,
        kind=list(chosen.kinds),
        channel=list(chosen.channels),
        page_size=PAGE_SIZE,
        page_token=page_token,
    )
    return {
        "timeline": page.get("items", []),
        "timeline_next": page.get("next_page_token") or "",
        "timeline_query": chosen.query(),
        "timeline_filter": chosen,
        "timeline_kinds": KINDS,
        "channels": CHANNELS,
        "process_url": process_url,
    }


async def _timeline_after(
    request: Request, token: str, key: str, error: ApiError | None
) -> Response:
    """The card again after an action, with what was refused beside its form."""
    context = await timeline_context(request, token, key, TimelineFilter())
    return render(
        request,
        "_timeline.html",
        status_code=422 if error else 200,
        client={"id": key},
        error=error,
        **context,
    )


@router.get("/clients/{client_id}/timeline", response_class=HTMLResponse)
async def timeline_items(
    request: Request,
    client_id: str,
    person: Person,
    kind: Annotated[list[str] | None, Query(max_length=6)] = None,
    channel: Annotated[list[str] | None, Query(max_length=6)] = None,
    page_token: str = Query("", max_length=4000),
) -> Response:
    key = client_key(client_id)
    if key is None:
        return error_page(request, 404)
    context = await timeline_context(
        request, person.token, key, TimelineFilter.of(kind, channel), page_token
    )
    return render(request, "_timeline_items.html", client={"id": key}, **context)


@router.post("/clients/{client_id}/interactions/{interaction_id}/exclude", dependencies=CSRF)
async def exclude_message(
    request: Request, client_id: str, interaction_id: str, person: Person
) -> Response:
    """A captured e-mail or WeCom message taken off the record."""
    key, message = client_key(client_id), client_key(interaction_id)
    if key is None or message is None:
        return error_page(request, 404)
    error = None
    try:
        await gateway(request).post(
            f"/v1/clients/{key}/interactions/{message}:exclude", person.token
        )
    except ApiError as refused:
        if refused.status not in (400, 409, 422):
            raise
        error = refused
    return await _timeline_after(request, person.token, key, error)


@router.post("/clients/{client_id}/interactions", dependencies=CSRF)
async def log_interaction(
    request: Request,
    client_id: str,
    person: Person,
    channel: str = Form(max_length=30),
    direction: str = Form("outbound", max_length=20),
    summary: str = Form(max_length=4000),
) -> Response:
    key = client_key(client_id)
    if key is None:
        return error_page(request, 404)
    error = None
    try:
        await gateway(request).post(
            f"/v1/clients/{key}/interactions",
            person.token,
            {"channel": channel, "direction": direction, "summary": summary},
        )
    except ApiError as refused:
        if refused.status not in (400, 409, 422):
            raise
        error = refused
    return await _timeline_after(request, person.token, key, error)
