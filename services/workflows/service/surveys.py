"""Surveys: answers from signed links (NPS and CSAT), what a link asks, and the pages of an
NPS campaign. The link names the process that asked; the answer is an Update on it, whose
validator keeps it to one answer per invitation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
    WorkflowExecutionStatus,
    WorkflowUpdateFailedError,
)
from temporalio.service import RPCError

from services.common.errors import (
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
)
from services.common.grpc_errors import from_rpc_error
from services.common.grpc_server import internal_secret_from_environment
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.common.survey_links import SurveyLink, verify
from services.common.temporal import CLIENT_ID, PROCESS_KIND
from services.workflows.contract import RequestAction, RequestProgressView
from services.workflows.service.request_types import KEY
from services.workflows.service.starts import start_once
from services.workflows.service.tasks import from_update_failure
from services.workflows.settings import ProcessDefaults
from services.workflows.worker.processes import nps, service_request

PAGE = 200


class Surveys:
    def __init__(
        self,
        temporal: Client,
        clients: clients_pb2_grpc.ClientsServiceStub,
        *,
        task_queue: str,
        defaults: ProcessDefaults,
        secret: str | None = None,
    ) -> None:
        self.temporal = temporal
        self.clients = clients
        self.task_queue = task_queue
        self.defaults = defaults
        self.secret = secret or internal_secret_from_environment()

    def _link(self, actor: Actor, token: str) -> SurveyLink:
        if not actor.has(Role.SERVICE):
            raise PermissionDenied("survey links are answered through the gateway")
        link = verify(self.secret, token)
        expected = nps.KIND if link.survey == "nps" else service_request.KIND
        if not link.workflow_id.startswith(f"{expected}/"):
            raise Unauthenticated("the survey link is not valid (or has expired)")
        return link

    async def answer(self, actor: Actor, token: str, score: int, comment: str) -> SurveyLink:
        link = self._link(actor, token)
        handle = self.temporal.get_workflow_handle(link.workflow_id)
        update = RequestAction(
            actor_user="client:survey-link",
            actor_kind="client",
            score=score,
            comment=comment,
            channel="link",
        )
        name = "answer_survey" if link.survey == "nps" else "rate_request"
        try:
            await handle.execute_update(name, update)
        except WorkflowUpdateFailedError as error:
            raise from_update_failure(error) from None
        except RPCError:
            raise FailedPrecondition("this survey is closed", field="link_token") from None
        return link

    async def describe(self, actor: Actor, token: str) -> tuple[SurveyLink, bool, str, str]:
        """(the link, whether it takes an answer, the request's names for a CSAT)."""
        link = self._link(actor, token)
        handle = self.temporal.get_workflow_handle(link.workflow_id)
        if link.survey == "csat":
            try:
                view = await handle.query("request_progress", result_type=RequestProgressView)
                plan = await handle.query("request_plan_names", result_type=list[str])
            except RPCError:
                return link, False, "", ""
            open_now = view.rating_open and view.round == link.round
            names = plan if len(plan) == 2 else ["", ""]
            return link, open_now, names[0], names[1]
        try:
            description = await handle.describe()
        except RPCError:
            return link, False, "", ""
        return link, description.status is WorkflowExecutionStatus.RUNNING, "", ""

    async def start_nps_page(
        self,
        actor: Actor,
        *,
        segment_id: str,
        campaign: str,
        min_days_between: int,
        page_token: str,
    ) -> tuple[int, int, int, str]:
        """(scanned, started, skipped as surveyed recently, next page token)."""
        if not actor.has(Role.SERVICE):
            raise PermissionDenied("NPS campaigns are run by their schedule")
        try:
            page = await self.clients.ListSegmentMembers(
                clients_pb2.ListSegmentMembersRequest(
                    segment_id=segment_id, page_size=PAGE, page_token=page_token
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=60,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        since = (datetime.now(UTC) - timedelta(days=max(1, min_days_between))).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
        started = skipped = 0
        for client in page.clients:
            recent = await self.temporal.count_workflows(
                f'{PROCESS_KIND.name} = "{nps.KIND}" AND {CLIENT_ID.name} = "{client.id}"'
                f' AND StartTime > "{since}"'
            )
            if recent.count:
                skipped += 1
                continue
            _, did = await start_once(
                self.temporal,
                nps.KIND,
                client,
                {"campaign": campaign},
                defaults=self.defaults,
                task_queue=self.task_queue,
            )
            started += int(did)
        return len(page.clients), started, skipped, page.next_page_token


@dataclass(frozen=True)
class Campaign:
    key: str
    segment_id: str
    every_days: int
    min_days_between: int
    paused: bool = False
    next_run_at: datetime | None = None


def campaign_schedule_id(key: str) -> str:
    return f"nps-campaign-{key}"


class Campaigns:
    """NPS campaigns are Temporal Schedules (no table of their own): what runs is what is
    listed, and operators pause one in the Temporal UI."""

    def __init__(
        self, temporal: Client, clients: clients_pb2_grpc.ClientsServiceStub, task_queue: str
    ) -> None:
        self.temporal = temporal
        self.clients = clients
        self.task_queue = task_queue

    async def put(self, actor: Actor, campaign: Campaign) -> Campaign:
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("NPS campaigns are set up by admins")
        if not KEY.match(campaign.key):
            raise InvalidArgument("key", campaign.key, "must be lower-case letters, digits, '-'")
        if not 1 <= campaign.every_days <= 366:
            raise InvalidArgument("every_days", campaign.every_days, "must be 1 to 366")
        if not 1 <= campaign.min_days_between <= 3660:
            raise InvalidArgument(
                "min_days_between", campaign.min_days_between, "must be 1 to 3660"
            )
        try:  # the segment must exist (and be the admin's to see)
            await self.clients.ListSegmentMembers(
                clients_pb2.ListSegmentMembersRequest(segment_id=campaign.segment_id, page_size=1),
                metadata=actor.to_metadata(),
                timeout=30,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        schedule = Schedule(
            action=ScheduleActionStartWorkflow(
                "NpsCampaign",
                nps.NpsCampaignInput(campaign.segment_id, campaign.key, campaign.min_days_between),
                id=f"{nps.CAMPAIGN_KIND}/{campaign.key}",
                task_queue=self.task_queue,
            ),
            spec=ScheduleSpec(
                intervals=[ScheduleIntervalSpec(every=timedelta(days=campaign.every_days))]
            ),
            policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP),
        )
        schedule_id = campaign_schedule_id(campaign.key)
        try:
            await self.temporal.create_schedule(schedule_id, schedule)
        except ScheduleAlreadyRunningError:

            async def replace(_: ScheduleUpdateInput) -> ScheduleUpdate:
                return ScheduleUpdate(schedule=schedule)

            await self.temporal.get_schedule_handle(schedule_id).update(replace)
        return await self._describe(campaign.key)

    async def _describe(self, key: str) -> Campaign:
        try:
            described = await self.temporal.get_schedule_handle(
                campaign_schedule_id(key)
            ).describe()
        except RPCError:
            raise NotFound(f"campaign {key} not found", field="key", value=key) from None
        action = described.schedule.action
        args = action.args if isinstance(action, ScheduleActionStartWorkflow) else []
        data = args[0] if args else {}
        converted = data if isinstance(data, dict) else getattr(data, "__dict__", {})
        spec = described.schedule.spec
        every = spec.intervals[0].every.days if spec.intervals else 0
        upcoming = described.info.next_action_times
        return Campaign(
            key=key,
            segment_id=str(converted.get("segment_id", "")),
            every_days=every,
            min_days_between=int(converted.get("min_days_between", 0)),
            paused=described.schedule.state.paused,
            next_run_at=upcoming[0] if upcoming else None,
        )

    async def list(self, actor: Actor) -> list[Campaign]:
        if not actor.has(Role.ADMIN, Role.MANAGER):
            raise PermissionDenied("NPS campaigns are for admins and managers")
        found = []
        async for item in await self.temporal.list_schedules():
            if item.id.startswith("nps-campaign-"):
                found.append(await self._describe(item.id.removeprefix("nps-campaign-")))
        return sorted(found, key=lambda c: c.key)

    async def delete(self, actor: Actor, key: str) -> Campaign:
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("NPS campaigns are set up by admins")
        campaign = await self._describe(key)
        await self.temporal.get_schedule_handle(campaign_schedule_id(key)).delete()
        return campaign
