"""The interpreter's nodes that run something of their own, under the time-skipping server: a
document (a report PDF a send attaches), sub-processes (another definition's published
version; one with none published takes its route), and a task for the client whose SLA
depends on the client's tier and whose reminder goes to the client."""

from __future__ import annotations

import json
import os
import uuid
from datetime import timedelta
from typing import Any

from temporalio.testing import WorkflowEnvironment

from services.workflows.worker.interpreter.workflow import DefinitionResult
from services.workflows.worker.processes.definition_run import DefinitionRunWorkflow
from services.workflows.worker.processes.models import DefinitionRunInput
from tests.workflows.definition_support import (
    HISTORIES,
    Env,
    act,
    complete,
    env_queue,
    start,
)
from tests.workflows.fakes import open_task, until

__all__ = ["env_queue"]


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


async def test_a_run_over_a_segment_pages_through_it_under_one_run_key(
    time_skipping_env: WorkflowEnvironment, env_queue: Env
) -> None:
    _services, fakes, queue = env_queue
    handle = await time_skipping_env.client.start_workflow(
        DefinitionRunWorkflow.run,
        DefinitionRunInput("post-investment", "seg-1"),
        id=f"definition-run/post-investment/seg-1/{uuid.uuid4().hex[:6]}",
        task_queue=queue,
    )
    counts = await handle.result()
    assert counts == {"scanned": 300, "started": 297, "already": 3, "failed": 0}
    assert [p.page_token for p in fakes.pages] == ["", "1", "2"]
    assert len({p.run_key for p in fakes.pages}) == 1
    assert fakes.pages[0].run_key.startswith("run-")
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        (HISTORIES / "definition_run.json").write_text(
            json.dumps(
                {"workflow_id": handle.id, **(await handle.fetch_history()).to_json_dict()},
                indent=1,
            )
        )
