"""A definition over a saved segment, through the gateway on the real dev server: an admin
runs the published version for every member now (batched by the DefinitionRun process) and
puts it on a Schedule every N days; each member gets one run; a second run in the same
minute is refused; a manager or advisor may not set it up; bad input is named."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.integration.test_process_definitions import welcome_pack
from tests.support import Stack, eventually, token

ADMIN = token("admin-1", "admin")


async def test_an_admin_runs_a_definition_over_a_segment_now_and_on_a_schedule(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key, tag = f"segment-pack-{suffix}", f"seg-{suffix}"
    assert (
        await gateway.put(
            f"/v1/process-definitions/{key}", headers=ADMIN, json={"document": welcome_pack(key)}
        )
    ).status_code == 200
    members = []
    for number in range(3):
        created = await gateway.post(
            "/v1/clients",
            headers=ADMIN,
            json={"name": f"分群客户{suffix}-{number}", "tags": [tag] if number < 2 else []},
        )
        assert created.status_code == 201, created.text
        members.append(created.json()["id"])
    segment = await gateway.post(
        "/v1/segments",
        headers=ADMIN,
        json={"name": f"分群 {suffix}", "filter": {"tags_any": [tag]}},
    )
    assert segment.status_code == 201, segment.text
    segment_id = segment.json()["id"]
    run = {"segment_id": segment_id}

    # Nothing published yet: refused, naming the definition.
    draft = await gateway.post(f"/v1/process-definitions/{key}/runs", headers=ADMIN, json=run)
    assert draft.status_code == 409 and draft.json()["errors"][0]["field"] == "key"
    assert (
        await gateway.post(f"/v1/process-definitions/{key}/versions/1/publish", headers=ADMIN)
    ).status_code == 200
    manager = token(f"mgr-{suffix}", "manager", team="team-sh")
    assert (
        await gateway.post(f"/v1/process-definitions/{key}/runs", headers=manager, json=run)
    ).status_code == 403
    missing = await gateway.post(
        f"/v1/process-definitions/{key}/runs",
        headers=ADMIN,
        json={"segment_id": str(uuid.uuid4())},
    )
    assert missing.status_code == 404

    started = await gateway.post(f"/v1/process-definitions/{key}/runs", headers=ADMIN, json=run)
    assert started.status_code == 202, started.text
    again = await gateway.post(f"/v1/process-definitions/{key}/runs", headers=ADMIN, json=run)
    assert again.status_code == 409

    async def runs_of(client_id: str) -> list[dict[str, Any]]:
        listed = await gateway.get(f"/v1/clients/{client_id}/processes", headers=ADMIN)
        return [
            p
            for p in listed.json()["items"]
            if p["kind"] == "definition" and f"/{key}/" in p["workflow_id"]
        ]

    async def both_started() -> bool:
        counts = [len(await runs_of(c)) for c in members[:2]]
        return counts == [1, 1]

    await eventually(both_started, "a run for each member", seconds=30)
    assert await runs_of(members[2]) == []  # not in the segment

    async def run_done() -> dict[str, Any] | None:
        reply = await gateway.get(f"/v1/processes/{started.json()['workflow_id']}", headers=ADMIN)
        body: dict[str, Any] = reply.json()
        return body if body.get("status") == "completed" else None

    finished = await eventually(run_done, "the run over the segment", seconds=30)
    assert finished["result"]["started"] == 2 and finished["result"]["failed"] == 0

    # On a Schedule: put, listed, replaced, deleted; bounded and for admins only.
    path = f"/v1/process-definitions/{key}/schedules/{segment_id}"
    bad = await gateway.put(path, headers=ADMIN, json={"every_days": 0})
    assert bad.status_code == 422 or bad.status_code == 400
    assert (await gateway.put(path, headers=manager, json={"every_days": 30})).status_code == 403
    put = await gateway.put(path, headers=ADMIN, json={"every_days": 30})
    assert put.status_code == 200, put.text
    assert put.json()["every_days"] == 30 and put.json()["next_run_at"]
    replaced = await gateway.put(path, headers=ADMIN, json={"every_days": 90})
    assert replaced.json()["every_days"] == 90
    listed = await gateway.get(f"/v1/process-definitions/{key}/schedules", headers=manager)
    assert [s["segment_id"] for s in listed.json()] == [segment_id]
    assert (await gateway.delete(path, headers=ADMIN)).status_code == 200
    assert (await gateway.delete(path, headers=ADMIN)).status_code == 404
    advisor = token(f"adv-{suffix}", "advisor", team="team-sh")
    assert (
        await gateway.get(f"/v1/process-definitions/{key}/schedules", headers=advisor)
    ).status_code == 403
