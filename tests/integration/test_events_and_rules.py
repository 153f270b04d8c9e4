"""Trigger events and rules through the gateway on the real dev server: a published event
starts a process through a rule (its task shows up for the advisor), a duplicate event
causes nothing, a second event in the same period is refused by Temporal's workflow-id
policy, a bad CEL condition is refused with its position, and the what-if preview counts
matches without starting anything."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.support import Stack, create_client, eventually, token

ADMIN = token("admin-1", "admin")
SERVICE = token("svc-crm", "service")


async def test_an_event_starts_a_process_once_per_period(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    services = stack.services
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    client = await create_client(services.clients, advisor_id=advisor, team_id="team-ev")

    bad = await gateway.post(
        "/v1/rules",
        headers=ADMIN,
        json={
            "name": "broken",
            "event_type": "transaction.recorded",
            "condition": "event.payload.amount >",
            "action": "start_process",
            "target": "call-client",
        },
    )
    assert bad.status_code == 400, bad.text
    assert bad.json()["errors"][0]["field"] == "condition"
    assert "line 1, column" in bad.json()["detail"]

    rule_body = {
        "name": f"big deposit {advisor}",
        "event_type": "transaction.recorded",
        "condition": f'client.advisor_id == "{advisor}" && event.payload.amount >= 1000000.0',
        "action": "start_process",
        "target": "call-client",
        "parameters": {"manager_id": "mgr-ev", "reason": "big-deposit"},
        "period": "month",
    }
    assert (
        await gateway.post("/v1/rules", headers=token(advisor, "advisor"), json=rule_body)
    ).status_code == 403
    created = await gateway.post("/v1/rules", headers=ADMIN, json=rule_body)
    assert created.status_code == 201, created.text
    rule_id = created.json()["id"]

    preview = await gateway.post(
        "/v1/rules/preview",
        headers=ADMIN,
        json={"rule": rule_body, "sample_payload": {"amount": 2000000}},
    )
    assert preview.status_code == 200, preview.text
    result = preview.json()
    assert result["matched"] == 1 and result["errors"] == 0
    assert result["first_matches"][0]["client_id"] == client.id

    def event(event_id: str, amount: int) -> dict[str, Any]:
        return {
            "event_id": event_id,
            "type": "transaction.recorded",
            "client_id": client.id,
            "occurred_at": "2026-11-20T10:00:00+08:00",
            "payload": {"amount": amount, "currency": "CNY"},
        }

    assert (
        await gateway.post("/v1/events", headers=token(advisor, "advisor"), json=event("e0", 1))
    ).status_code == 403
    first_id = f"crm-{uuid.uuid4()}"
    first = await gateway.post("/v1/events", headers=SERVICE, json=event(first_id, 2_000_000))
    assert first.status_code == 200, first.text
    [firing] = [f for f in first.json()["firings"] if f["rule_id"] == rule_id]
    assert firing["outcome"] == "started"
    assert (
        firing["workflow_id"]
        == f"call-client/{client.id}/rule-{uuid.UUID(rule_id).hex[:12]}/2026-11"
    )
    again = await gateway.post("/v1/events", headers=SERVICE, json=event(first_id, 2_000_000))
    assert again.json()["replayed"] is True
    assert again.json()["firings"] == first.json()["firings"]

    second = await gateway.post(
        "/v1/events", headers=SERVICE, json=event(f"crm-{uuid.uuid4()}", 3_000_000)
    )
    [repeat] = [f for f in second.json()["firings"] if f["rule_id"] == rule_id]
    assert repeat["outcome"] == "already_fired"
    small = await gateway.post("/v1/events", headers=SERVICE, json=event(f"crm-{uuid.uuid4()}", 10))
    [skipped] = [f for f in small.json()["firings"] if f["rule_id"] == rule_id]
    assert skipped["outcome"] == "not_matched"

    # The started process is waiting on the advisor.
    me = token(advisor, "advisor", team="team-ev")

    async def asked() -> bool:
        tasks = (await gateway.get("/v1/tasks", headers=me)).json()["items"]
        return any(t["workflow_id"] == firing["workflow_id"] for t in tasks)

    await eventually(asked, "the rule's process to ask the advisor", seconds=10)
    stored = await gateway.get(f"/v1/events/{first_id}", headers=ADMIN)
    assert stored.status_code == 200 and stored.json()["payload"]["currency"] == "CNY"
    retired = await gateway.delete(f"/v1/rules/{rule_id}", headers=ADMIN)
    assert retired.status_code == 200 and retired.json()["enabled"] is False
