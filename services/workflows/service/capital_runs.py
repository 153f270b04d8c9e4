"""Start the process of an approved capital call or distribution, once per event.

Partners (who approve), managers (who draft) and admins may start it; the event is read with
the caller's identity and must be approved. The id is the event's, and a second start answers
the process that exists (running or finished) instead of starting another: the notices go
out once, whoever asks again.
"""

from __future__ import annotations

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from services.common.errors import FailedPrecondition, PermissionDenied
from services.common.grpc_errors import from_rpc_error
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.common.temporal import book_search_attributes
from services.workflows.service.processes import ProcessView
from services.workflows.worker.activities.capital_types import CapitalEventInput
from services.workflows.worker.processes.capital_event import KIND, capital_event_workflow_id


class CapitalRuns:
    def __init__(
        self, temporal: Client, funds: clients_pb2_grpc.FundsServiceStub, task_queue: str
    ) -> None:
        self.temporal = temporal
        self.funds = funds
        self.task_queue = task_queue

    async def start(self, actor: Actor, event_id: str) -> ProcessView:
        if not actor.has(Role.PARTNER, Role.MANAGER, Role.ADMIN, Role.SERVICE):
            raise PermissionDenied("starting a capital event's process needs a partner or manager")
        parse_id("event_id", event_id, "a capital event id")
        try:
            event: clients_pb2.CapitalEvent = await self.funds.GetCapitalEvent(
                clients_pb2.GetCapitalEventRequest(id=event_id),
                metadata=actor.to_metadata(),
                timeout=30,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        if event.status != "approved":
            raise FailedPrecondition(
                f"capital event {event_id} is {event.status}; only approved ones are sent",
                field="event_id",
                value=event_id,
            )
        workflow_id = capital_event_workflow_id(event.id)
        try:
            handle = await self.temporal.start_workflow(
                "CapitalEvent",
                CapitalEventInput(
                    event_id=event.id,
                    kind=event.kind,
                    fund_code=event.fund_code,
                    due_on=event.due_on,
                    started_by=actor.user_id,
                ),
                id=workflow_id,
                task_queue=self.task_queue,
                # Once per event, ever: a finished process is not started again.
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                search_attributes=book_search_attributes(KIND, ""),
            )
        except WorkflowAlreadyStartedError:
            found = await self.temporal.get_workflow_handle(workflow_id).describe()
            return ProcessView(
                workflow_id=workflow_id,
                run_id=found.run_id,
                kind=KIND,
                client_id="",
                status=found.status or WorkflowExecutionStatus.RUNNING,
                started_at=found.start_time,
                closed_at=found.close_time,
                result_json="",
            )
        return ProcessView.started(workflow_id, handle.result_run_id or "", KIND, "")
