"""Rules on the record's own changes, through the gateway: a changed custom field reassigns the
client and tells the new advisor (in-app and WeCom), audited as the rule with its cause; a
deposit that lifts two quarters' net inflows over a threshold tags the client and asks for a
follow-up; a rule that would re-trigger itself stops; the preview over recent events counts
the clients each action would have changed; a broad rule needs a bulk confirmation."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from clientflow.notifications.v1 import notifications_pb2
from clientflow.workflows.v1 import workflows_pb2

from services.common.identity import SYSTEM_ACTOR
from tests.notify_support import HttpProvider
from tests.support import Stack, actor, eventually, token

ADMIN = token("admin-1", "admin")


async def _team(gateway: httpx.AsyncClient, suffix: str) -> dict[str, str]:
    """A team of its own: a manager, an advisor and a senior advisor."""
    team = f"auto-{suffix}"
    people = {
        "manager": f"mgr-{suffix}",
        "advisor": f"adv-{suffix}",
        "senior": f"sen-{suffix}",
    }
    assert (
        await gateway.put(f"/v1/directory/teams/{team}", headers=ADMIN, json={"name": team})
    ).status_code == 200
    for kind, user_id in people.items():
        reply = await gateway.put(
            f"/v1/directory/people/{user_id}",
            headers=ADMIN,
            json={
                "name": user_id,
                "email": f"{user_id}@example.com",
                "memberships": [
                    {"team_id": team, "role": "manager" if kind == "manager" else "advisor"}
                ],
            },
        )
        assert reply.status_code == 200, reply.text
    return {"team": team, **people}


async def _client(gateway: httpx.AsyncClient, who: dict[str, str], **fields: Any) -> str:
    created = await gateway.post(
        "/v1/clients",
        headers=token(who["manager"], "manager", team=who["team"]),
        json={
            "name": f"自动化客户{uuid.uuid4().hex[:4]}",
            "advisor_id": who["advisor"],
            "team_id": who["team"],
            **fields,
        },
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def _rule(gateway: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    created = await gateway.post("/v1/rules", headers=ADMIN, json=body)
    assert created.status_code == 201, created.text
    return dict(created.json())


async def test_intent_b_to_a_assigns_the_senior_advisor_and_tells_them(
    gateway: httpx.AsyncClient, stack: Stack, http_provider: HttpProvider
) -> None:
    suffix = uuid.uuid4().hex[:6]
    who = await _team(gateway, suffix)
    field = f"intent_{suffix}"
    defined = await gateway.put(
        f"/v1/custom-fields/{field}",
        headers=ADMIN,
        json={"label": "意向评级", "type": "single_choice", "options": ["A", "B", "C"]},
    )
    assert defined.status_code == 200, defined.text
    rule = await _rule(
        gateway,
        {
            "name": f"意向 B→A {suffix}",
            "event_type": "client.changed",
            "field": f"custom_fields.{field}",
            "from_values": ["B"],
            "to_values": ["A"],
            "team_id": who["team"],
            "period": "always",
            "actions": [
                {"kind": "assign_advisor", "target": who["senior"]},
                {
                    "kind": "notify_staff",
                    "target": "client-assigned",
                    "parameters": {"to": "advisor", "channels": "in_app,wecom"},
                },
            ],
        },
    )
    client_id = await _client(gateway, who, custom_fields={field: "C"})
    advisor = token(who["advisor"], "advisor", team=who["team"])
    # C → B does not fire; B → A does.
    for value in ("B", "A"):
        changed = await gateway.patch(
            f"/v1/clients/{client_id}", headers=advisor, json={"custom_fields": {field: value}}
        )
        assert changed.status_code == 200, changed.text

    async def reassigned() -> bool:
        reply = await gateway.get(f"/v1/clients/{client_id}", headers=ADMIN)
        return bool(reply.json()["advisor_id"] == who["senior"])

    await eventually(reassigned, "the rule to assign the senior advisor", seconds=20)

    async def told() -> list[str]:
        reply = await stack.services.notifications.ListInbox(
            notifications_pb2.ListInboxRequest(user_id=who["senior"]),
            metadata=actor(who["senior"]).to_metadata(),
        )
        return [m.title for m in reply.messages]

    titles = await eventually(told, "the senior advisor's in-app message", seconds=20)
    assert len(titles) == 1 and "已分配给您" in titles[0]

    async def on_wecom() -> bool:
        wecom = [r for r in http_provider.requests if r.path.endswith("wecom")]
        return any(r.body.get("to") == who["senior"] for r in wecom)

    await eventually(on_wecom, "the WeCom message (sent by the dispatcher)", seconds=20)

    # The former advisor no longer sees the client; the audit names the rule and its cause.
    assert (await gateway.get(f"/v1/clients/{client_id}", headers=advisor)).status_code == 404
    audit = (await gateway.get(f"/v1/clients/{client_id}/audit", headers=ADMIN)).json()["items"]
    [by_rule] = [e for e in audit if e["actor_id"] == f"rule:{rule['id']}"]
    assert by_rule["changes"]["advisor_id"]["after"] == who["senior"]
    assert by_rule["cause"].startswith("clients/outbox/")
    assert (await gateway.delete(f"/v1/rules/{rule['id']}", headers=ADMIN)).status_code == 200


async def test_growing_inflows_tag_the_client_and_ask_for_a_follow_up(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    who = await _team(gateway, suffix)
    rule = await _rule(
        gateway,
        {
            "name": f"高增投意向 {suffix}",
            "event_type": "transaction.recorded",
            "condition": "event.payload.net_flows_2q > 1000000.0",
            "team_id": who["team"],
            "period": "quarter",
            "actions": [
                {"kind": "add_tag", "target": "高增投意向"},
                {
                    "kind": "create_task",
                    "target": "跟进高增投意向客户",
                    "parameters": {"business_days": "2"},
                },
            ],
        },
    )
    client_id = await _client(gateway, who)
    manager = token(who["manager"], "manager", team=who["team"])
    for number, amount in enumerate(("600000", "700000")):
        recorded = await gateway.post(
            f"/v1/clients/{client_id}/transactions",
            headers=manager,
            json={
                "external_id": f"tx-{suffix}-{number}",
                "kind": "subscription",
                "amount": amount,
                "currency": "CNY",
                "product_code": "CF-EQ-01",
                "occurred_at": datetime.now(UTC).isoformat(),
            },
        )
        assert recorded.status_code in (200, 201), recorded.text

    async def tagged() -> bool:
        reply = await gateway.get(f"/v1/clients/{client_id}", headers=ADMIN)
        return "高增投意向" in reply.json()["tags"]

    await eventually(tagged, "the tag", seconds=20)
    me = token(who["advisor"], "advisor", team=who["team"])

    async def follow_up() -> dict[str, Any] | None:
        items = (
            await gateway.get("/v1/tasks", headers=me, params={"process_kind": "follow-up"})
        ).json()["items"]
        return next((t for t in items if t["client_id"] == client_id), None)

    task = await eventually(follow_up, "the follow-up task", seconds=20)
    assert task["title"] == "跟进高增投意向客户"
    assert task["workflow_id"].startswith(f"follow-up/{client_id}/rule-")
    # The first deposit alone (600,000) did not match; the second did, once.
    events = await gateway.post(
        "/v1/rules/preview",
        headers=ADMIN,
        json={
            "rule": {k: rule[k] for k in ("name", "event_type", "condition", "team_id", "actions")},
            "recent_events": 200,
        },
    )
    assert events.status_code == 200, events.text
    assert events.json()["clients_changed"].get("add_tag", 0) >= 1
    assert (await gateway.delete(f"/v1/rules/{rule['id']}", headers=ADMIN)).status_code == 200


async def test_a_rule_never_answers_its_own_change_and_chains_stop(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    """Two rules that would feed each other forever (tag ⇄ tag) and one that would answer
    its own change: each change happens, and the chain stops at the depth limit."""
    suffix = uuid.uuid4().hex[:6]
    who = await _team(gateway, suffix)
    common = {"event_type": "client.changed", "field": "tags", "team_id": who["team"]}
    ping = await _rule(
        gateway,
        {
            **common,
            "name": f"ping {suffix}",
            "period": "always",
            "condition": '!("pong" in event.after)',
            "actions": [
                {"kind": "add_tag", "target": "pong"},
                {"kind": "remove_tag", "target": "ping"},
            ],
            "to_values": ["ping"],
        },
    )
    pong = await _rule(
        gateway,
        {
            **common,
            "name": f"pong {suffix}",
            "period": "always",
            "actions": [
                {"kind": "add_tag", "target": "ping"},
                {"kind": "remove_tag", "target": "pong"},
            ],
            "to_values": ["pong"],
        },
    )
    client_id = await _client(gateway, who)
    manager = token(who["manager"], "manager", team=who["team"])
    assert (
        await gateway.patch(f"/v1/clients/{client_id}", headers=manager, json={"tags": ["ping"]})
    ).status_code == 200

    async def settled() -> list[dict[str, Any]] | None:
        audit = (
            await gateway.get(
                f"/v1/clients/{client_id}/audit", headers=ADMIN, params={"page_size": 200}
            )
        ).json()["items"]
        by_rules = [e for e in audit if e["actor_id"].startswith("rule:")]
        return by_rules if len(by_rules) >= 4 else None

    await eventually(settled, "the chain of rules", seconds=20)
    # Let the relay drain whatever the last change caused, then check it stopped.
    await stack.relay.drain()
    audit = (
        await gateway.get(
            f"/v1/clients/{client_id}/audit", headers=ADMIN, params={"page_size": 200}
        )
    ).json()["items"]
    automated = [e for e in audit if e["actor_id"].startswith("rule:")]
    # depth 1 (ping), 2 (pong), 3 (ping): then the limit.
    assert 3 <= len(automated) <= 6, automated
    for rule in (ping, pong):
        assert (await gateway.delete(f"/v1/rules/{rule['id']}", headers=ADMIN)).status_code == 200


async def test_rules_are_checked_on_save(gateway: httpx.AsyncClient, stack: Stack) -> None:
    base = {"name": "bad", "event_type": "client.changed", "period": "always"}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"actions": [{"kind": "launch_missiles"}]}, "actions[0].kind"),
        ({"actions": [{"kind": "add_tag", "target": ""}]}, "actions[0].target"),
        (
            {"actions": [{"kind": "set_field", "target": "name", "parameters": {"value": "x"}}]},
            "actions[0].target",
        ),
        ({"actions": [{"kind": "set_stage", "target": "NOWHERE"}]}, "actions[0].target"),
        (
            {
                "actions": [
                    {"kind": "create_task", "target": "t", "parameters": {"business_days": "99"}}
                ]
            },
            "actions[0].parameters.business_days",
        ),
        (
            {
                "field": "tier",
                "event_type": "transaction.recorded",
                "actions": [{"kind": "add_tag", "target": "x"}],
            },
            "field",
        ),
        ({"to_values": ["A"], "actions": [{"kind": "add_tag", "target": "x"}]}, "to_values"),
        ({}, "action"),
    ]
    for extra, field in cases:
        refused = await gateway.post("/v1/rules", headers=ADMIN, json={**base, **extra})
        assert refused.status_code == 400, (extra, refused.text)
        assert refused.json()["errors"][0]["field"] == field, (extra, refused.text)


async def test_a_breached_task_is_an_event_rules_answer(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    """The workflows service's own events (task.breached here) are stored with the change
    and evaluated by its background loop."""
    suffix = uuid.uuid4().hex[:6]
    who = await _team(gateway, suffix)
    rule = await _rule(
        gateway,
        {
            "name": f"late {suffix}",
            "event_type": "task.breached",
            "condition": 'event.payload.process_kind == "call-client"',
            "team_id": who["team"],
            "period": "always",
            "actions": [{"kind": "add_tag", "target": "服务超时"}],
        },
    )
    client_id = await _client(gateway, who)
    now = datetime.now(UTC)
    for breached in (False, True, True):  # the second projection of the breach is not new
        task = workflows_pb2.Task(
            workflow_id=f"call-client/{client_id}/late",
            task_id="call",
            process_kind="call-client",
            title="Call",
            client_id=client_id,
            team_id=who["team"],
            status="escalated" if breached else "open",
            sla="2 business days",
            revision=2 if breached else 1,
        )
        task.created_at.FromDatetime(now)
        task.updated_at.FromDatetime(now)
        if breached:
            task.breached_at.FromDatetime(now)
        await stack.services.tasks.ProjectTask(task, metadata=SYSTEM_ACTOR.to_metadata())

    async def tagged() -> bool:
        reply = await gateway.get(f"/v1/clients/{client_id}", headers=ADMIN)
        return "服务超时" in reply.json()["tags"]

    await eventually(tagged, "the breach's rule", seconds=20)
    stored = await gateway.get(
        f"/v1/events/tasks%2Fcall-client%2F{client_id}%2Flate%2Fcall%2Fbreached", headers=ADMIN
    )
    if stored.status_code == 200:
        [firing] = [f for f in stored.json()["firings"] if f["rule_id"] == rule["id"]]
        assert firing["outcome"] == "changed"
    assert (await gateway.delete(f"/v1/rules/{rule['id']}", headers=ADMIN)).status_code == 200
