"""Clients' requests through the gateway, the real services and worker: the built-in types,
fields checked against the type, a redemption's steps done as tasks by the right roles, the
client-safe progress, notes and messages kept apart, another book's advisor seeing nothing,
a contact change applied to the client only after approval (and audited as the request),
admins defining a type, and complaints that cannot be deleted."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support import Stack, create_client, eventually, token

ADMIN = token("admin-rq", "admin")


async def _task(
    gateway: httpx.AsyncClient, headers: dict[str, str], workflow_id: str, task_id: str
) -> dict[str, Any] | None:
    page = (await gateway.get("/v1/tasks", headers=headers)).json()["items"]
    found = [t for t in page if t["workflow_id"] == workflow_id and t["task_id"] == task_id]
    return found[0] if found and found[0]["status"] in ("open", "escalated") else None


async def complete(
    gateway: httpx.AsyncClient,
    headers: dict[str, str],
    workflow_id: str,
    task_id: str,
    outcome: str,
    form: dict[str, Any] | None = None,
) -> None:
    async def find() -> dict[str, Any] | None:
        return await _task(gateway, headers, workflow_id, task_id)

    task = await eventually(find, f"task {task_id}")
    done = await gateway.post(
        f"/v1/tasks/{task['id']}/complete",
        headers=headers,
        json={"outcome": outcome, "form": form or {}},
    )
    assert done.status_code == 200, done.text


async def status_of(gateway: httpx.AsyncClient, request_id: str, wanted: str) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        body = (await gateway.get(f"/v1/requests/{request_id}", headers=ADMIN)).json()
        return body if body["status"] == wanted else None

    found: dict[str, Any] = await eventually(check, f"request {request_id} {wanted}")
    return found


@pytest.fixture
def people() -> dict[str, str]:
    return {"advisor": f"adv-{uuid.uuid4().hex[:6]}", "team": f"team-{uuid.uuid4().hex[:6]}"}


async def test_a_redemption_runs_its_steps_and_the_client_view_follows(
    gateway: httpx.AsyncClient, stack: Stack, people: dict[str, str]
) -> None:
    advisor, team = people["advisor"], people["team"]
    client = await create_client(stack.services.clients, advisor_id=advisor, team_id=team)
    me = token(advisor, "advisor", team=team)

    types = (await gateway.get("/v1/request-types", headers=me)).json()
    assert {"redemption", "contact-change", "document-request", "complaint"} <= {
        t["key"] for t in types
    }

    url = f"/v1/clients/{client.id}/requests"
    missing = await gateway.post(url, headers=me, json={"type": "redemption", "fields": {}})
    assert missing.status_code == 400 and "fields.product" in missing.text
    wrong = await gateway.post(
        url,
        headers=me,
        json={"type": "redemption", "fields": {"product": "A", "amount": "lots"}},
    )
    assert wrong.status_code == 400 and "fields.amount" in wrong.text and "lots" in wrong.text
    unknown = await gateway.post(url, headers=me, json={"type": "teleport", "fields": {}})
    assert unknown.status_code == 400 and "type" in unknown.text
    stranger = token("adv-stranger", "advisor", team=team)
    fields = {"product": "稳健一号", "amount": 500000}
    assert (
        await gateway.post(url, headers=stranger, json={"type": "redemption", "fields": fields})
    ).status_code == 404

    request_id = str(uuid.uuid4())
    created = await gateway.post(
        url,
        headers=me,
        json={"type": "redemption", "subject": "Q4", "fields": fields, "request_id": request_id},
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"] == request_id and body["status"] == "open"
    assert body["type_names"]["zh-CN"] == "赎回申请"
    again = await gateway.post(
        url,
        headers=me,
        json={"type": "redemption", "subject": "Q4", "fields": fields, "request_id": request_id},
    )
    assert again.status_code == 201 and again.json()["id"] == request_id
    workflow_id = body["workflow_id"]

    # Visible to its advisor and an admin, a 404 to another advisor.
    mine = (await gateway.get("/v1/requests", headers=me)).json()["items"]
    assert [r["id"] for r in mine] == [request_id]
    for path in ("", "/notes", "/messages"):
        got = await gateway.get(f"/v1/requests/{request_id}{path}", headers=stranger)
        assert got.status_code == 404, path

    # Notes and messages are separate records.
    note = await gateway.post(
        f"/v1/requests/{request_id}/notes", headers=me, json={"body": "check the lock-up"}
    )
    assert note.status_code == 201
    message = await gateway.post(
        f"/v1/requests/{request_id}/messages", headers=me, json={"body": "We are on it."}
    )
    assert message.status_code == 201
    messages = (await gateway.get(f"/v1/requests/{request_id}/messages", headers=me)).json()
    assert [m["body"] for m in messages] == ["We are on it."]
    notes = (await gateway.get(f"/v1/requests/{request_id}/notes", headers=me)).json()
    assert [n["body"] for n in notes] == ["check the lock-up"]

    await complete(gateway, me, workflow_id, "review", "approved")
    manager = token(f"mgr-{team}", "manager", team=team)
    await complete(gateway, manager, workflow_id, "approval", "approved")
    accountant = token("acc-rq", "accountant")
    await complete(gateway, accountant, workflow_id, "settlement", "done")
    resolved = await status_of(gateway, request_id, "resolved")
    assert [s["state"] for s in resolved["progress"]["steps"]] == ["done", "done", "done"]
    assert resolved["first_response_at"] and resolved["resolved_at"]

    reopened = await gateway.post(
        f"/v1/requests/{request_id}/reopen", headers=me, json={"reason": "funds not arrived"}
    )
    assert reopened.status_code == 200, reopened.text
    await complete(gateway, me, workflow_id, "review-2", "rejected")
    rejected = await status_of(gateway, request_id, "rejected")
    assert rejected["round"] == 2
    late = await gateway.post(
        f"/v1/requests/{request_id}/reopen", headers=me, json={"reason": "again"}
    )
    assert late.status_code == 409


async def test_a_contact_change_reaches_the_client_only_after_approval(
    gateway: httpx.AsyncClient, stack: Stack, people: dict[str, str]
) -> None:
    advisor, team = people["advisor"], people["team"]
    client = await create_client(stack.services.clients, advisor_id=advisor, team_id=team)
    me = token(advisor, "advisor", team=team)
    new_email = f"{uuid.uuid4().hex[:8]}@example.com"
    created = await gateway.post(
        f"/v1/clients/{client.id}/requests",
        headers=me,
        json={"type": "contact-change", "fields": {"email": new_email, "reason": "moved"}},
    )
    assert created.status_code == 201, created.text
    request = created.json()
    await complete(gateway, me, request["workflow_id"], "verification", "approved")
    current = (await gateway.get(f"/v1/clients/{client.id}", headers=me)).json()
    assert current["email"] != new_email
    manager = token(f"mgr-{team}", "manager", team=team)
    await complete(gateway, manager, request["workflow_id"], "approval", "approved")
    await status_of(gateway, request["id"], "resolved")
    current = (await gateway.get(f"/v1/clients/{client.id}", headers=me)).json()
    assert current["email"] == new_email
    audit = (await gateway.get(f"/v1/clients/{client.id}/audit", headers=ADMIN)).json()
    entries = audit["items"] if isinstance(audit, dict) else audit
    change = next(e for e in entries if e["action"] == "update")
    assert change["actor_id"] == f"request:{request['id']}" and "email" in change["changes"]


async def test_admins_define_types_and_complaints_stay(
    gateway: httpx.AsyncClient, stack: Stack, engine: AsyncEngine, people: dict[str, str]
) -> None:
    definition: dict[str, Any] = {
        "names": {"zh-CN": "补贴申请", "en": "Subsidy application"},
        "fields": [{"name": "program", "labels": {"zh-CN": "项目", "en": "Program"}}],
        "steps": [
            {
                "key": "check",
                "names": {"zh-CN": "审核", "en": "Check"},
                "role": "advisor",
                "sla": {"hours": 16, "by_tier": {"STRATEGIC": 8}},
            }
        ],
    }
    advisor = token(people["advisor"], "advisor", team=people["team"])
    refused = await gateway.put(
        "/v1/request-types/subsidy", headers=advisor, json={"definition": definition}
    )
    assert refused.status_code == 403
    bad = {**definition, "steps": [{**definition["steps"][0], "role": "janitor"}]}
    invalid = await gateway.put(
        "/v1/request-types/subsidy", headers=ADMIN, json={"definition": bad}
    )
    assert invalid.status_code == 400 and "definition.steps.0.role" in invalid.text
    first = await gateway.put(
        "/v1/request-types/subsidy", headers=ADMIN, json={"definition": definition}
    )
    assert first.status_code == 200, first.text
    second = await gateway.put(
        "/v1/request-types/subsidy", headers=ADMIN, json={"definition": definition}
    )
    assert (first.json()["version"] + 1) == second.json()["version"]
    built_in = await gateway.put(
        "/v1/request-types/complaint",
        headers=ADMIN,
        json={"definition": definition, "retired": True},
    )
    assert built_in.status_code == 409

    client = await create_client(
        stack.services.clients, advisor_id=people["advisor"], team_id=people["team"]
    )
    complaint = await gateway.post(
        f"/v1/clients/{client.id}/requests",
        headers=advisor,
        json={"type": "complaint", "fields": {"category": "fees", "description": "charged twice"}},
    )
    assert complaint.status_code == 201, complaint.text
    async with engine.connect() as connection:
        with pytest.raises(Exception, match="cannot be deleted"):
            await connection.execute(
                text("DELETE FROM workflows.service_requests WHERE id = :id"),
                {"id": complaint.json()["id"]},
            )
