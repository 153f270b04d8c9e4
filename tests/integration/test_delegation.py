"""Delegation through the gateway: a person away names a delegate for some days; the delegate
sees the person's tasks as theirs and completes one, recorded as done by the delegate for the
person; others are refused; bad dates name the field; every change is audited."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from tests.support import Stack, eventually, token

ADMIN = token("admin-1", "admin")


async def test_a_delegate_acts_on_the_persons_tasks_for_them(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    team, away, delegate = f"dlg-{suffix}", f"adv-away-{suffix}", f"adv-cover-{suffix}"
    assert (
        await gateway.put(f"/v1/directory/teams/{team}", headers=ADMIN, json={"name": team})
    ).status_code == 200
    for user in (away, delegate):
        assert (
            await gateway.put(
                f"/v1/directory/people/{user}",
                headers=ADMIN,
                json={"name": user, "memberships": [{"team_id": team, "role": "advisor"}]},
            )
        ).status_code == 200
    created = await gateway.post(
        "/v1/clients",
        headers=ADMIN,
        json={"name": f"委托客户{suffix}", "advisor_id": away, "team_id": team},
    )
    client_id = created.json()["id"]
    started = await gateway.post(
        f"/v1/clients/{client_id}/processes",
        headers=ADMIN,
        json={"kind": "call-client", "parameters": {"reason": "cover"}},
    )
    assert started.status_code == 202, started.text
    workflow_id = started.json()["workflow_id"]
    me = token(delegate, "advisor", team=team)

    async def task_of(headers: dict[str, str]) -> dict[str, Any] | None:
        items = (await gateway.get("/v1/tasks", headers=headers)).json()["items"]
        return next((t for t in items if t["workflow_id"] == workflow_id), None)

    task = await eventually(lambda: task_of(token(away, "advisor", team=team)), "the task")
    assert await task_of(me) is None
    assert (await gateway.get(f"/v1/tasks/{task['id']}", headers=me)).status_code == 404

    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).date()
    body = {
        "delegate_id": delegate,
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=7)).isoformat(),
        "reason": "年假",
    }
    # Only the person themselves or an admin; the delegate must exist; dates in order.
    assert (
        await gateway.put(f"/v1/directory/people/{away}/delegation", headers=me, json=body)
    ).status_code == 403
    bad = await gateway.put(
        f"/v1/directory/people/{away}/delegation",
        headers=token(away, "advisor", team=team),
        json={**body, "ends_on": (today - timedelta(days=1)).isoformat()},
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "ends_on"
    nobody = await gateway.put(
        f"/v1/directory/people/{away}/delegation",
        headers=token(away, "advisor", team=team),
        json={**body, "delegate_id": f"ghost-{suffix}"},
    )
    assert nobody.status_code == 400 and nobody.json()["errors"][0]["field"] == "delegate_id"
    named = await gateway.put(
        f"/v1/directory/people/{away}/delegation",
        headers=token(away, "advisor", team=team),
        json=body,
    )
    assert named.status_code == 200, named.text
    listed = await gateway.get(
        "/v1/directory/delegations", headers=ADMIN, params={"active_on": today.isoformat()}
    )
    assert any(d["user_id"] == away for d in listed.json()["items"])

    mine = await eventually(lambda: task_of(me), "the delegate's view of the task", seconds=20)
    done = await gateway.post(
        f"/v1/tasks/{mine['id']}/complete",
        headers=me,
        json={"outcome": "reached", "form": {"summary": "代为联系"}},
    )
    assert done.status_code == 200, done.text
    assert done.json()["completed_by"] == delegate
    progress = (await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=ADMIN)).json()
    completed = [s for s in progress["steps"] if s["event"] == "completed"]
    assert completed and completed[-1]["by"] == delegate and away in completed[-1]["detail"]

    ended = await gateway.delete(
        f"/v1/directory/people/{away}/delegation", headers=token(away, "advisor", team=team)
    )
    assert ended.status_code == 204
