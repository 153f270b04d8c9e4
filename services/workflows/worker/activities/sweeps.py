"""Activities that run a sweep or scan on the workflows service (date rules, the dormant
scan, annual reviews): long calls, heartbeating while they run."""

from __future__ import annotations

from datetime import UTC

from clientflow.workflows.v1 import workflows_pb2, workflows_pb2_grpc
from temporalio import activity

from services.common.identity import SYSTEM_ACTOR
from services.common.protos import set_iso_time
from services.workflows.worker.activities.heartbeat import heartbeating
from services.workflows.worker.activities.types import (
    COMPLETE_DORMANT_SCAN,
    PLAN_DORMANT_SCAN,
    SCAN_DORMANT_PAGE,
    START_ANNUAL_REVIEWS,
    SWEEP_DATES,
    AnnualReviewsPage,
    AnnualReviewsPageRequest,
    DormantPageRequest,
    DormantPageResult,
    DormantScanPlan,
    DormantWindow,
    SweepDatesInput,
    SweepDatesResult,
)


def window_to_proto(window: DormantWindow) -> workflows_pb2.DormantWindow:
    message = workflows_pb2.DormantWindow(tier=window.tier, threshold_days=window.threshold_days)
    set_iso_time(message, "since", window.since)
    set_iso_time(message, "until", window.until)
    return message


class TriggerActivities:
    def __init__(self, triggers: workflows_pb2_grpc.TriggersServiceStub) -> None:
        self.triggers = triggers

    @activity.defn(name=SWEEP_DATES)
    async def sweep_dates(self, request: SweepDatesInput) -> SweepDatesResult:
        reply = await heartbeating(
            self.triggers.SweepDates(
                workflows_pb2.SweepDatesRequest(
                    day=request.day, catch_up_days=request.catch_up_days
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=25 * 60,
            )
        )
        return SweepDatesResult(
            rules=reply.rules,
            scanned=reply.scanned,
            started=reply.started,
            already_fired=reply.already_fired,
            notified=reply.notified,
            errors=reply.errors,
        )

    @activity.defn(name=PLAN_DORMANT_SCAN)
    async def plan_dormant_scan(self, as_of: str) -> DormantScanPlan:
        request = workflows_pb2.PlanDormantScanRequest()
        set_iso_time(request, "as_of", as_of)
        reply = await self.triggers.PlanDormantScan(
            request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=30
        )
        return DormantScanPlan(
            windows=tuple(
                DormantWindow(
                    tier=w.tier,
                    since=w.since.ToDatetime(tzinfo=UTC).isoformat(),
                    until=w.until.ToDatetime(tzinfo=UTC).isoformat(),
                    threshold_days=w.threshold_days,
                )
                for w in reply.windows
            )
        )

    @activity.defn(name=SCAN_DORMANT_PAGE)
    async def scan_dormant_page(self, request: DormantPageRequest) -> DormantPageResult:
        reply = await heartbeating(
            self.triggers.ScanDormantPage(
                workflows_pb2.ScanDormantPageRequest(
                    window=window_to_proto(request.window),
                    page_token=request.page_token,
                    page_size=request.page_size,
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=120,
            )
        )
        return DormantPageResult(
            scanned=reply.scanned,
            started=reply.started,
            already_started=reply.already_started,
            errors=reply.errors,
            next_page_token=reply.next_page_token,
        )

    @activity.defn(name=COMPLETE_DORMANT_SCAN)
    async def complete_dormant_scan(self, plan: DormantScanPlan) -> int:
        reply = await self.triggers.CompleteDormantScan(
            workflows_pb2.CompleteDormantScanRequest(
                windows=[window_to_proto(w) for w in plan.windows]
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=30,
        )
        return int(reply.moved)

    @activity.defn(name=START_ANNUAL_REVIEWS)
    async def start_annual_reviews(self, request: AnnualReviewsPageRequest) -> AnnualReviewsPage:
        reply = await heartbeating(
            self.triggers.StartAnnualReviews(
                workflows_pb2.StartAnnualReviewsRequest(
                    year=request.year, page_token=request.page_token
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=300,
            )
        )
        return AnnualReviewsPage(
            scanned=reply.scanned,
            started=reply.started,
            already_started=reply.already_started,
            errors=reply.errors,
            next_page_token=reply.next_page_token,
        )
