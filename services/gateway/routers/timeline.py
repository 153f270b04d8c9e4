"""GET /v1/clients/{id}/timeline: everything that happened with a client in one stream —
interactions (calls, meetings, e-mail and WeCom, in and out), processes, requests, messages
sent, reports and the audit trail — newest first, filtered and paged (`timeline.py` merges
the services' own lists; each list keeps its own permission checks)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import grpc
from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.gateway.deps import Services
from services.gateway.params import NOT_YOURS
from services.gateway.routers import client_records, notifications, processes, reports, requests
from services.gateway.timeline import MAX_CURSOR_CHARS, Fetch, Source, merged_page

router = APIRouter(prefix="/v1/clients", tags=["clients"])

Kind = Literal["interaction", "process", "request", "message", "report", "audit"]
Channel = Literal["call", "email", "wechat", "meeting", "event", "portal_login"]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class TimelineItem(BaseModel):
    kind: Kind
    id: str
    at: datetime
    channel: str = Field("", description="interactions and messages: call, email, wechat, …")
    direction: str = Field("", description="interactions: inbound | outbound")
    actor: str = Field("", description="who did it, when a person did")
    title: str = Field(description="what it was: a process kind, a request type, a template…")
    detail: str = Field("", description="an interaction's summary, a request's subject, …")
    status: str = ""
    link: str = Field("", description="the API path of the full record")


class TimelinePage(BaseModel):
    items: list[TimelineItem]
    next_page_token: str | None = None


def _aware(value: datetime | None) -> datetime:
    if value is None:
        return EPOCH
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _listing(fetch: Fetch, item: Callable[[Any], TimelineItem], *, optional: bool = True) -> Source:
    """A service's list as timeline items. One the person may not read (`optional`) is left
    out of their timeline, not an error."""

    async def items(token: str, size: int) -> tuple[list[Any], str]:
        try:
            rows, next_token = await fetch(token, size)
        except grpc.RpcError as error:
            if optional and error.code() == grpc.StatusCode.PERMISSION_DENIED:
                return [], ""
            raise
        return [item(row) for row in rows], next_token

    return Source(items, lambda i: i.at)


def _sources(client_id: uuid.UUID, services: Services, channels: set[str]) -> dict[str, Source]:
    key = str(client_id)

    async def interactions(token: str, size: int) -> tuple[list[Any], str]:
        page = await client_records.list_interactions(client_id, services, size, token)
        return page.items, page.next_page_token or ""

    async def audit(token: str, size: int) -> tuple[list[Any], str]:
        page = await client_records.list_audit(client_id, services, size, token)
        return page.items, page.next_page_token or ""

    async def process_list(token: str, size: int) -> tuple[list[Any], str]:
        listed = await processes.list_client_processes(client_id, services)
        return listed.items, ""

    async def request_list(token: str, size: int) -> tuple[list[Any], str]:
        page = await requests.list_requests(services, client_id, None, "", size, token)
        return page.items, page.next_page_token or ""

    async def messages(token: str, size: int) -> tuple[list[Any], str]:
        page = await notifications.list_deliveries(services, client_id, "", None, size, token)
        return page.items, page.next_page_token or ""

    async def report_list(token: str, size: int) -> tuple[list[Any], str]:
        listed = await reports.list_client_reports(client_id, services, 200)
        return listed.items, ""

    def interaction_item(i: Any) -> TimelineItem:
        return TimelineItem(
            kind="interaction",
            id=str(i.id),
            at=_aware(i.occurred_at),
            channel=i.channel,
            direction=i.direction,
            actor=i.by_user,
            title=i.channel,
            detail=i.summary,
        )

    def audit_item(a: Any) -> TimelineItem:
        return TimelineItem(
            kind="audit",
            id=str(a.id),
            at=_aware(a.at),
            actor=a.actor_id,
            title=f"{a.entity} {a.action}",
            detail=", ".join(sorted(a.changes))[:500],
            link=f"/v1/clients/{key}/audit",
        )

    def process_item(p: Any) -> TimelineItem:
        return TimelineItem(
            kind="process",
            id=p.workflow_id,
            at=_aware(p.started_at),
            title=p.kind,
            status=p.status,
            link=f"/v1/processes/{p.workflow_id}/progress",
        )

    def request_item(r: Any) -> TimelineItem:
        return TimelineItem(
            kind="request",
            id=str(r.id),
            at=_aware(r.opened_at),
            channel=r.channel,
            actor=r.created_by,
            title=r.type_names.get("en") or r.type,
            detail=r.subject,
            status=r.status,
            link=f"/v1/requests/{r.id}",
        )

    def message_item(m: Any) -> TimelineItem:
        return TimelineItem(
            kind="message",
            id=str(m.id),
            at=_aware(m.created_at),
            channel=m.channel,
            direction="outbound",
            title=m.template_key,
            detail=m.subject,
            status=m.status,
            link=f"/v1/notifications/{m.id}",
        )

    def report_item(r: Any) -> TimelineItem:
        return TimelineItem(
            kind="report",
            id=r.id,
            at=_aware(r.created_at),
            title=r.kind,
            detail=r.period,
            link=f"/v1/artifacts/{r.id}/content",
        )

    def by_channel(i: TimelineItem) -> bool:
        return not channels or i.channel in channels

    logged = _listing(interactions, interaction_item, optional=False)
    return {
        "interaction": Source(logged.fetch, logged.at, by_channel),
        "process": _listing(process_list, process_item),
        "request": _listing(request_list, request_item),
        "message": _listing(messages, message_item),
        "report": _listing(report_list, report_item),
        "audit": _listing(audit, audit_item),
    }


@router.get("/{client_id}/timeline", response_model=TimelinePage, responses=NOT_YOURS)
async def timeline(
    client_id: uuid.UUID,
    services: Services,
    kind: Annotated[list[Kind] | None, Query(max_length=6)] = None,
    channel: Annotated[list[Channel] | None, Query(max_length=6)] = None,
    page_size: Annotated[int, Query(ge=1, le=50)] = 25,
    page_token: Annotated[str, Query(max_length=MAX_CURSOR_CHARS)] = "",
) -> TimelinePage:
    """Interactions, processes, requests, messages sent, reports and audit entries, newest
    first. `kind` keeps some of them (repeat it); `channel` keeps interactions of those
    channels. Another advisor's client is a 404, as everywhere."""
    chosen = set(kind or ["interaction", "process", "request", "message", "report", "audit"])
    every = _sources(client_id, services, set(channel or []))
    # The client's own list first: another book's client is a 404 before anything else runs.
    await client_records.list_interactions(client_id, services, 1, "")
    picked = {name: source for name, source in every.items() if name in chosen}
    rows, token = await merged_page(picked, page_token, page_size)
    return TimelinePage(items=[item for _name, item in rows], next_page_token=token or None)
