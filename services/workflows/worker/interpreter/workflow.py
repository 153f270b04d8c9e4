"""The interpreter: one workflow, `Definition`, runs any process definition. The document of
the exact version is pinned in the input; the run walks its nodes from `start`, each kind in
a few lines here, in `people.py` (tasks and approvals) or `children.py` (documents, surveys,
sub-processes). Tasks, SLAs, escalation, the
progress query, search attributes and cancellation are the ones every process has.

Visits are bounded: a node runs at most its `max_visits`, the whole run at most MAX_STEPS
nodes; past either the run ends with the outcome `loop_limit`. A parallel node runs its
branches as workflow tasks (join all, or any: the rest stop, their tasks withdrawn); a branch
that reaches an end node ends the whole run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from temporalio import workflow

from services.workflows.worker.processes.attributes import FollowsClient

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.definition_types import (
        CLIENT_DATE,
        EVALUATE_CONDITION,
        PROCESS_COMPLETED,
        RECORD_FIELD,
        SEND_TEMPLATE,
        UPDATE_RECORD,
        ClientDateRequest,
        ConditionRequest,
        ProcessCompleted,
        RecordFieldRequest,
        RecordUpdate,
        TemplateSend,
    )
    from services.workflows.worker.human import HumanTasks
    from services.workflows.worker.interpreter import children
    from services.workflows.worker.interpreter.people import approve, ask_task, words
    from services.workflows.worker.processes.models import (
        DefinitionInput as DefinitionInput,
        DefinitionResult as DefinitionResult,
    )
    from services.workflows.worker.processes.tasking import TaskingWorkflow

KIND = "definition"
MAX_STEPS = 500
ACTIVITY = timedelta(seconds=60)
# A wait on a record's field reads it again at least this often (a change's signal wakes
# it sooner).
RECORD_RECHECK = timedelta(hours=6)


class Ended(Exception):
    """A node ended the run (raised through any branches in flight)."""

    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


@workflow.defn(name="Definition")
class DefinitionWorkflow(TaskingWorkflow, FollowsClient):
    def __init__(self) -> None:
        self.tasks = HumanTasks(KIND)
        self.step = "starting"
        self.visits: dict[str, int] = {}
        self.path: list[str] = []
        self.outcomes: dict[str, str] = {}
        self.forms: dict[str, dict[str, Any]] = {}
        self.returned: dict[str, str] = {}
        self.signals: set[str] = set()
        self.documents: dict[str, str] = {}  # document node → artifact id
        # The parallels' runs: which stopped, which a task runs in.
        self.stopped: set[int] = set()
        self.last_scope = 0
        self.task_scopes: dict[str, tuple[int, ...]] = {}

    @workflow.signal(name="definition_signal")
    def receive(self, name: str) -> None:
        """Wakes a wait node waiting for `name`."""
        self.signals.add(name)

    @workflow.run
    async def run(self, params: DefinitionInput) -> DefinitionResult:
        self.params = params
        document = json.loads(params.document_json)
        self.nodes: dict[str, dict[str, Any]] = {n["id"]: n for n in document["nodes"]}
        try:
            await self.walk(document["start"])
            outcome = "done"
        except Ended as ended:
            outcome = ended.outcome
        self.step = "done"
        if workflow.patched("process-completed-event"):
            # Rules may answer a run's end; runs recorded before this replay without it.
            await workflow.execute_activity(
                PROCESS_COMPLETED,
                ProcessCompleted(
                    workflow_id=workflow.info().workflow_id,
                    client_id=params.client_id,
                    key=params.key,
                    version=params.version,
                    outcome=outcome,
                ),
                start_to_close_timeout=ACTIVITY,
            )
        return DefinitionResult(
            client_id=params.client_id,
            key=params.key,
            version=params.version,
            outcome=outcome,
            path=tuple(self.path),
        )

    async def walk(self, node_id: str | None, scopes: tuple[int, ...] = ()) -> None:
        """Run from `node_id` until a node has nowhere to go (a branch's end), or until the
        parallel whose branch this is has been decided without it (`scopes` are the
        enclosing parallels' runs)."""
        while node_id and not self.halted(scopes):
            node = self.nodes[node_id]
            visit = self.visits.get(node_id, 0) + 1
            if visit > int(node.get("max_visits", 1)) or len(self.path) >= MAX_STEPS:
                self.note(f"{node_id}: visited {visit - 1} times, its limit")
                raise Ended("loop_limit")
            self.visits[node_id] = visit
            self.path.append(node_id)
            self.mark(node)
            node_id = await self.run_node(node, visit, scopes)

    def halted(self, scopes: tuple[int, ...]) -> bool:
        return any(scope in self.stopped for scope in scopes)

    def mark(self, node: dict[str, Any]) -> None:
        """The node in the history: in the client's words when the client may see it."""
        if node.get("client_visible"):
            client = words(node.get("client_title"))
            self.enter(client.get(self.params.locale) or client.get("en") or node["id"])
        else:
            self.step = words(node.get("name")).get("en") or node["id"]
            self.note(f"node {node['id']}")

    async def run_node(
        self, node: dict[str, Any], visit: int, scopes: tuple[int, ...] = ()
    ) -> str | None:
        kind, node_id = node["kind"], node["id"]
        task_id = node_id if visit == 1 else f"{node_id}-v{visit}"
        self.task_scopes[task_id] = scopes
        if kind == "task":
            if (node.get("assignee") or {}).get("to") == "client":
                await self.tell_client(node, task_id)
            outcome = await ask_task(
                self.tasks, node, self.params, task_id, self.returned.pop(node_id, "")
            )
            self.outcomes[node_id] = outcome.outcome
            self.forms[node_id] = json.loads(outcome.form_json or "{}")
            return (node.get("routes") or {}).get(outcome.outcome) or node.get("next")
        if kind == "approval":
            decision = await approve(self.tasks, node, self.params, task_id)
            self.outcomes[node_id] = "approve" if decision.approved else "reject"
            if decision.approved:
                return node.get("next")
            target = node["on_reject"]
            self.returned[target] = decision.comment or "rejected"
            return str(target)
        if kind == "parallel":
            await self.parallel(node, scopes)
            return node.get("next")
        if kind == "condition":
            return await self.condition(node)
        if kind == "wait":
            return await self.wait(node, scopes)
        if kind == "send":
            await self.send(node, task_id)
            return node.get("next")
        if kind == "document":
            self.documents[node_id] = await children.document(node, self.params)
            return node.get("next")
        if kind == "survey":
            answered = await children.survey(node, self.params, task_id)
            self.outcomes[node_id] = answered.status
            self.forms[node_id] = {"status": answered.status, "score": answered.score}
            return (node.get("routes") or {}).get(answered.status) or node.get("next")
        if kind == "subprocess":
            ended = await children.subprocess(node, self.params, task_id)
            self.outcomes[node_id] = ended
            return (node.get("routes") or {}).get(ended) or node.get("next")
        if kind == "update":
            await workflow.execute_activity(
                UPDATE_RECORD,
                RecordUpdate(
                    client_id=self.params.client_id,
                    actions_json=json.dumps(self.with_records(node["actions"]), ensure_ascii=False),
                    workflow_id=workflow.info().workflow_id,
                    key=task_id,
                ),
                start_to_close_timeout=ACTIVITY,
            )
            return node.get("next")
        raise Ended(str(node.get("outcome") or "done"))  # end

    async def parallel(self, node: dict[str, Any], scopes: tuple[int, ...]) -> None:
        """Run the branches together. Once the join is decided (all done; any one done; or a
        branch ended the run) the branches left behind stop — their open tasks withdrawn,
        their waits woken — and finish by themselves: nothing is cancelled mid-activity."""
        self.last_scope += 1
        scope = self.last_scope
        inner = (*scopes, scope)
        branches = [asyncio.create_task(self.walk(b, inner)) for b in node["branches"]]
        finished: list[asyncio.Task[None]] = []
        pending = list(branches)
        while pending:
            done, pending = await workflow.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            finished.extend(done)
            if _failed(done) or node.get("join", "all") == "any":
                break
        if pending:
            self.stopped.add(scope)
            for task_id in self.tasks.open_tasks():
                if scope in self._scopes_of(task_id):
                    self.tasks.withdraw(task_id, "decided without this branch")
            await asyncio.gather(*pending, return_exceptions=True)
        for branch in finished:
            error = branch.exception()
            if error is not None:
                raise error

    def _scopes_of(self, task_id: str) -> tuple[int, ...]:
        """The parallels a task runs in (an approval's asks are `{node task}-{n}`)."""
        if task_id in self.task_scopes:
            return self.task_scopes[task_id]
        base = task_id.rsplit("-", 1)[0]
        return self.task_scopes.get(base, ())

    async def condition(self, node: dict[str, Any]) -> str:
        process = {"outcomes": self.outcomes, "forms": self.forms, "path": self.path}
        for case in node["cases"]:
            holds = await workflow.execute_activity(
                EVALUATE_CONDITION,
                ConditionRequest(
                    client_id=self.params.client_id,
                    expression=case["when"],
                    process_json=json.dumps(process, ensure_ascii=False),
                ),
                start_to_close_timeout=ACTIVITY,
                result_type=bool,
            )
            if holds:
                return str(case["next"])
        return str(node["default"])

    async def wait(self, node: dict[str, Any], scopes: tuple[int, ...]) -> str | None:
        if node.get("duration"):
            await self.pause(_span(node["duration"]).total_seconds(), scopes)
            return node.get("next")
        if node.get("until"):
            until = node["until"]
            found = await workflow.execute_activity(
                CLIENT_DATE,
                ClientDateRequest(client_id=self.params.client_id, field=until["field"]),
                start_to_close_timeout=ACTIVITY,
                result_type=str,
            )
            if found:
                day = date.fromisoformat(found) + timedelta(days=int(until.get("offset_days", 0)))
                at = datetime.combine(day, datetime.min.time(), ZoneInfo(self.params.timezone))
                remaining = (at - workflow.now()).total_seconds()
                if remaining > 0:
                    await self.pause(remaining, scopes)
            return node.get("next")
        if node.get("record"):
            timed_out = await self.wait_for_record(node["record"], scopes)
            return timed_out or node.get("next")
        signal = node["signal"]
        try:
            await workflow.wait_condition(
                lambda: signal["name"] in self.signals or self.halted(scopes),
                timeout=_span(signal["timeout"]),
            )
        except TimeoutError:
            return str(signal["on_timeout"])
        self.signals.discard(signal["name"])
        return node.get("next")

    def made_record(self, node_id: str) -> tuple[str, str]:
        """(type, id) of the record update node `node_id` made at its latest visit (its
        first create_record action), or ("", "") before it has run: the id is the one the
        clients service derives from the action's idempotency key."""
        visit = self.visits.get(node_id, 0)
        actions = self.nodes[node_id].get("actions") or []
        index, action = next(
            ((i, a) for i, a in enumerate(actions) if a["kind"] == "create_record"), (-1, None)
        )
        if not visit or action is None:
            return "", ""
        task_id = node_id if visit == 1 else f"{node_id}-v{visit}"
        key = f"{workflow.info().workflow_id}/{task_id}/{index}"[:200]
        made = uuid.uuid5(uuid.NAMESPACE_URL, f"clientflow:record:{key}")
        return str(action["target"]), str(made)

    def with_records(self, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """update_record actions with the id of the record they change."""
        return [
            {**a, "record_id": self.made_record(a["record"])[1]}
            if a["kind"] == "update_record"
            else a
            for a in actions
        ]

    async def wait_for_record(self, wait: dict[str, Any], scopes: tuple[int, ...]) -> str | None:
        """Until the record's field has one of the values: read now, and again whenever the
        workflows service says it changed (a `record:<id>` signal on record.changed), or
        every RECORD_RECHECK at the latest; past the timeout, `on_timeout`."""
        kind, record_id = self.made_record(wait["node"])
        deadline = workflow.now() + _span(wait["timeout"])
        wake = f"record:{record_id}"
        while record_id and not self.halted(scopes):
            self.signals.discard(wake)
            value = await workflow.execute_activity(
                RECORD_FIELD,
                RecordFieldRequest(type=kind, record_id=record_id, field=wait["field"]),
                start_to_close_timeout=ACTIVITY,
                result_type=str,
            )
            if value in wait["values"]:
                return None
            remaining = (deadline - workflow.now()).total_seconds()
            if remaining <= 0:
                break
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    lambda: wake in self.signals or self.halted(scopes),
                    timeout=min(remaining, RECORD_RECHECK.total_seconds()),
                )
        return str(wait["on_timeout"])

    async def pause(self, seconds: float, scopes: tuple[int, ...]) -> None:
        """Sleep, or less when the branch is stopped."""
        with contextlib.suppress(TimeoutError):
            await workflow.wait_condition(lambda: self.halted(scopes), timeout=seconds)

    async def tell_client(self, node: dict[str, Any], task_id: str) -> None:
        """A task for the client: the client hears of it (in their words, with the portal)."""
        client = words(node.get("client_title"))
        await self.send(
            {"template": "client-task", "to": "client"},
            f"{task_id}/asked",
            {"title_zh": client.get("zh-CN", ""), "title_en": client.get("en", "")},
        )

    async def send(
        self, node: dict[str, Any], task_id: str, extra: dict[str, str] | None = None
    ) -> None:
        to = node.get("to", "client")
        user = {"advisor": self.params.advisor_id, "manager": self.params.manager_id}.get(to, "")
        if to != "client" and not user:
            self.note(f"{node['id']}: nobody to send to ({to})")
            return
        await workflow.execute_activity(
            SEND_TEMPLATE,
            TemplateSend(
                idempotency_key=f"{workflow.info().workflow_id}/{task_id}",
                template_key=node["template"],
                client_id=self.params.client_id,
                user_id=user,
                variables_json=json.dumps(
                    {"process": self.params.key, "client_id": self.params.client_id}
                    | (extra or {}),
                    ensure_ascii=False,
                ),
                workflow_id=workflow.info().workflow_id,
                attachments=tuple(
                    self.documents[n] for n in [node.get("attach")] if n in self.documents
                ),
            ),
            start_to_close_timeout=ACTIVITY,
        )


def _span(value: dict[str, Any]) -> timedelta:
    return timedelta(days=int(value.get("days", 0)), hours=int(value.get("hours", 0)))


def _failed(done: list[asyncio.Task[None]]) -> bool:
    return any(t.exception() is not None for t in done if not t.cancelled())
