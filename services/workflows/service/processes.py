"""Domain logic of the workflows service: starting and inspecting processes."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from temporalio.client import (
    Client,
    WorkflowExecutionDescription,
    WorkflowExecutionStatus,
    WorkflowQueryFailedError,
    WorkflowUpdateFailedError,
)
from temporalio.common import (
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from services.common.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.common.ids import parse_id
from services.common.temporal import (
    ADVISOR_ID,
    CLIENT_ID,
    CLIENT_NAME,
    PROCESS_KIND,
    TEAM_ID,
    TIER,
    book_search_attributes,
    process_search_attributes,
)
from services.workflows.contract import (
    PROCESSES_TASK_QUEUE,
    REPORTED_STAGES,
    CancelReason,
    ClientAttributes,
    ProcessProgress,
    QuestionnaireSubmission,
)
from services.workflows.service import access
from services.workflows.service.tasks import from_update_failure
from services.workflows.settings import ProcessDefaults
from services.workflows.worker.processes import quarterly
from services.workflows.worker.processes.registry import PROCESS_KINDS

_QUARTER = re.compile(r"^\d{4}Q[1-4]$")


def parse_quarter(period: str) -> str:
    if not _QUARTER.match(period):
        raise InvalidArgument("period", period, "must be a quarter such as 2026Q3")
    return period


def with_defaults(
    defaults: ProcessDefaults, client: clients_pb2.Client, parameters: Mapping[str, str]
) -> dict[str, str]:
    """Start parameters with the firm's defaults filled in: the team's manager."""
    values = dict(parameters)
    if not values.get("manager_id") and client.team_id in defaults.team_managers:
        values["manager_id"] = defaults.team_managers[client.team_id]
    return values


@dataclass(frozen=True)
class ProcessView:
    workflow_id: str
    run_id: str
    kind: str
    client_id: str
    status: WorkflowExecutionStatus
    started_at: datetime | None
    closed_at: datetime | None
    result_json: str

    @classmethod
    def started(cls, workflow_id: str, run_id: str, kind: str, client_id: str) -> ProcessView:
        """A process this call has just started."""
        return cls(
            workflow_id=workflow_id,
            run_id=run_id,
            kind=kind,
            client_id=client_id,
            status=WorkflowExecutionStatus.RUNNING,
            started_at=datetime.now(UTC),
            closed_at=None,
            result_json="",
        )


def _missing(workflow_id: str) -> NotFound:
    return NotFound(f"process {workflow_id} not found", field="workflow_id", value=workflow_id)


class ProcessService:
    def __init__(
        self,
        temporal: Client,
        clients: clients_pb2_grpc.ClientsServiceStub,
        *,
        task_queue: str = PROCESSES_TASK_QUEUE,
        defaults: ProcessDefaults | None = None,
    ) -> None:
        self.temporal = temporal
        self.clients = clients
        self.task_queue = task_queue
        self.defaults = defaults or ProcessDefaults()

    async def _client_for(self, actor: Actor, client_id: str) -> clients_pb2.Client:
        """The client as the actor may see it; NOT_FOUND outside the actor's scope."""
        metadata = actor.to_metadata() if actor else ()
        try:
            client: clients_pb2.Client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id), metadata=metadata, timeout=10
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        return client

    async def refresh_client_attributes(self, actor: Actor, client_id: str) -> int:
        """Signal each running process of the client whose search attributes are behind the
        client's advisor, team, tier or name; how many were."""
        client = await self._client_for(actor, client_id)
        wanted = ClientAttributes(
            advisor_id=client.advisor_id,
            team_id=client.team_id,
            tier=client.tier,
            name=client.name[:200],
        )
        query = f'ClientId = "{client.id}" AND ExecutionStatus = "Running"'
        updated = 0
        async for execution in self.temporal.list_workflows(query, limit=500):
            current = execution.typed_search_attributes
            seen = ClientAttributes(
                advisor_id=current.get(ADVISOR_ID) or "",
                team_id=current.get(TEAM_ID) or "",
                tier=current.get(TIER) or "",
                name=current.get(CLIENT_NAME) or "",
            )
            if seen == wanted:
                continue
            handle = self.temporal.get_workflow_handle(execution.id, run_id=execution.run_id)
            try:
                await handle.signal("client_attributes", wanted)
            except RPCError:
                continue  # it finished in between: nothing to bring up to date
            updated += 1
        return updated

    async def start(
        self, actor: Actor, kind: str, client_id: str, parameters: Mapping[str, str]
    ) -> ProcessView:
        """Start a process of `kind` for a client in the actor's scope."""
        process = PROCESS_KINDS.get(kind)
        if process is None:
            raise InvalidArgument(
                "kind", kind, f"must be one of {', '.join(sorted(PROCESS_KINDS))}"
            )
        client = await self._client_for(actor, client_id)
        parameters = with_defaults(self.defaults, client, parameters)
        try:
            workflow_input = process.make_input(client, parameters)
        except ValueError as error:
            raise InvalidArgument.from_message(str(error)) from None
        workflow_id = process.workflow_id(client.id, parameters, workflow_input)
        try:
            handle = await self.temporal.start_workflow(
                process.workflow,
                workflow_input,
                id=workflow_id,
                task_queue=self.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
                search_attributes=process_search_attributes(client, kind),
            )
        except WorkflowAlreadyStartedError:
            raise AlreadyExists(
                f"process {workflow_id} is already running", field="kind", value=kind
            ) from None
        return ProcessView.started(workflow_id, handle.result_run_id or "", kind, client.id)

    async def start_report_run(
        self,
        actor: Actor,
        kind: str,
        book: str,
        period: str,
        parameters: Mapping[str, str],
        *,
        rerun: bool = False,
    ) -> ProcessView:
        """Start a run over a book of clients (a quarterly report distribution): managers for
        their team's book, admins for any book and the firm's."""
        if kind != quarterly.KIND:
            raise InvalidArgument("kind", kind, f"must be {quarterly.KIND}")
        if not actor.has(Role.ADMIN, Role.MANAGER):
            raise PermissionDenied("starting a report run needs the manager or admin role")
        if not book or len(book) > 64 or "/" in book:
            raise InvalidArgument("book", book, "must be a team id or 'firm'")
        access.require_book_runner(actor, book)
        parse_quarter(period)
        await self._require_reported_clients(book)
        workflow_id = quarterly.quarterly_workflow_id(book, period)
        attempt = 1
        if rerun:
            attempt, workflow_id = await self._next_attempt(workflow_id, book, period)
        # The attempt decides the e-mails' idempotency keys: never the caller's to set.
        values = {"started_by": actor.user_id, **parameters, "attempt": str(attempt)}
        team = "" if book == "firm" else book
        if not values.get("manager_id"):
            values["manager_id"] = self.defaults.team_managers.get(team, "") or (
                actor.user_id if actor.has(Role.MANAGER) else ""
            )
        try:
            workflow_input = quarterly.make_quarterly_input(book, period, values)
        except ValueError as error:
            raise InvalidArgument.from_message(str(error)) from None
        try:
            handle = await self.temporal.start_workflow(
                "QuarterlyReport",
                workflow_input,
                id=workflow_id,
                task_queue=self.task_queue,
                # A finished run is the quarter's run; only a failed or cancelled one is redone.
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
                search_attributes=book_search_attributes(kind, team),
            )
        except WorkflowAlreadyStartedError:
            raise AlreadyExists(
                f"the {period} run for {book} exists already", field="period", value=period
            ) from None
        return ProcessView.started(workflow_id, handle.result_run_id or "", kind, "")

    async def _describe(self, workflow_id: str) -> WorkflowExecutionDescription:
        description = await self._find(workflow_id)
        if description is None:
            raise _missing(workflow_id)
        return description

    async def _find(self, workflow_id: str) -> WorkflowExecutionDescription | None:
        """The process's description, or None when there is none."""
        try:
            return await self.temporal.get_workflow_handle(workflow_id).describe()
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:
                return None
            raise

    async def _scope_of(self, description: WorkflowExecutionDescription) -> tuple[str, str]:
        """(client id, team id) deciding who may see a process; a child without attributes
        of its own (a distribution batch) is decided as its parent."""
        for _ in range(3):
            attributes = description.typed_search_attributes
            client_id = attributes.get(CLIENT_ID) or ""
            team_id = attributes.get(TEAM_ID) or ""
            if client_id or team_id or attributes.get(PROCESS_KIND) or not description.parent_id:
                return client_id, team_id
            description = await self._describe(description.parent_id)
        return "", ""

    async def _authorize(
        self, actor: Actor, workflow_id: str, description: WorkflowExecutionDescription
    ) -> tuple[str, str]:
        """NOT_FOUND unless `actor` may see the process; its (client id, team id)."""
        client_id, team_id = await self._scope_of(description)
        if actor.is_client:
            # A client sees its own processes (their client-safe view), nothing else.
            if not client_id or client_id != actor.client_id:
                raise _missing(workflow_id)
            return client_id, team_id
        if client_id:
            try:
                await self._client_for(actor, client_id)
            except NotFound:
                raise _missing(workflow_id) from None
        elif not access.sees_book(actor, team_id):
            raise _missing(workflow_id)
        return client_id, team_id

    async def _next_attempt(self, first_id: str, book: str, period: str) -> tuple[int, str]:
        """The next correction run of a finished period: (attempt, workflow id). The period's
        run must exist and have finished, and no correction run may be running."""
        status = await self._status_of(first_id)
        if status is None:
            raise InvalidArgument(
                "rerun", True, f"there is no {period} run for {book} to run again"
            )
        if status is WorkflowExecutionStatus.RUNNING:
            raise FailedPrecondition(
                f"the {period} run for {book} is still running", field="rerun", value=True
            )
        for attempt in range(2, 101):
            workflow_id = f"{first_id}/attempt-{attempt}"
            status = await self._status_of(workflow_id)
            if status is None:
                return attempt, workflow_id
            if status is WorkflowExecutionStatus.RUNNING:
                raise FailedPrecondition(
                    f"correction run {workflow_id} is still running", field="rerun", value=True
                )
        raise FailedPrecondition(f"the {period} run for {book} was run 100 times")

    async def _status_of(self, workflow_id: str) -> WorkflowExecutionStatus | None:
        description = await self._find(workflow_id)
        return None if description is None else description.status

    async def _require_reported_clients(self, book: str) -> None:
        """A run over a book with nobody to report to is refused at the start, saying why,
        instead of finishing "done" and taking the quarter's run id."""
        spec = clients_pb2.ClientFilter()
        if book != access.FIRM_BOOK:
            spec.team_ids.append(book)

        async def count(stages: tuple[str, ...]) -> int:
            del spec.stages[:]
            spec.stages.extend(stages)
            try:
                page = await self.clients.ListClients(
                    clients_pb2.ListClientsRequest(filter=spec, page_size=1),
                    metadata=SYSTEM_ACTOR.to_metadata(),
                    timeout=30,
                )
            except grpc.RpcError as error:
                raise from_rpc_error(error) from None
            return len(page.clients)

        if await count(REPORTED_STAGES):
            return
        if await count(()):
            raise InvalidArgument(
                "book",
                book,
                "has no client to report to: every client is a prospect or churned (reports"
                f" go to clients in {', '.join(REPORTED_STAGES)})",
            )
        raise InvalidArgument("book", book, "has no clients")

    async def get(self, actor: Actor, workflow_id: str) -> ProcessView:
        """A process the actor may see (its client is in the actor's scope)."""
        view, _ = await self._get(actor, workflow_id)
        return view

    async def _get(self, actor: Actor, workflow_id: str) -> tuple[ProcessView, str]:
        """The view and, for a process over a book, its team ('' for the firm's)."""
        if not workflow_id:
            raise InvalidArgument("workflow_id", workflow_id, "must not be empty")
        handle = self.temporal.get_workflow_handle(workflow_id)
        description = await self._describe(workflow_id)
        attributes = description.typed_search_attributes
        client_id, team_id = await self._authorize(actor, workflow_id, description)
        result_json = ""
        if description.status is WorkflowExecutionStatus.COMPLETED:
            # Without a result type the default converter yields plain JSON values.
            result_json = json.dumps(await handle.result(), default=str)
        view = ProcessView(
            workflow_id=workflow_id,
            run_id=description.run_id,
            kind=attributes.get(PROCESS_KIND) or "",
            client_id=client_id,
            status=description.status or WorkflowExecutionStatus.RUNNING,
            started_at=description.start_time,
            closed_at=description.close_time,
            result_json=result_json,
        )
        return view, team_id

    async def progress(
        self, actor: Actor, workflow_id: str
    ) -> tuple[ProcessView, ProcessProgress | None]:
        """The process (in the actor's scope) and its progress query, if it has one."""
        view = await self.get(actor, workflow_id)
        handle = self.temporal.get_workflow_handle(workflow_id)
        try:
            progress = await handle.query("progress", result_type=ProcessProgress)
        except (WorkflowQueryFailedError, RPCError):
            return view, None  # a process without human steps has no progress query
        return view, progress

    async def cancel(self, actor: Actor, workflow_id: str, reason: str) -> ProcessView:
        """Ask a running process to stop (its open tasks are cancelled by the workflow's
        cancellation handling); managers and admins, within their scope."""
        access.require_canceller(actor)
        view, team_id = await self._get(actor, workflow_id)
        if not view.client_id and not access.may_run_book(actor, team_id):
            # A run over a book is cancelled by who may run it: admins for the firm's and
            # the system's, a team's managers for the team's.
            access.require_book_runner(actor, team_id or access.FIRM_BOOK)
        if view.status is not WorkflowExecutionStatus.RUNNING:
            raise FailedPrecondition(
                f"process {workflow_id} is not running", field="workflow_id", value=workflow_id
            )
        handle = self.temporal.get_workflow_handle(workflow_id)
        # The reason first, so the process can record why it stops (processes without
        # the handler ignore it).
        await handle.signal("cancel_reason", CancelReason(reason=reason, by=actor.user_id))
        await handle.cancel()
        return view

    async def submit_questionnaire(
        self, actor: Actor, workflow_id: str, answers: Mapping[str, object]
    ) -> ProcessProgress:
        """Answer an onboarding's risk questionnaire; the workflow's validator decides
        who may and whether the answers are complete."""
        view = await self.get(actor, workflow_id)
        if view.kind != "onboarding":
            raise InvalidArgument("workflow_id", workflow_id, "is not an onboarding process")
        if view.status is not WorkflowExecutionStatus.RUNNING:
            raise FailedPrecondition(
                f"process {workflow_id} is not running", field="workflow_id", value=workflow_id
            )
        handle = self.temporal.get_workflow_handle(workflow_id)
        submission = QuestionnaireSubmission(
            answers_json=json.dumps(dict(answers)),
            actor_user=actor.user_id,
            actor_roles=tuple(sorted(str(role) for role in actor.roles)),
            actor_team=actor.team_id or "",
        )
        try:
            await handle.execute_update("submit_questionnaire", submission)
        except WorkflowUpdateFailedError as error:
            raise from_update_failure(error) from None
        progress: ProcessProgress = await handle.query("progress", result_type=ProcessProgress)
        return progress

    async def for_client(
        self, actor: Actor, client_id: str, *, limit: int = 100
    ) -> list[ProcessView]:
        """The client's processes, running and finished, newest first (Temporal visibility
        on the ClientId search attribute)."""
        if actor.is_client:
            if client_id != actor.client_id:
                raise NotFound(f"client {client_id} not found", field="client_id", value=client_id)
            parse_id("client_id", client_id, "a client id")
        else:
            client_id = (await self._client_for(actor, client_id)).id
        views: list[ProcessView] = []
        # No ORDER BY: not every visibility store supports it (SQLite in the dev server).
        query = f"ClientId = '{client_id}'"
        async for execution in self.temporal.list_workflows(query, limit=limit):
            attributes = execution.typed_search_attributes
            views.append(
                ProcessView(
                    workflow_id=execution.id,
                    run_id=execution.run_id,
                    kind=attributes.get(PROCESS_KIND) or "",
                    client_id=client_id,
                    status=execution.status or WorkflowExecutionStatus.RUNNING,
                    started_at=execution.start_time,
                    closed_at=execution.close_time,
                    result_json="",
                )
            )
        epoch = datetime.min.replace(tzinfo=UTC)
        return sorted(views, key=lambda v: v.started_at or epoch, reverse=True)
