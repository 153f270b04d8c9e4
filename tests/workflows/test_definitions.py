"""The definition interpreter under the time-skipping server, with in-memory activities: the
post-investment service (a welcome call, documents, 2 of 3 partners with a reject loop, a
30-day wait, a survey), the dealer signing (legal and finance in parallel, one rejection
ends it), a late task escalating to the manager; plus replays of recorded histories."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from temporalio import activity
from temporalio.client import (
    WorkflowFailureError,
    WorkflowHandle,
    WorkflowHistory,
    WorkflowUpdateFailedError,
)
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from services.workflows.contract import RequestAction, TaskAction
from services.workflows.worker.activities.types import (
    CLIENT_DATE,
    EVALUATE_CONDITION,
    INVITE_TO_SURVEY,
    PROCESS_COMPLETED,
    PUBLISHED_DEFINITION,
    RECORD_RATING,
    RENDER_CLIENT_REPORT,
    RESOLVE_APPROVERS,
    SEND_TEMPLATE,
    UPDATE_RECORD,
    ApproversRequest,
    ClientDateRequest,
    ConditionRequest,
    NotificationOutcome,
    ProcessCompleted,
    PublishedDefinition,
    RatingRecord,
    RecordUpdate,
    RenderedReport,
    RenderRequest,
    SurveyInvitation,
    TemplateSend,
)
from services.workflows.worker.interpreter.workflow import (
    DefinitionInput,
    DefinitionResult,
    DefinitionWorkflow,
)
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner
from tests.workflows.fakes import FakeServices, fake_worker, open_task, progress, until

DEFINITIONS = Path(__file__).resolve().parents[2] / "services" / "workflows" / "definitions"
HISTORIES = Path(__file__).resolve().parent.parent / "histories"


@dataclass
class DefinitionFakes:
    sent: list[TemplateSend] = field(default_factory=list)
    updates: list[RecordUpdate] = field(default_factory=list)
    partners: tuple[str, ...] = ("ptn-a", "ptn-b", "ptn-c")
    completed: list[ProcessCompleted] = field(default_factory=list)
    invitations: list[SurveyInvitation] = field(default_factory=list)
    ratings: list[RatingRecord] = field(default_factory=list)
    rendered: list[RenderRequest] = field(default_factory=list)
    published: dict[str, dict[str, Any]] = field(default_factory=dict)

    def activities(self) -> list[Callable[..., Any]]:
        @activity.defn(name=RESOLVE_APPROVERS)
        async def resolve(request: ApproversRequest) -> list[str]:
            return list(self.partners) if request.role == "partner" else []

        @activity.defn(name=EVALUATE_CONDITION)
        async def evaluate(request: ConditionRequest) -> bool:
            return request.expression == "true"

        @activity.defn(name=UPDATE_RECORD)
        async def update(request: RecordUpdate) -> int:
            self.updates.append(request)
            return 1

        @activity.defn(name=SEND_TEMPLATE)
        async def send(request: TemplateSend) -> str:
            if all(s.idempotency_key != request.idempotency_key for s in self.sent):
                self.sent.append(request)
            return "sent"

        @activity.defn(name=CLIENT_DATE)
        async def client_date(request: ClientDateRequest) -> str:
            return ""

        @activity.defn(name=PROCESS_COMPLETED)
        async def completed(done: ProcessCompleted) -> None:
            self.completed.append(done)

        @activity.defn(name=INVITE_TO_SURVEY)
        async def invite(invitation: SurveyInvitation) -> NotificationOutcome:
            self.invitations.append(invitation)
            return NotificationOutcome("d-1", "sent")

        @activity.defn(name=RECORD_RATING)
        async def rate(record: RatingRecord) -> None:
            self.ratings.append(record)

        @activity.defn(name=RENDER_CLIENT_REPORT)
        async def render(request: RenderRequest) -> RenderedReport:
            self.rendered.append(request)
            return RenderedReport(f"artifact-{len(self.rendered)}", "0" * 64, 1000)

        @activity.defn(name=PUBLISHED_DEFINITION)
        async def published(key: str) -> PublishedDefinition:
            if key not in self.published:
                raise ApplicationError(f"definition {key} not found", non_retryable=True)
            return PublishedDefinition(key, 2, json.dumps(self.published[key]))

        return [
            resolve,
            evaluate,
            update,
            send,
            client_date,
            completed,
            invite,
            rate,
            render,
            published,
        ]


Env = tuple[FakeServices, DefinitionFakes, str]


@pytest.fixture
async def env_queue(time_skipping_env: WorkflowEnvironment) -> AsyncIterator[Env]:
    services, fakes = FakeServices(), DefinitionFakes()
    async with fake_worker(time_skipping_env, services, fakes.activities()) as queue:
        yield services, fakes, queue


async def start(
    env: WorkflowEnvironment,
    queue: str,
    key: str,
    document: dict[str, Any] | None = None,
    tier: str = "",
) -> WorkflowHandle[Any, Any]:
    document = document or json.loads((DEFINITIONS / f"{key}.json").read_text())
    client_id = str(uuid.uuid4())
    return await env.client.start_workflow(
        DefinitionWorkflow.run,
        DefinitionInput(
            client_id=client_id,
            key=key,
            version=1,
            document_json=json.dumps(document, ensure_ascii=False),
            advisor_id="adv-li",
            team_id="team-sh",
            manager_id="mgr-zhao",
            tier=tier,
        ),
        id=f"definition/{client_id}/{key}/{uuid.uuid4().hex[:8]}",
        task_queue=queue,
    )


def act(task_id: str, user: str, role: str, outcome: str = "done", **form: str) -> TaskAction:
    comment = form.pop("comment", "")
    return TaskAction(
        task_id=task_id,
        actor_user=user,
        actor_roles=(role,),
        actor_team="team-sh",
        outcome=outcome,
        comment=comment,
        form_json=json.dumps(form),
    )


async def complete(handle: WorkflowHandle[Any, Any], action: TaskAction) -> None:
    await until(handle, open_task(action.task_id))
    await handle.execute_update("complete_task", action)


async def test_post_investment_loops_back_on_a_rejection_and_ends_after_the_wait(
    time_skipping_env: WorkflowEnvironment, env_queue: Env
) -> None:
    services, fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "post-investment")
    client_id = handle.id.split("/")[1]
    await complete(handle, act("welcome", "adv-li", "advisor", summary="聊得很好"))
    # The client's own task: the client hears of it in their words and does it.
    await until(handle, open_task("documents"))
    documents = services.task("documents")
    assert documents.assignee_user == f"client:{client_id}"
    [told] = [s for s in fakes.sent if s.template_key == "client-task"]
    assert told.user_id == "" and "提交投后资料" in told.variables_json
    with pytest.raises(WorkflowUpdateFailedError):  # the advisor is not the client
        await handle.execute_update("complete_task", act("documents", "adv-li", "advisor"))
    upload = str(uuid.uuid4())
    await complete(handle, act("documents", f"client:{client_id}", "client", documents=upload))
    await complete(handle, act("prepare", "adv-li", "advisor"))
    # 2 of 3 partners: one approves, one rejects with a comment, the third is still open.
    await complete(handle, act("partners-1", "ptn-a", "partner", "approve"))
    await complete(
        handle, act("partners-2", "ptn-b", "partner", "reject", comment="缺少风险揭示书")
    )
    await until(handle, open_task("partners-3"))
    await complete(handle, act("partners-3", "ptn-c", "partner", "reject", comment="同上"))
    # Back to the advisor, with the partners' comments in the title.
    await until(handle, open_task("prepare-v2"))
    returned = services.task("prepare-v2")
    assert "缺少风险揭示书" in returned.title and returned.assignee_user == "adv-li"
    await complete(handle, act("prepare-v2", "adv-li", "advisor"))
    await complete(handle, act("partners-v2-1", "ptn-a", "partner", "approve"))
    await complete(handle, act("partners-v2-3", "ptn-c", "partner", "approve"))
    # Two approvals decide it: the second partner's ask is cancelled.
    view = await until(
        handle,
        lambda v: any(t.task_id == "partners-v2-2" and t.status == "cancelled" for t in v.tasks),
    )
    assert {t.task_id: t.client_visible for t in view.tasks}["welcome"] is True
    assert {t.task_id: t.client_visible for t in view.tasks}["partners-1"] is False
    await time_skipping_env.sleep(timedelta(days=31))
    # The survey is the NPS survey process, a child the client answers.
    survey = time_skipping_env.client.get_workflow_handle(
        f"nps-survey/{client_id}/post-investment-{handle.id.rsplit('/', 1)[-1]}-survey"
    )
    for _ in range(100):
        if fakes.invitations:
            break
        await time_skipping_env.sleep(timedelta(seconds=1))
    await survey.execute_update(
        "answer_survey",
        RequestAction(actor_user=f"client:{client_id}", actor_kind="client", score=9),
    )
    result: DefinitionResult = await handle.result()
    assert result.outcome == "served"
    assert result.path == (
        "welcome",
        "documents",
        "prepare",
        "partners",
        "prepare",
        "partners",
        "settle",
        "survey",
        "done",
    )
    assert [r.score for r in fakes.ratings] == [9]
    assert [(c.key, c.outcome) for c in fakes.completed] == [("post-investment", "served")]
    steps = [s.detail for s in (await progress(handle)).steps if s.event == "step"]
    assert steps[:2] == ["顾问欢迎来电", "提交投后资料"]
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        (HISTORIES / "definition_post_investment_client.json").write_text(
            json.dumps(
                {"workflow_id": handle.id, **(await handle.fetch_history()).to_json_dict()},
                indent=1,
            )
        )


async def test_dealer_signing_ends_at_the_first_rejection(
    time_skipping_env: WorkflowEnvironment, env_queue: Env
) -> None:
    services, _fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "dealer-signing")
    await until(handle, open_task("legal"))
    await until(handle, open_task("finance"))
    assert services.task("legal").assignee_role == "partner"
    assert services.task("finance").assignee_role == "accountant"
    # Someone without the role may not decide.
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update("complete_task", act("finance", "adv-li", "advisor", "approve"))
    await complete(handle, act("finance", "acc-sun", "accountant", "reject", comment="账户未开立"))
    result: DefinitionResult = await handle.result()
    assert result.outcome == "rejected"
    assert services.task("legal").status == "cancelled", [
        (p.task_id, p.status, p.revision) for p in services.projections
    ]
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        (HISTORIES / "definition_dealer_signing.json").write_text(
            json.dumps(
                {"workflow_id": handle.id, **(await handle.fetch_history()).to_json_dict()},
                indent=1,
            )
        )


async def test_dealer_signing_goes_to_the_manager_when_both_approve(
    time_skipping_env: WorkflowEnvironment, env_queue: Env
) -> None:
    _services, _fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "dealer-signing")
    await complete(handle, act("legal", "ptn-zhou", "partner", "approve"))
    await complete(handle, act("finance", "acc-sun", "accountant", "approve"))
    await complete(handle, act("manager", "mgr-zhao", "manager", "approve"))
    result: DefinitionResult = await handle.result()
    assert result.outcome == "signed"


async def test_a_late_task_escalates_to_the_manager(
    time_skipping_env: WorkflowEnvironment, env_queue: Env
) -> None:
    services, _fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "post-investment")
    await until(handle, open_task("welcome"))
    for _ in range(5):
        await time_skipping_env.sleep(timedelta(days=1))
    escalations = [
        m
        for m in services.to_users
        if m.template_key == "task-escalation" and handle.id in m.idempotency_key
    ]
    assert [m.user_id for m in escalations][:1] == ["mgr-zhao"]
    # Finish the run before the worker goes: a run left with work for no worker would hold
    # the test server's clock for every later test.
    await handle.cancel()
    with pytest.raises(WorkflowFailureError):
        await handle.result()


async def test_loops_are_bounded(time_skipping_env: WorkflowEnvironment, env_queue: Env) -> None:
    _services, _fakes, queue = env_queue
    document = {
        "key": "ping",
        "name": {"zh-CN": "循环", "en": "Loop"},
        "start": "a",
        "nodes": [
            {
                "id": "a",
                "kind": "update",
                "actions": [{"kind": "add_tag", "target": "x"}],
                "next": "b",
                "max_visits": 3,
            },
            {
                "id": "b",
                "kind": "condition",
                "cases": [{"when": "true", "next": "a"}],
                "default": "a",
                "max_visits": 3,
            },
        ],
    }
    handle = await start(time_skipping_env, queue, "ping", document)
    result: DefinitionResult = await handle.result()
    assert result.outcome == "loop_limit" and result.path.count("a") == 3


KIT = {
    "key": "welcome-kit",
    "name": {"zh-CN": "礼包", "en": "Kit"},
    "start": "tag",
    "nodes": [
        {
            "id": "tag",
            "kind": "update",
            "actions": [{"kind": "add_tag", "target": "kit"}],
            "next": "end",
        },
        {"id": "end", "kind": "end", "outcome": "kit"},
    ],
}


def documents_definition() -> dict[str, Any]:
    words = {"zh-CN": "确认信息", "en": "Confirm your details"}
    return {
        "key": "yearly-pack",
        "name": {"zh-CN": "年度材料", "en": "Yearly pack"},
        "start": "report",
        "nodes": [
            {"id": "report", "kind": "document", "next": "mail"},
            {
                "id": "mail",
                "kind": "send",
                "template": "process-document",
                "attach": "report",
                "next": "kit",
            },
            {
                "id": "kit",
                "kind": "subprocess",
                "definition": "welcome-kit",
                "routes": {"kit": "missing"},
                "next": "confirm",
            },
            {
                "id": "missing",
                "kind": "subprocess",
                "definition": "not-there",
                "routes": {"not_published": "confirm"},
                "next": "done",
            },
            {
                "id": "confirm",
                "kind": "task",
                "title": words,
                "assignee": {"to": "client"},
                "sla": {"business_hours": 16, "by_tier": {"strategic": 4}},
                "client_title": words,
                "next": "done",
            },
            {"id": "done", "kind": "end"},
        ],
    }


async def test_documents_subprocesses_and_a_client_task_with_an_sla_per_tier(
    time_skipping_env: WorkflowEnvironment, env_queue: Env
) -> None:
    services, fakes, queue = env_queue
    fakes.published["welcome-kit"] = KIT
    handle = await start(
        time_skipping_env, queue, "yearly-pack", documents_definition(), tier="strategic"
    )
    client_id = handle.id.split("/")[1]
    await until(handle, open_task("confirm"))
    # The report went with the message, to the client.
    [mail] = [s for s in fakes.sent if s.template_key == "process-document"]
    assert mail.attachments == ("artifact-1",) and mail.user_id == ""
    assert fakes.rendered[0].client_id == client_id
    # The sub-process ran for the same client (its update) and its outcome routed on.
    assert [json.loads(u.actions_json)[0]["target"] for u in fakes.updates] == ["kit"]
    # A strategic client's window is 4 business hours, not 16.
    assert services.task("confirm").sla == "4 business hours"
    for _ in range(3):
        await time_skipping_env.sleep(timedelta(days=1))
    reminders = [m for m in services.to_clients if m.template_key == "client-task-reminder"]
    assert [m.client_id for m in reminders] == [client_id]
    assert "确认信息" in reminders[0].variables_json
    await complete(handle, act("confirm", f"client:{client_id}", "client"))
    result: DefinitionResult = await handle.result()
    # The second sub-process names a definition with no published version: its route.
    assert result.path == ("report", "mail", "kit", "missing", "confirm", "done")
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        (HISTORIES / "definition_documents.json").write_text(
            json.dumps(
                {"workflow_id": handle.id, **(await handle.fetch_history()).to_json_dict()},
                indent=1,
            )
        )


@pytest.mark.parametrize(
    "name",
    [
        "definition_post_investment",
        "definition_post_investment_client",
        "definition_dealer_signing",
        "definition_documents",
    ],
)
async def test_replays_the_recorded_histories(name: str) -> None:
    """A change to the interpreter that breaks running definitions fails here: change it
    with workflow.patched, and re-record only for an intended, versioned change."""
    path = HISTORIES / f"{name}.json"
    recorded = json.loads(path.read_text())
    # A run whose children are named after it replays under its own workflow id.
    history = WorkflowHistory.from_json(recorded.pop("workflow_id", name), recorded)
    await Replayer(workflows=WORKFLOWS, workflow_runner=workflow_runner()).replay_workflow(history)
