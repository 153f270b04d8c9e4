"""The definition interpreter under the time-skipping server, with in-memory activities: the
post-investment service (a welcome call, the client's documents in the portal, the advisor's
pack, 2 of 3 partners with a reject loop back to the advisor, a 30-day wait, the NPS survey),
the dealer signing (legal and finance in parallel, one rejection ends it), a late task
escalating to the manager, loops bounded; plus replays of recorded histories."""

from __future__ import annotations

import json
import os
import uuid
from datetime import timedelta

import pytest
from temporalio.client import WorkflowFailureError, WorkflowHistory, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from services.workflows.contract import RequestAction
from services.workflows.worker.interceptors import workflow_interceptors
from services.workflows.worker.interpreter.workflow import DefinitionResult
from services.workflows.worker.processes.registry import WORKFLOWS
from services.workflows.worker.sandbox import workflow_runner
from tests.workflows.definition_support import (
    HISTORIES,
    Env,
    act,
    complete,
    env_queue,
    start,
)
from tests.workflows.fakes import open_task, progress, until

__all__ = ["env_queue"]


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
    # The survey (a coded process) and the run each end with process.completed.
    assert [(c.kind, c.key, c.outcome) for c in services.completed] == [
        ("nps-survey", "nps-survey", "answered"),
        ("definition", "post-investment", "served"),
    ]
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


@pytest.mark.parametrize(
    "name",
    [
        "definition_post_investment",
        "definition_post_investment_client",
        "definition_dealer_signing",
        "definition_documents",
        "definition_run",
        "definition_records",
    ],
)
async def test_replays_the_recorded_histories(name: str) -> None:
    """A change to the interpreter that breaks running definitions fails here: change it
    with workflow.patched, and re-record only for an intended, versioned change."""
    path = HISTORIES / f"{name}.json"
    recorded = json.loads(path.read_text())
    # A run whose children are named after it replays under its own workflow id.
    history = WorkflowHistory.from_json(recorded.pop("workflow_id", name), recorded)
    await Replayer(
        workflows=WORKFLOWS, workflow_runner=workflow_runner(), interceptors=workflow_interceptors()
    ).replay_workflow(history)
