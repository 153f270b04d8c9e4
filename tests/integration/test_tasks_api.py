"""Human tasks end to end: a call-client process started through the gateway shows up as a
task, is refused to the wrong people, completed by the right one, and its progress is read
from the workflow; under the time-skipping server with the real activities, the reminder and
the escalation land in the right inboxes and in the projection."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from clientflow.notifications.v1 import notifications_pb2
from clientflow.workflows.v1 import workflows_pb2
from temporalio.client import WorkflowFailureError
from temporalio.testing import WorkflowEnvironment

from services.workflows.worker.main import build_worker
from services.workflows.worker.processes.call_client import CallClientInput, CallClientWorkflow
from tests.support import ADMIN as ADMIN_ACTOR, Stack, actor, create_client, eventually, token

ADMIN = token("admin-1", "admin")


async def test_a_call_task_is_done_by_the_right_person_only(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    services = stack.services
    advisor, team = f"adv-{uuid.uuid4().hex[:6]}", f"team-{uuid.uuid4().hex[:4]}"
    client = await create_client(services.clients, advisor_id=advisor, team_id=team)
    me = token(advisor, "advisor", team=team)

    started = await gateway.post(
        f"/v1/clients/{client.id}/processes",
        headers=me,
        json={"kind": "call-client", "parameters": {"manager_id": "mgr-1", "reason": "kyc"}},
    )
    assert started.status_code == 202, started.text
    workflow_id = started.json()["workflow_id"]
    assert workflow_id == f"call-client/{client.id}/kyc"
    bad = await gateway.post(
        f"/v1/clients/{client.id}/processes",
        headers=me,
        json={"kind": "call-client", "parameters": {"business_days": "many"}},
    )
    assert bad.status_code == 400 and "parameters.business_days" in bad.text

    async def my_task() -> dict[str, Any] | None:
        page = (await gateway.get("/v1/tasks", headers=me)).json()["items"]
        found = [t for t in page if t["workflow_id"] == workflow_id]
        return found[0] if found else None

    task = await eventually(my_task, "the call task")
    assert (task["status"], task["assignee_user"], task["sla"]) == (
        "open",
        advisor,
        "2 business days",
    )
    assert task["due_at"] is not None and not task["overdue"]

    # Not visible to another advisor, nor to a manager of another team: 404.
    other = token("adv-other", "advisor", team=team)
    assert (await gateway.get(f"/v1/tasks/{task['id']}", headers=other)).status_code == 404
    done_by_other = await gateway.post(
        f"/v1/tasks/{task['id']}/complete",
        headers=other,
        json={"outcome": "reached", "form": {"summary": "x"}},
    )
    assert done_by_other.status_code == 404
    elsewhere = token("mgr-x", "manager", team="team-elsewhere")
    assert (await gateway.get(f"/v1/tasks/{task['id']}", headers=elsewhere)).status_code == 404
    # The team's manager sees it in the team view.
    team_view = await gateway.get(
        "/v1/tasks", params={"scope": "team"}, headers=token("mgr-1", "manager", team=team)
    )
    assert task["id"] in [t["id"] for t in team_view.json()["items"]]
    assert (await gateway.get("/v1/tasks", params={"scope": "team"}, headers=me)).status_code == 403

    claimed = await gateway.post(f"/v1/tasks/{task['id']}/claim", headers=me)
    assert claimed.status_code == 200 and claimed.json()["claimed_by"] == advisor
    wrong = await gateway.post(
        f"/v1/tasks/{task['id']}/complete",
        headers=me,
        json={"outcome": "maybe", "form": {"summary": "x"}},
    )
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "outcome"
    no_form = await gateway.post(
        f"/v1/tasks/{task['id']}/complete", headers=me, json={"outcome": "reached"}
    )
    assert no_form.status_code == 400 and no_form.json()["errors"][0]["field"] == "form.summary"
    done = await gateway.post(
        f"/v1/tasks/{task['id']}/complete",
        headers=me,
        json={"outcome": "reached", "comment": "约了下周见面", "form": {"summary": "谈了新产品"}},
    )
    assert done.status_code == 200, done.text
    # The task says what it accepts, so a UI can draw its form.
    described = (await gateway.get(f"/v1/tasks/{task['id']}", headers=me)).json()
    assert "reached" in described["outcomes"]
    [summary] = [f for f in described["form_fields"] if f["name"] == "summary"]
    assert summary["required"] is True and summary["labels"]["zh-CN"] == "通话纪要"
    # The action's answer is the state after it.
    assert (
        done.json()["status"],
        done.json()["completed_by"],
        done.json()["form"],
        done.json()["comment"],
    ) == ("done", advisor, {"summary": "谈了新产品"}, "约了下周见面")
    again = await gateway.post(
        f"/v1/tasks/{task['id']}/complete",
        headers=me,
        json={"outcome": "reached", "form": {"summary": "x"}},
    )
    assert again.status_code in (409, 400), again.text  # done (or the process has ended)

    async def projected_done() -> bool:
        current = await gateway.get(f"/v1/tasks/{task['id']}", headers=me)
        return bool(current.json()["status"] == "done")

    await eventually(projected_done, "the projection to say done")

    # The process's end is an event rules may answer, like a definition's.
    async def ended() -> dict[str, Any] | None:
        event_id = quote(f"process/{workflow_id}/completed", safe="")
        found = await gateway.get(f"/v1/events/{event_id}", headers=ADMIN)
        return found.json() if found.status_code == 200 else None

    event = await eventually(ended, "process.completed of the call", seconds=20)
    assert event["type"] == "process.completed"
    assert (event["payload"]["kind"], event["payload"]["outcome"]) == ("call-client", "reached")
    final = (await gateway.get(f"/v1/tasks/{task['id']}", headers=me)).json()
    assert (final["outcome"], final["completed_by"], final["form"]) == (
        "reached",
        advisor,
        {"summary": "谈了新产品"},
    )

    progress = await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=me)
    assert progress.status_code == 200, progress.text
    body = progress.json()
    assert body["current_step"] == "done"
    assert [s["event"] for s in body["steps"]] == ["created", "claimed", "completed"]
    client_view = await gateway.get(
        f"/v1/processes/{workflow_id}/progress", params={"view": "client"}, headers=me
    )
    safe = client_view.json()
    assert [s["event"] for s in safe["steps"]] == ["created", "completed"]
    assert all(s["by"] == "" for s in safe["steps"]) and safe["waiting_on"] == ""
    hidden = await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=other)
    assert hidden.status_code == 404


async def test_reminder_and_escalation_reach_inboxes_and_the_projection(
    time_skipping_env: WorkflowEnvironment, stack: Stack
) -> None:
    services = stack.services
    advisor, manager = f"adv-{uuid.uuid4().hex[:6]}", f"mgr-{uuid.uuid4().hex[:6]}"
    queue = f"sla-{uuid.uuid4()}"
    async with build_worker(time_skipping_env.client, services, task_queue=queue):
        handle = await time_skipping_env.client.start_workflow(
            CallClientWorkflow.run,
            CallClientInput(
                client_id=str(uuid.uuid4()),
                advisor_id=advisor,
                team_id="team-sla",
                manager_id=manager,
                business_days=1,
            ),
            id=f"call-client/{uuid.uuid4()}/sla",
            task_queue=queue,
        )

        async def inbox(user: str) -> list[str]:
            reply = await services.notifications.ListInbox(
                notifications_pb2.ListInboxRequest(user_id=user),
                metadata=actor(user).to_metadata(),
            )
            return [m.title for m in reply.messages]

        async def projection() -> workflows_pb2.Task | None:
            reply = await services.tasks.ListTasks(
                workflows_pb2.ListTasksRequest(
                    scope="all", process_kind="call-client", page_size=200
                ),
                metadata=ADMIN_ACTOR.to_metadata(),
            )
            found = [t for t in reply.tasks if t.workflow_id == handle.id]
            return found[0] if found else None

        first = await eventually(projection, "the task in the projection")
        await time_skipping_env.sleep(timedelta(days=6))  # well past any 1-business-day SLA
        await eventually(lambda: _escalated(projection), "the escalation")
        reminders, escalations = await inbox(advisor), await inbox(manager)
        assert reminders == ["待办提醒：Call the client (follow-up)"]
        assert escalations == ["已超时：Call the client (follow-up)"]
        final = await projection()
        assert final is not None and final.escalation_level == 1 and final.reminders_sent == 1
        assert final.revision > first.revision and final.HasField("breached_at")
        # Cancel while the worker runs, so the workflow records the cancelled task and ends.
        await handle.cancel()
        with pytest.raises(WorkflowFailureError):
            await handle.result()
        cancelled = await projection()
        assert cancelled is not None and cancelled.status == "cancelled"


async def _escalated(projection: Any) -> bool:
    task = await projection()
    return bool(task is not None and task.escalation_level == 1)


async def test_a_cancelled_process_cancels_its_task_and_is_listed_for_the_client(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    services = stack.services
    advisor, team = f"adv-{uuid.uuid4().hex[:6]}", f"team-{uuid.uuid4().hex[:4]}"
    client = await create_client(services.clients, advisor_id=advisor, team_id=team)
    me, manager = token(advisor, "advisor", team=team), token("mgr-c", "manager", team=team)
    started = await gateway.post(
        f"/v1/clients/{client.id}/processes", headers=me, json={"kind": "call-client"}
    )
    workflow_id = started.json()["workflow_id"]

    async def task_status() -> str | None:
        page = (await gateway.get("/v1/tasks", headers=me)).json()["items"]
        found = [t["status"] for t in page if t["workflow_id"] == workflow_id]
        return found[0] if found else None

    assert await eventually(task_status, "the task") == "open"
    denied = await gateway.post(f"/v1/processes/{workflow_id}/cancel", headers=me)
    assert denied.status_code == 403
    cancelled = await gateway.post(
        f"/v1/processes/{workflow_id}/cancel", headers=manager, json={"reason": "客户改期"}
    )
    assert cancelled.status_code == 200, cancelled.text

    async def task_cancelled() -> bool:
        tasks = (await gateway.get("/v1/tasks", params={"status": "cancelled"}, headers=me)).json()
        return any(t["workflow_id"] == workflow_id for t in tasks["items"])

    await eventually(task_cancelled, "the task to be cancelled")
    # Every kind records why and who in its progress.
    progress = (await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=me)).json()
    assert ("cancelled", "客户改期", "mgr-c") in [
        (s["event"], s["detail"], s["by"]) for s in progress["steps"]
    ]

    async def listed() -> list[dict[str, Any]] | None:
        page = await gateway.get(f"/v1/clients/{client.id}/processes", headers=me)
        assert page.status_code == 200, page.text
        items = [p for p in page.json()["items"] if p["workflow_id"] == workflow_id]
        return items if items and items[0]["status"] == "cancelled" else None

    [process] = await eventually(listed, "the process listed as cancelled")
    assert process["kind"] == "call-client"
    other = await gateway.get(
        f"/v1/clients/{client.id}/processes", headers=token("adv-x", "advisor")
    )
    assert other.status_code == 404
    again = await gateway.post(f"/v1/processes/{workflow_id}/cancel", headers=manager)
    assert again.status_code == 409
