"""Records in rules and processes, through the gateway. The distributor's scenario: the admin defines 订单 (dealer = client,
product, amount in CNY); rules answer each order with what the dealer's orders total this
quarter (`event.payload.quarter`): past ¥1,000,000 the dealer's rebate rate becomes 2% and
finance gets a task to confirm it, past ¥5,000,000 3%; each once a quarter. A process
definition creates a record for its client (once, however often its step is retried), waits
until someone ships it and then changes it. A rule's message names the order's fields. A
date rule on the client's latest order date gives the manager a task for a dealer with no
order for 30 days."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from clientflow.notifications.v1 import notifications_pb2
from clientflow.workflows.v1 import workflows_pb2

from services.common.identity import SYSTEM_ACTOR
from tests.integration.test_custom_records import order_type
from tests.support import Stack, actor, eventually, token

ADMIN = token("admin-1", "admin")


def rebate_rule(key: str, field: str, suffix: str, floor: int, rate: str) -> dict[str, Any]:
    return {
        "name": f"rebate {floor} {suffix}",
        "event_type": "record.created",
        "condition": (
            f'event.payload.record_type == "{key}"'
            f" && event.payload.quarter.totals.amount >= {floor}.0"
        ),
        "period": "quarter",
        "actions": [
            {
                "kind": "set_field",
                "target": f"custom_fields.{field}",
                "parameters": {"value": rate},
            },
            {
                "kind": "create_task",
                "target": f"确认返利比例 {rate}",
                "parameters": {"role": "accountant", "business_days": "2"},
            },
        ],
    }


async def test_a_dealers_orders_this_quarter_set_its_rebate_and_ask_finance(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key, field = f"order_{suffix}", f"rebate_{suffix}"
    assert (
        await gateway.put(
            f"/v1/record-types/{key}", headers=ADMIN, json={"document": order_type(key)}
        )
    ).status_code == 200
    assert (
        await gateway.put(
            f"/v1/custom-fields/{field}",
            headers=ADMIN,
            json={"label": "返利比例", "type": "number"},
        )
    ).status_code == 200
    rules = []
    for floor, percent in ((1_000_000, "0.02"), (5_000_000, "0.03")):
        made = await gateway.post(
            "/v1/rules", headers=ADMIN, json=rebate_rule(key, field, suffix, floor, percent)
        )
        assert made.status_code == 201, made.text
        rules.append(made.json())
    dealer = await gateway.post("/v1/clients", headers=ADMIN, json={"name": f"经销商{suffix}"})
    dealer_id = dealer.json()["id"]

    async def order(amount: int) -> None:
        made = await gateway.post(
            f"/v1/records/{key}",
            headers=ADMIN,
            json={
                "client_id": dealer_id,
                "fields": {"product": "滤芯", "amount": {"amount": amount}},
            },
        )
        assert made.status_code == 201, made.text

    async def rate() -> Any:
        client = (await gateway.get(f"/v1/clients/{dealer_id}", headers=ADMIN)).json()
        return client["custom_fields"].get(field)

    await order(600_000)
    await order(500_000)
    await eventually(lambda: _equals(rate, 0.02), "the 2% rebate", seconds=20)
    await order(4_000_000)
    await eventually(lambda: _equals(rate, 0.03), "the 3% rebate", seconds=20)

    async def finance_tasks() -> list[dict[str, Any]]:
        items = (
            await gateway.get(
                "/v1/tasks",
                headers=ADMIN,
                params={"scope": "all", "client_id": dealer_id, "page_size": 50},
            )
        ).json()["items"]
        return [t for t in items if t["assignee_role"] == "accountant"]

    async def two() -> bool:
        return len(await finance_tasks()) == 2

    await eventually(two, "a finance task per threshold", seconds=20)
    titles = sorted(t["title"] for t in await finance_tasks())
    assert titles == ["确认返利比例 0.02", "确认返利比例 0.03"]
    for rule in rules:
        assert (await gateway.delete(f"/v1/rules/{rule['id']}", headers=ADMIN)).status_code == 200


async def _equals(read: Any, expected: float) -> bool:
    value = await read()
    return value is not None and abs(float(value) - expected) < 1e-9


async def test_a_process_creates_a_record_for_its_client_once(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    kind, key = f"pack_{suffix}", f"packs-{suffix}"
    document = {
        "key": kind,
        "name": {"zh-CN": "礼包", "en": "Pack"},
        "fields": [
            {
                "key": "item",
                "type": "text",
                "label": {"zh-CN": "物品", "en": "Item"},
                "required": True,
            },
            {"key": "value", "type": "money", "label": {"zh-CN": "价值", "en": "Value"}},
            {"key": "status", "type": "text", "label": {"zh-CN": "状态", "en": "Status"}},
        ],
        "title_field": "item",
    }
    assert (
        await gateway.put(f"/v1/record-types/{kind}", headers=ADMIN, json={"document": document})
    ).status_code == 200
    definition: dict[str, Any] = {
        "key": key,
        "name": {"zh-CN": "寄礼包", "en": "Send a pack"},
        "start": "record",
        "nodes": [
            {
                "id": "record",
                "kind": "update",
                "actions": [
                    {
                        "kind": "create_record",
                        "target": kind,
                        "parameters": {"item": "茶叶礼盒", "value": "800"},
                    }
                ],
                "next": "shipped",
            },
            {
                "id": "shipped",
                "kind": "wait",
                "record": {
                    "node": "record",
                    "field": "status",
                    "values": ["已寄出"],
                    "timeout": {"days": 5},
                    "on_timeout": "done",
                },
                "next": "valued",
            },
            {
                "id": "valued",
                "kind": "update",
                "actions": [
                    {
                        "kind": "update_record",
                        "target": kind,
                        "record": "record",
                        "parameters": {"value": "880"},
                    }
                ],
                "next": "done",
            },
            {"id": "done", "kind": "end"},
        ],
    }
    assert (
        await gateway.put(
            f"/v1/process-definitions/{key}", headers=ADMIN, json={"document": definition}
        )
    ).status_code == 200
    assert (
        await gateway.post(f"/v1/process-definitions/{key}/versions/1/publish", headers=ADMIN)
    ).status_code == 200
    client_id = (
        await gateway.post("/v1/clients", headers=ADMIN, json={"name": f"礼包客户{suffix}"})
    ).json()["id"]
    started = await gateway.post(
        f"/v1/process-definitions/{key}/start", headers=ADMIN, json={"client_id": client_id}
    )
    assert started.status_code == 202, started.text

    async def made() -> list[dict[str, Any]]:
        page = await gateway.get(
            f"/v1/records/{kind}", headers=ADMIN, params={"client_id": client_id}
        )
        items: list[dict[str, Any]] = page.json()["items"]
        return items

    [record] = await eventually(made, "the process's record", seconds=20)
    assert record["fields"] == {"item": "茶叶礼盒", "value": {"amount": 800, "currency": "CNY"}}
    assert record["created_by"] == "process:Definition"
    # The process waits for the pack to be shipped, then values it (its change wakes it:
    # record.changed through the outbox, not the six-hourly read).
    shipped = await gateway.patch(
        f"/v1/records/{kind}/{record['id']}", headers=ADMIN, json={"fields": {"status": "已寄出"}}
    )
    assert shipped.status_code == 200, shipped.text

    async def valued() -> bool:
        [again] = await made()
        return bool(again["fields"]["value"]["amount"] == 880)

    await eventually(valued, "the process's change to its record", seconds=30)
    bad = {**definition, "key": f"{key}-bad"}
    bad["nodes"] = [{**definition["nodes"][0], "next": "done"}, definition["nodes"][-1]]
    bad["nodes"][0]["actions"] = [{"kind": "create_record", "target": "Not A Type"}]
    refused = await gateway.post(
        "/v1/process-definitions/validate", headers=ADMIN, json={"document": bad}
    )
    assert [p["field"] for p in refused.json()["problems"]] == ["nodes[record].actions[0].target"]


async def test_a_rule_tells_the_advisor_of_an_order_in_its_own_words(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key, template = f"told_{suffix}", f"order-told-{suffix}"
    assert (
        await gateway.put(
            f"/v1/record-types/{key}", headers=ADMIN, json={"document": order_type(key)}
        )
    ).status_code == 200
    for locale, subject in (
        (
            "zh-CN",
            "新订单 {{ record_title }}：{{ record.amount.amount }} {{ record.amount.currency }}",
        ),
        ("en", "New order {{ record_title }}: {{ record.amount.amount }}"),
    ):
        saved = await gateway.put(
            f"/v1/templates/{template}/{locale}",
            headers=ADMIN,
            json={
                "content": {"subject": subject, "body_text": "{{ client_name }}"},
                "sample_variables": {
                    "record_title": "基金A",
                    "record": {"amount": {"amount": 1, "currency": "CNY"}},
                    "client_name": "王",
                },
            },
        )
        assert saved.status_code == 200, saved.text
    advisor = f"adv-told-{suffix}"
    rule = await gateway.post(
        "/v1/rules",
        headers=ADMIN,
        json={
            "name": f"order told {suffix}",
            "event_type": "record.created",
            "condition": f'event.payload.record_type == "{key}"',
            "period": "always",
            "actions": [
                {
                    "kind": "notify_staff",
                    "target": template,
                    "parameters": {"to": "advisor", "channels": "in_app"},
                }
            ],
        },
    )
    assert rule.status_code == 201, rule.text
    client_id = (
        await gateway.post(
            "/v1/clients", headers=ADMIN, json={"name": f"经销商{suffix}", "advisor_id": advisor}
        )
    ).json()["id"]
    made = await gateway.post(
        f"/v1/records/{key}",
        headers=ADMIN,
        json={"client_id": client_id, "fields": {"product": "基金A", "amount": 1_200_000}},
    )
    assert made.status_code == 201, made.text

    async def told() -> list[str]:
        reply = await stack.services.notifications.ListInbox(
            notifications_pb2.ListInboxRequest(user_id=advisor),
            metadata=actor(advisor).to_metadata(),
        )
        return [m.title for m in reply.messages]

    titles = await eventually(told, "the advisor's message about the order", seconds=20)
    assert titles == ["新订单 基金A：1200000 CNY"]


async def test_a_dealer_with_no_order_for_30_days_gets_its_manager_a_task(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key = f"quiet_{suffix}"
    assert (
        await gateway.put(
            f"/v1/record-types/{key}", headers=ADMIN, json={"document": order_type(key)}
        )
    ).status_code == 200
    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).date()
    dealers = {}
    # The quiet dealer's last order was 33 days ago; the busy one's 5 days ago.
    for name, days_ago in (("quiet", (60, 33)), ("busy", (60, 5))):
        made = await gateway.post(
            "/v1/clients",
            headers=ADMIN,
            json={"name": f"{name}{suffix}", "team_id": f"ch-{suffix}"},
        )
        dealers[name] = made.json()["id"]
        for ago in days_ago:
            created = await gateway.post(
                f"/v1/records/{key}",
                headers=ADMIN,
                json={
                    "client_id": dealers[name],
                    "fields": {
                        "product": "滤芯",
                        "amount": 1000,
                        "ordered_on": (today - timedelta(days=ago)).isoformat(),
                    },
                },
            )
            assert created.status_code == 201, created.text
    rule = {
        "name": f"no order for 30 days {suffix}",
        "event_type": f"date.records.{key}.ordered_on",
        "trigger": "date",
        "date_field": f"records.{key}.ordered_on",
        "offset_days": 30,
        "condition": f'client.team_id == "ch-{suffix}"',
        "period": "always",
        "actions": [
            {
                "kind": "create_task",
                "target": "经销商30天未下单，请跟进",
                "parameters": {"role": "manager", "business_days": "2"},
            }
        ],
    }
    preview = await gateway.post(
        "/v1/rules/preview", headers=ADMIN, json={"rule": rule, "horizon_days": 30}
    )
    assert preview.status_code == 200, preview.text
    fires = {m["client_id"]: m["fires_on"] for m in preview.json()["first_matches"]}
    assert fires == {dealers["busy"]: (today + timedelta(days=25)).isoformat()}
    created = await gateway.post("/v1/rules", headers=ADMIN, json=rule)
    assert created.status_code == 201, created.text

    async def sweep() -> workflows_pb2.SweepDatesResponse:
        reply: workflows_pb2.SweepDatesResponse = await stack.services.triggers.SweepDates(
            workflows_pb2.SweepDatesRequest(day=today.isoformat()),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=120,
        )
        return reply

    await sweep()
    await sweep()  # once per latest order date, however often the sweep runs

    async def tasks(client_id: str) -> list[str]:
        items = (
            await gateway.get(
                "/v1/tasks", headers=ADMIN, params={"scope": "all", "client_id": client_id}
            )
        ).json()["items"]
        return [t["title"] for t in items if t["assignee_role"] == "manager"]

    assert await eventually(lambda: tasks(dealers["quiet"]), "the manager's task") == [
        "经销商30天未下单，请跟进"
    ]
    assert await tasks(dealers["busy"]) == []
    assert (
        await gateway.delete(f"/v1/rules/{created.json()['id']}", headers=ADMIN)
    ).status_code == 200
