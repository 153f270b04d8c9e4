"""The dormant-client scan, on the workflows service's side: which windows of last real
contact became dormant since the last scan (a watermark per tier), one page of them at a time
with one reactivation started per dormancy episode, and moving the watermarks at the end.

Dormant means no real contact — a call, meeting, e-mail, WeCom message or event — for the
tier's threshold; a portal login or a transaction alone does not keep a relationship alive. A
client never contacted counts from when it became a client.

The cost stays bound to the clients who crossed the threshold since the previous scan:
each window is a range on `coalesce(last_contact_at, created_at)` (indexed), not a pass over
the book. A page that is scanned again (a retried activity, a resumed scan) starts nothing
twice: the workflow id is `dormant-reactivation/{client}/{episode}` with the episode taken
from the last contact, started with REJECT_DUPLICATE. Clients already DORMANT or CHURNED, prospects
and clients in onboarding are not scanned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from services.common.errors import InvalidArgument, PermissionDenied
from services.common.identity import Actor, Role
from services.workflows.service.repository import WatermarkRepository
from services.workflows.service.starts import StartCounts, start_for_page
from services.workflows.settings import ProcessDefaults
from services.workflows.worker.processes import dormant

TIERS = ("STRATEGIC", "CORE", "GROWTH")
SCANNED_STAGES = list(dormant.ACTIVE_STAGES)
WINDOW_SPAN = timedelta(days=1)


@dataclass(frozen=True)
class Window:
    tier: str
    since: datetime
    until: datetime
    threshold_days: int


def threshold_days(defaults: ProcessDefaults, tier: str) -> int:
    days = defaults.dormant_days.get(tier, defaults.dormant_days.get("default", 180))
    return int(days)


def episode_of(last_contact: datetime) -> str:
    return last_contact.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def last_contact(client: clients_pb2.Client) -> datetime:
    """The last real contact, or when the client was created if never contacted."""
    stamp = client.last_contact_at if client.HasField("last_contact_at") else client.created_at
    return stamp.ToDatetime(tzinfo=UTC)


class DormancyService:
    def __init__(
        self,
        session: AsyncSession,
        temporal: Client,
        clients: clients_pb2_grpc.ClientsServiceStub,
        defaults: ProcessDefaults,
        *,
        task_queue: str,
    ) -> None:
        self.session = session
        self.temporal = temporal
        self.clients = clients
        self.defaults = defaults
        self.task_queue = task_queue

    @staticmethod
    def _check(actor: Actor) -> None:
        if not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("the dormant scan needs the service or admin role")

    async def plan(self, actor: Actor, as_of: datetime) -> list[Window]:
        """Per tier: [watermark, as_of - threshold), cut into windows of a day. The first
        scan starts `dormant_initial_lookback_days` before the threshold."""
        self._check(actor)
        marks = await WatermarkRepository(self.session).all()
        windows = []
        for tier in TIERS:
            days = threshold_days(self.defaults, tier)
            until = as_of - timedelta(days=days)
            since = marks.get(
                f"dormant:{tier}",
                until - timedelta(days=self.defaults.dormant_initial_lookback_days),
            )
            # Day-sized windows: each page sorts at most a day's worth of clients, however
            # long the scan was down.
            while since < until:
                end = min(since + WINDOW_SPAN, until)
                windows.append(Window(tier, since, end, days))
                since = end
        return windows

    async def scan_page(self, actor: Actor, window: Window, token: str, size: int) -> StartCounts:
        self._check(actor)
        if window.tier not in TIERS:
            raise InvalidArgument("window.tier", window.tier, f"must be one of {', '.join(TIERS)}")
        if not 1 <= size <= 200:
            raise InvalidArgument("page_size", size, "must be between 1 and 200")
        request = clients_pb2.ListClientsRequest(
            filter=clients_pb2.ClientFilter(
                tiers=[window.tier],
                stages=SCANNED_STAGES,
            ),
            page_size=size,
            page_token=token,
        )
        request.filter.last_contact_after.FromDatetime(window.since)
        request.filter.last_contact_before.FromDatetime(window.until)
        return await start_for_page(
            self.temporal,
            self.clients,
            request,
            dormant.KIND,
            lambda client: {"episode": episode_of(last_contact(client))},
            defaults=self.defaults,
            task_queue=self.task_queue,
        )

    async def complete(self, actor: Actor, windows: list[Window]) -> int:
        """Move each tier's watermark to the end of its window (never backwards)."""
        self._check(actor)
        watermarks = WatermarkRepository(self.session)
        for window in windows:
            await watermarks.advance(f"dormant:{window.tier}", window.until)
        return len(windows)
