"""Process definitions through the gateway on the real dev server: the shipped definitions are
there and published; a document is validated with every problem named by node and field; an
admin puts and publishes a definition; a manager starts it for a client of their team (not of
another's); the advisor completes its task, the manager approves; the client sees only the
client-visible step, in their words, in the portal."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.integration.test_portal_api import email_of, portal_session
from tests.notify_support import SmtpSink
from tests.support import Stack, eventually, token

ADMIN = token("admin-1", "admin")


def welcome_pack(key: str) -> dict[str, Any]:
    return {
        "key": key,
        "name": {"zh-CN": "欢迎礼包", "en": "Welcome pack"},
        "start": "send_pack",
        "nodes": [
            {
                "id": "send_pack",
                "kind": "task",
                "title": {"zh-CN": "寄送欢迎礼包", "en": "Send the welcome pack"},
                "assignee": {"to": "advisor"},
                "sla": {"business_days": 3},
                "max_visits": 3,
                "client_visible": True,
                "client_title": {
                    "zh-CN": "欢迎礼包寄送中",
                    "en": "Your welcome pack is on its way",
                },
                "next": "check",
            },
            {
                "id": "check",
                "kind": "approval",
                "title": {"zh-CN": "确认礼包已送达", "en": "Confirm the pack arrived"},
                "approvers": {"role": "manager"},
                "max_visits": 3,
                "on_reject": "send_pack",
                "next": "tag",
            },
            {
                "id": "tag",
                "kind": "update",
                "actions": [{"kind": "add_tag", "target": "已寄礼包"}],
                "next": "done",
            },
            {"id": "done", "kind": "end", "outcome": "sent"},
        ],
    }


async def _team(gateway: httpx.AsyncClient, suffix: str) -> dict[str, str]:
    team = f"def-{suffix}"
    people = {"manager": f"mgr-d-{suffix}", "advisor": f"adv-d-{suffix}"}
    assert (
        await gateway.put(f"/v1/directory/teams/{team}", headers=ADMIN, json={"name": team})
    ).status_code == 200
    for kind, user_id in people.items():
        reply = await gateway.put(
            f"/v1/directory/people/{user_id}",
            headers=ADMIN,
            json={"name": user_id, "memberships": [{"team_id": team, "role": kind}]},
        )
        assert reply.status_code == 200, reply.text
    return {"team": team, **people}


async def test_shipped_definitions_and_validation(gateway: httpx.AsyncClient, stack: Stack) -> None:
    listed = await gateway.get("/v1/process-definitions", headers=ADMIN)
    assert listed.status_code == 200, listed.text
    shipped = {d["key"]: d for d in listed.json()["items"]}
    assert {"post-investment", "dealer-signing"} <= set(shipped)
    assert shipped["post-investment"]["published_version"] >= 1
    schema = await gateway.get("/v1/process-definitions/schema", headers=ADMIN)
    assert schema.status_code == 200 and "nodes" in schema.json()["properties"]
    assert (await gateway.get("/v1/process-definitions/schema")).status_code == 401

    bad = welcome_pack("bad-one")
    bad["nodes"][0]["next"] = "nowhere"
    bad["nodes"][1]["on_reject"] = "check"  # a loop on itself without a bound
    bad["nodes"][1]["max_visits"] = 1
    checked = await gateway.post(
        "/v1/process-definitions/validate", headers=ADMIN, json={"document": bad}
    )
    assert checked.status_code == 200, checked.text
    fields = [p["field"] for p in checked.json()["problems"]]
    assert fields == ["nodes[send_pack].next"], fields
    bad["nodes"][0]["next"] = "check"
    fields = [
        p["field"]
        for p in (
            await gateway.post(
                "/v1/process-definitions/validate", headers=ADMIN, json={"document": bad}
            )
        ).json()["problems"]
    ]
    assert fields == ["nodes[check].max_visits"], fields
    refused = await gateway.put(
        "/v1/process-definitions/bad-one", headers=ADMIN, json={"document": bad}
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "nodes[check].max_visits"
    advisor = token("adv-x", "advisor")
    assert (
        await gateway.put(
            "/v1/process-definitions/x", headers=advisor, json={"document": welcome_pack("x")}
        )
    ).status_code == 403


async def test_an_admin_defines_a_manager_starts_the_advisor_and_manager_act(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    suffix = uuid.uuid4().hex[:6]
    who = await _team(gateway, suffix)
    other = await _team(gateway, uuid.uuid4().hex[:6])
    key = f"welcome-{suffix}"
    put = await gateway.put(
        f"/v1/process-definitions/{key}", headers=ADMIN, json={"document": welcome_pack(key)}
    )
    assert put.status_code == 200, put.text
    assert put.json()["version"] == 1 and put.json()["published_at"] is None
    again = await gateway.put(
        f"/v1/process-definitions/{key}", headers=ADMIN, json={"document": welcome_pack(key)}
    )
    assert again.status_code == 409  # expected_version 0 is stale now
    address = email_of()
    created = await gateway.post(
        "/v1/clients",
        headers=token(who["manager"], "manager", team=who["team"]),
        json={
            "name": f"定义客户{suffix}",
            "advisor_id": who["advisor"],
            "team_id": who["team"],
            "email": address,
            "locale": "zh-CN",
        },
    )
    assert created.status_code == 201, created.text
    client_id = created.json()["id"]
    manager = token(who["manager"], "manager", team=who["team"])
    start = {"client_id": client_id, "run_key": "first"}
    draft_only = await gateway.post(
        f"/v1/process-definitions/{key}/start", headers=manager, json=start
    )
    assert draft_only.status_code in (400, 409), draft_only.text  # nothing published yet
    published = await gateway.post(
        f"/v1/process-definitions/{key}/versions/1/publish", headers=ADMIN
    )
    assert published.status_code == 200 and published.json()["published_version"] == 1
    elsewhere = await gateway.post(
        f"/v1/process-definitions/{key}/start",
        headers=token(other["manager"], "manager", team=other["team"]),
        json=start,
    )
    assert elsewhere.status_code == 404
    rule = (
        await gateway.post(
            "/v1/rules",
            headers=ADMIN,
            json={
                "name": f"after {key}",
                "event_type": "process.completed",
                "condition": f'event.payload.definition == "{key}"',
                "period": "always",
                "actions": [{"kind": "add_tag", "target": "礼包流程完成"}],
            },
        )
    ).json()
    started = await gateway.post(
        f"/v1/process-definitions/{key}/start", headers=manager, json=start
    )
    assert started.status_code == 202, started.text
    workflow_id = started.json()["workflow_id"]
    assert workflow_id == f"definition/{client_id}/{key}/first"
    twice = await gateway.post(f"/v1/process-definitions/{key}/start", headers=manager, json=start)
    assert twice.status_code == 409

    async def task_for(headers: dict[str, str], task_id: str) -> dict[str, Any] | None:
        items = (
            await gateway.get(
                "/v1/tasks",
                headers=headers,
                params={"process_kind": "definition", "page_size": 200},
            )
        ).json()["items"]
        return next(
            (t for t in items if t["workflow_id"] == workflow_id and t["task_id"] == task_id), None
        )

    advisor = token(who["advisor"], "advisor", team=who["team"])
    task = await eventually(
        lambda: task_for(advisor, "send_pack"), "the advisor's task", seconds=20
    )
    assert task["title"] == "Send the welcome pack"
    done = await gateway.post(
        f"/v1/tasks/{task['id']}/complete", headers=advisor, json={"outcome": "done"}
    )
    assert done.status_code == 200, done.text

    # The client sees the client-visible step only, in their words.
    session = await portal_session(gateway, smtp_sink, address)
    mine = await gateway.get("/v1/portal/processes", headers=session)
    assert mine.status_code == 200, mine.text
    [process] = [p for p in mine.json() if p["workflow_id"] == workflow_id]
    assert [t["title"]["zh-CN"] for t in process["tasks"]] == ["欢迎礼包寄送中"]
    # The staff routes refuse a portal session.
    staff_view = await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=session)
    assert staff_view.status_code == 401

    approval = await eventually(
        lambda: task_for(manager, "check"), "the manager's approval", seconds=20
    )
    approved = await gateway.post(
        f"/v1/tasks/{approval['id']}/complete", headers=manager, json={"outcome": "approve"}
    )
    assert approved.status_code == 200, approved.text

    async def finished() -> dict[str, Any] | None:
        reply = (await gateway.get(f"/v1/processes/{workflow_id}", headers=manager)).json()
        return reply if reply["status"] == "completed" else None

    result = await eventually(finished, "the run to finish", seconds=20)
    assert result["result"]["outcome"] == "sent"
    client = (await gateway.get(f"/v1/clients/{client_id}", headers=ADMIN)).json()
    assert "已寄礼包" in client["tags"]

    # Its end is an event a rule answers.
    async def tagged() -> bool:
        reply = await gateway.get(f"/v1/clients/{client_id}", headers=ADMIN)
        return "礼包流程完成" in reply.json()["tags"]

    await eventually(tagged, "the process.completed rule", seconds=20)
    assert (await gateway.delete(f"/v1/rules/{rule['id']}", headers=ADMIN)).status_code == 200


async def test_a_dry_run_shows_the_path_with_given_answers(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    shipped = (await gateway.get("/v1/process-definitions/post-investment", headers=ADMIN)).json()[
        "document"
    ]
    created = await gateway.post("/v1/clients", headers=ADMIN, json={"name": "试运行客户"})
    client_id = created.json()["id"]
    run = await gateway.post(
        "/v1/process-definitions/dry-run",
        headers=ADMIN,
        json={
            "document": shipped,
            "client_id": client_id,
            "answers": {"partners": ["reject", "approve"]},
        },
    )
    assert run.status_code == 200, run.text
    path = [s["node"] for s in run.json()["steps"]]
    assert path == [
        "welcome",
        "documents",
        "prepare",
        "partners",
        "prepare",
        "partners",
        "settle",
        "survey",
        "done",
    ]
    assert run.json()["outcome"] == "served"
    # Another team's manager cannot dry-run for a client they cannot see.
    hidden = await gateway.post(
        "/v1/process-definitions/dry-run",
        headers=token("mgr-elsewhere", "manager", team="team-elsewhere"),
        json={"document": shipped, "client_id": client_id},
    )
    assert hidden.status_code == 404
