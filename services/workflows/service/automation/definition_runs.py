"""A definition over a saved segment: started for every member on a Temporal Schedule (every
N days; pausable in the Temporal UI) or once now, by the DefinitionRun process page by page.
Schedules have no table of their own: what runs is what is listed. Admins set them up; the
run starts the published version for each member (as the process, so the whole segment),
one run per member and run key."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

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
)
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError

from services.common.errors import (
    AlreadyExists,
    ClientflowError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.common.temporal import book_search_attributes
from services.workflows.service.automation.definition_store import DefinitionStore
from services.workflows.service.processes import ProcessView
from services.workflows.worker.processes.definition_run import KIND, schedule_id
from services.workflows.worker.processes.models import DefinitionRunInput

log = logging.getLogger(__name__)
PAGE = 100


@dataclass(frozen=True)
class DefinitionSchedule:
    key: str
    segment_id: str
    every_days: int
    paused: bool = False
    next_run_at: datetime | None = None


class DefinitionRuns:
    def __init__(
        self,
        store: DefinitionStore,
        temporal: Client,
        clients: clients_pb2_grpc.ClientsServiceStub,
        task_queue: str,
    ) -> None:
        self.store, self.temporal, self.clients = store, temporal, clients
        self.task_queue = task_queue

    async def _check(self, actor: Actor, key: str, segment_id: str) -> None:
        """An admin's; the definition published; the segment there (for the admin)."""
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("only an admin runs a definition over a segment")
        if await self.store.published(key) is None:
            raise FailedPrecondition(
                f"definition {key} has no published version", field="key", value=key
            )
        try:
            await self.clients.ListSegmentMembers(
                clients_pb2.ListSegmentMembersRequest(segment_id=segment_id, page_size=1),
                metadata=actor.to_metadata(),
                timeout=30,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None

    def _action(self, key: str, segment_id: str, run_key: str = "") -> ScheduleActionStartWorkflow:
        return ScheduleActionStartWorkflow(
            "DefinitionRun",
            DefinitionRunInput(key, segment_id, run_key),
            id=f"{KIND}/{key}/{segment_id}",
            task_queue=self.task_queue,
            typed_search_attributes=book_search_attributes(KIND, ""),
        )

    async def put(self, actor: Actor, plan: DefinitionSchedule) -> DefinitionSchedule:
        if not 1 <= plan.every_days <= 366:
            raise InvalidArgument("every_days", plan.every_days, "must be 1 to 366")
        await self._check(actor, plan.key, plan.segment_id)
        schedule = Schedule(
            action=self._action(plan.key, plan.segment_id),
            spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=timedelta(plan.every_days))]),
            # A run still going when the next is due is not doubled.
            policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP),
        )
        found_id = schedule_id(plan.key, plan.segment_id)
        try:
            await self.temporal.create_schedule(found_id, schedule)
        except ScheduleAlreadyRunningError:

            async def replace(_: ScheduleUpdateInput) -> ScheduleUpdate:
                return ScheduleUpdate(schedule=schedule)

            await self.temporal.get_schedule_handle(found_id).update(replace)
        log.info("definition schedule put", extra={"key": plan.key, "by": actor.user_id})
        return await self._describe(plan.key, plan.segment_id)

    async def _describe(self, key: str, segment_id: str) -> DefinitionSchedule:
        try:
            described = await self.temporal.get_schedule_handle(
                schedule_id(key, segment_id)
            ).describe()
        except RPCError:
            raise NotFound(
                f"no schedule of {key} over segment {segment_id}",
                field="segment_id",
                value=segment_id,
            ) from None
        spec = described.schedule.spec
        upcoming = described.info.next_action_times
        return DefinitionSchedule(
            key=key,
            segment_id=segment_id,
            every_days=spec.intervals[0].every.days if spec.intervals else 0,
            paused=described.schedule.state.paused,
            next_run_at=upcoming[0] if upcoming else None,
        )

    async def list(self, actor: Actor, key: str) -> list[DefinitionSchedule]:
        if not actor.has(Role.ADMIN, Role.MANAGER):
            raise PermissionDenied("definition schedules are for admins and managers")
        prefix = schedule_id(key, "")
        found = []
        async for item in await self.temporal.list_schedules():
            if item.id.startswith(prefix):
                found.append(await self._describe(key, item.id.removeprefix(prefix)))
        return sorted(found, key=lambda s: s.segment_id)

    async def delete(self, actor: Actor, key: str, segment_id: str) -> DefinitionSchedule:
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("only an admin runs a definition over a segment")
        plan = await self._describe(key, segment_id)
        await self.temporal.get_schedule_handle(schedule_id(key, segment_id)).delete()
        log.info("definition schedule deleted", extra={"key": key, "by": actor.user_id})
        return plan

    async def run_now(self, actor: Actor, key: str, segment_id: str) -> ProcessView:
        """One run over the segment now, keyed by the minute (a double click starts one)."""
        await self._check(actor, key, segment_id)
        run_key = datetime.now().strftime("now-%Y%m%d%H%M")
        workflow_id = f"{KIND}/{key}/{segment_id}/{run_key}"
        try:
            handle = await self.temporal.start_workflow(
                "DefinitionRun",
                DefinitionRunInput(key, segment_id, run_key),
                id=workflow_id,
                task_queue=self.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                search_attributes=book_search_attributes(KIND, ""),
            )
        except WorkflowAlreadyStartedError:
            raise AlreadyExists(
                f"a run of {key} over this segment started this minute",
                field="segment_id",
                value=segment_id,
            ) from None
        return ProcessView.started(workflow_id, handle.result_run_id or "", KIND, "")

    async def start_page(
        self, actor: Actor, key: str, segment_id: str, run_key: str, page_token: str
    ) -> tuple[int, int, int, int, str]:
        """(scanned, started, already started in this run, failed, next page token)."""
        if not actor.has(Role.SERVICE):
            raise PermissionDenied("a definition's run over a segment is the process's")
        row = await self.store.published(key)
        if row is None:
            raise FailedPrecondition(
                f"definition {key} has no published version", field="key", value=key
            )
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
        started = already = failed = 0
        for client in page.clients:
            try:
                await self.store.start_for(client, row, run_key, f"schedule:{key}")
                started += 1
            except AlreadyExists:
                already += 1
            except ClientflowError as error:
                failed += 1
                log.warning(
                    "definition not started for a member",
                    extra={"key": key, "client_id": client.id, "reason": error.message},
                )
        return len(page.clients), started, already, failed, page.next_page_token
