"""The change outbox: every audited change writes its event in the same transaction, and a
relay killed after publishing a batch but before marking it publishes it again without any
rule acting twice — one message, one task — in the order of the client's changes."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from clientflow.notifications.v1 import notifications_pb2
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.change_events import ChangeEvent, grpc_publisher
from services.clients.outbox import OutboxRelay
from tests.support import Stack, actor, eventually, token

ADMIN = token("admin-1", "admin")


class Killed(Exception):
    pass


async def import_csv(gateway: httpx.AsyncClient, rows: str, source: str) -> dict[str, Any]:
    """Import `rows` (CSV) as the admin; the import's report."""
    imported = await gateway.post(
        "/v1/clients:import",
        files={"file": ("clients.csv", rows.encode())},
        params={"source": source},
        headers=ADMIN,
    )
    assert imported.status_code == 200, imported.text
    report: dict[str, Any] = imported.json()
    return report


async def test_a_relay_killed_mid_batch_loses_and_repeats_nothing(
    gateway: httpx.AsyncClient, stack: Stack, engine: AsyncEngine
) -> None:
    suffix = uuid.uuid4().hex[:6]
    team, advisor = f"relay-{suffix}", f"adv-relay-{suffix}"
    assert (
        await gateway.put(f"/v1/directory/teams/{team}", headers=ADMIN, json={"name": team})
    ).status_code == 200
    assert (
        await gateway.put(
            f"/v1/directory/people/{advisor}",
            headers=ADMIN,
            json={"name": advisor, "memberships": [{"team_id": team, "role": "advisor"}]},
        )
    ).status_code == 200
    rule = await gateway.post(
        "/v1/rules",
        headers=ADMIN,
        json={
            "name": f"vip {suffix}",
            "event_type": "client.changed",
            "field": "tags",
            "to_values": ["vip"],
            "team_id": team,
            "period": "always",
            "actions": [
                {"kind": "notify_staff", "target": "rule-alert", "parameters": {"to": "advisor"}},
                {"kind": "create_task", "target": "Welcome the VIP"},
            ],
        },
    )
    assert rule.status_code == 201, rule.text
    await stack.relay.stop()
    try:
        created = await gateway.post(
            "/v1/clients",
            headers=ADMIN,
            json={"name": f"中继{suffix}", "advisor_id": advisor, "team_id": team},
        )
        client_id = created.json()["id"]
        for tags in (["a"], ["a", "vip"], ["vip"]):
            patched = await gateway.patch(
                f"/v1/clients/{client_id}", headers=ADMIN, json={"tags": tags}
            )
            assert patched.status_code == 200, patched.text

        async def count_unpublished() -> int:
            async with engine.connect() as connection:
                return int(
                    (
                        await connection.execute(
                            text(
                                "SELECT count(*) FROM clients.outbox WHERE client_id = :c"
                                " AND published_at IS NULL"
                            ),
                            {"c": client_id},
                        )
                    ).scalar_one()
                )

        # created + three changes, written with the changes themselves
        assert await count_unpublished() == 4

        real = grpc_publisher(stack.services.triggers)
        seen: list[ChangeEvent] = []

        async def publish_then_die(events: Sequence[ChangeEvent]) -> None:
            await real(events)
            seen.extend(e for e in events if e.client_id == client_id)
            raise Killed("the relay died before marking its batch")

        killed = OutboxRelay(engine, publish_then_die, batch_size=500)
        with pytest.raises(Killed):
            while await killed.relay_once():
                pass
        assert await count_unpublished() == 4  # nothing marked: nothing lost
        ids = [int(e.event_id.rsplit("/", 1)[1]) for e in seen]
        assert ids == sorted(ids) and len(ids) == 4  # in the order of the client's changes
        assert [e.type for e in seen] == ["client.created"] + ["client.changed"] * 3

        await stack.relay.drain()  # the next relay publishes the batch again
        assert await count_unpublished() == 0
    finally:
        stack.relay.start()

    reply = await stack.services.notifications.ListInbox(
        notifications_pb2.ListInboxRequest(user_id=advisor),
        metadata=actor(advisor).to_metadata(),
    )
    assert len(reply.messages) == 1  # once, though its event was published twice

    async def follow_ups() -> list[dict[str, Any]] | None:
        # The task is projected once its process runs (asynchronously, on the worker).
        items: list[dict[str, Any]] = (
            await gateway.get(
                "/v1/tasks",
                headers=ADMIN,
                params={"scope": "all", "process_kind": "follow-up", "client_id": client_id},
            )
        ).json()["items"]
        return items or None

    tasks = await eventually(follow_ups, "the follow-up's task", seconds=20)
    await asyncio.sleep(1)  # a second start would have projected its task by now
    again = await follow_ups()
    assert len(tasks) == 1 and again is not None and len(again) == 1
    assert (
        await gateway.delete(f"/v1/rules/{rule.json()['id']}", headers=ADMIN)
    ).status_code == 200


async def test_an_import_is_an_event_for_each_client_it_wrote(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    """`import.completed` per client created or updated: a rule answers a client's arrival."""
    suffix = uuid.uuid4().hex[:6]
    rule = await gateway.post(
        "/v1/rules",
        headers=ADMIN,
        json={
            "name": f"imported {suffix}",
            "event_type": "import.completed",
            "condition": f'event.after.source == "crm-{suffix}"',
            "period": "always",
            "actions": [{"kind": "add_tag", "target": f"导入-{suffix}"}],
        },
    )
    assert rule.status_code == 201, rule.text
    rows = f"姓名,外部编号\n导入甲{suffix},a-{suffix}\n导入乙{suffix},b-{suffix}\n"
    assert (await import_csv(gateway, rows, f"crm-{suffix}"))["created"] == 2

    async def tagged(name: str) -> bool:
        found = await gateway.get("/v1/clients:search", params={"q": name}, headers=ADMIN)
        return any(f"导入-{suffix}" in c["tags"] for c in found.json()["items"])

    async def both() -> bool:
        return await tagged(f"导入甲{suffix}") and await tagged(f"导入乙{suffix}")

    await eventually(both, "the import's rule on each client", seconds=20)
    assert (
        await gateway.delete(f"/v1/rules/{rule.json()['id']}", headers=ADMIN)
    ).status_code == 200


async def test_a_bulk_backlog_does_not_hold_up_live_events(
    stack: Stack, engine: AsyncEngine
) -> None:
    """An import's events go to the bulk lane: a live change is published with the first
    batch, not after the backlog, and a client's events keep the order of its changes across
    the lanes."""
    backlog, live, both = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    mine = {str(backlog), str(live), str(both)}
    insert = text(
        "INSERT INTO clients.outbox (client_id, type, entity, entity_id, action, actor_id,"
        " changes, cause, depth, at) SELECT CAST(:c AS uuid), 'client.changed', 'client', :e,"
        " 'update',"
        " 'adv-lane', '{}'::jsonb, '', 0, now() FROM generate_series(1, :n)"
    )

    async def write(client: uuid.UUID, count: int, *, bulk: bool) -> None:
        async with engine.begin() as connection:
            if bulk:
                await connection.execute(text("SET LOCAL clientflow.outbox_lane = 'bulk'"))
            await connection.execute(insert, {"c": str(client), "e": str(client), "n": count})

    await stack.relay.stop()
    try:
        await write(backlog, 450, bulk=True)
        await write(both, 1, bulk=True)
        await write(both, 1, bulk=False)  # must wait for the bulk row before it
        await write(live, 1, bulk=False)
        real = grpc_publisher(stack.services.triggers)
        batches: list[list[str]] = []

        async def publish(events: Sequence[ChangeEvent]) -> None:
            ours = [e for e in events if e.client_id in mine]
            others = [e for e in events if e.client_id not in mine]
            if others:  # other tests' events reach the rules as usual
                await real(others)
            batches.append([f"{e.client_id}/{e.event_id}" for e in ours])

        relay = OutboxRelay(engine, publish, batch_size=200)
        await relay.relay_once()
        first = [key for batch in batches for key in batch]
        assert any(key.startswith(str(live)) for key in first)  # not behind 450 bulk rows
        assert not any(key.startswith(str(both)) for key in first)
        await relay.drain()
        order = [key for batch in batches for key in batch if key.startswith(str(both))]
        ids = [int(key.rsplit("/", 1)[1]) for key in order]
        assert len(ids) == 2 and ids == sorted(ids)
        assert sum(len(batch) for batch in batches) == 453
    finally:
        stack.relay.start()


async def test_an_import_writes_its_events_in_the_bulk_lane(
    gateway: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    suffix = uuid.uuid4().hex[:6]
    await import_csv(gateway, f"姓名,外部编号\n批量{suffix},bulk-{suffix}\n", f"lane-{suffix}")
    created = await gateway.post("/v1/clients", headers=ADMIN, json={"name": f"单个{suffix}"})
    assert created.status_code == 201, created.text
    async with engine.connect() as connection:
        found = (
            await connection.execute(
                text(
                    "SELECT c.name, max(o.lane) FROM clients.outbox o"
                    " JOIN clients.clients c ON c.id = o.client_id"
                    " WHERE c.name IN (:a, :b) GROUP BY c.name"
                ),
                {"a": f"批量{suffix}", "b": f"单个{suffix}"},
            )
        ).tuples()
        lanes = {name: lane for name, lane in found}
    assert lanes == {f"批量{suffix}": 1, f"单个{suffix}": 0}


async def test_an_imports_events_say_what_it_did_to_each_client_and_roll_back_with_it(
    gateway: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    suffix = uuid.uuid4().hex[:6]
    source = f"events-{suffix}"
    await import_csv(gateway, f"姓名,外部编号\n甲{suffix},a-{suffix}\n", source)
    await import_csv(
        gateway, f"姓名,外部编号\n甲{suffix},a-{suffix}\n乙{suffix},b-{suffix}\n", source
    )
    # A written row's event goes with the rest when a later row fails an all-or-nothing import.
    rows = f"姓名,外部编号,邮箱\n丙{suffix},c-{suffix},\n丁{suffix},d-{suffix},bad\n"
    failed = await gateway.post(
        "/v1/clients:import",
        files={"file": ("c.csv", rows.encode())},
        params={"source": source, "all_or_nothing": "true"},
        headers=ADMIN,
    )
    assert failed.status_code == 422 and failed.json()["report"]["committed"] is False
    async with engine.connect() as connection:
        found = (
            await connection.execute(
                text(
                    "SELECT c.name, o.changes, o.entity_id FROM clients.outbox o"
                    " JOIN clients.clients c ON c.id = o.client_id"
                    " WHERE o.type = 'import.completed' AND o.changes->'source'->>'after' = :s"
                    " ORDER BY o.id"
                ),
                {"s": source},
            )
        ).tuples()
        seen = [
            (name, changes["outcome"]["after"], entity_id) for name, changes, entity_id in found
        ]
    assert [(name, outcome) for name, outcome, _ in seen] == [
        (f"甲{suffix}", "created"),
        (f"甲{suffix}", "updated"),
        (f"乙{suffix}", "created"),
    ]
    first, second = seen[0][2], seen[1][2]
    assert first != second and seen[2][2] == second  # one import id per import
