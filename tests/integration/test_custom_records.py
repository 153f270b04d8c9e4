"""Records of types the firm defines, through the gateway on the real services: an admin
defines 订单 (dealer = client, product, amount in CNY, order date); an advisor records orders
for their client, lists and filters them; another advisor's client's orders are 404 in list
and get; bad input names the field and the value; If-Match refuses a stale change; a type
change the records would break is refused, naming them; a rule answers record.created."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.support import Stack, eventually, token

ADMIN = token("admin-1", "admin")


def order_type(key: str) -> dict[str, Any]:
    return {
        "key": key,
        "name": {"zh-CN": "订单", "en": "Order"},
        "client": "required",
        "fields": [
            {
                "key": "product",
                "type": "text",
                "label": {"zh-CN": "产品", "en": "Product"},
                "required": True,
            },
            {
                "key": "amount",
                "type": "money",
                "label": {"zh-CN": "金额", "en": "Amount"},
                "required": True,
                "indexed": True,
                "min": 0,
            },
            {
                "key": "ordered_on",
                "type": "date",
                "label": {"zh-CN": "下单日期", "en": "Ordered on"},
                "indexed": True,
            },
            {
                "key": "code",
                "type": "text",
                "label": {"zh-CN": "编号", "en": "Code"},
                "unique": True,
            },
        ],
        "title_field": "product",
        "list_columns": ["product", "amount", "ordered_on"],
    }


async def _advisor_client(
    gateway: httpx.AsyncClient, suffix: str, who: str
) -> tuple[dict[str, str], str]:
    headers = token(who, "advisor", team=f"rec-{suffix}")
    created = await gateway.post(
        "/v1/clients", headers=headers, json={"name": f"经销商{who}", "team_id": f"rec-{suffix}"}
    )
    assert created.status_code == 201, created.text
    return headers, created.json()["id"]


async def test_orders_of_a_dealer_are_the_dealers_advisors(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key = f"order_{suffix}"
    put = await gateway.put(
        f"/v1/record-types/{key}", headers=ADMIN, json={"document": order_type(key)}
    )
    assert put.status_code == 200, put.text
    assert put.json()["version"] == 1
    advisor = token(f"adv-x-{suffix}", "advisor", team=f"rec-{suffix}")
    assert (
        await gateway.put(
            f"/v1/record-types/{key}", headers=advisor, json={"document": order_type(key)}
        )
    ).status_code == 403
    bad = order_type(key)
    bad["title_field"] = "nothing"
    refused = await gateway.put(
        f"/v1/record-types/{key}", headers=ADMIN, json={"document": bad, "expected_version": 1}
    )
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "title_field"

    mine, client_id = await _advisor_client(gateway, suffix, f"adv-a-{suffix}")
    other, other_client = await _advisor_client(gateway, suffix, f"adv-b-{suffix}")
    rule = await gateway.post(
        "/v1/rules",
        headers=ADMIN,
        json={
            "name": f"big order {suffix}",
            "event_type": "record.created",
            "condition": f'event.payload.record_type == "{key}" && double(event.after.amount.amount) > 1000000.0',
            "period": "always",
            "actions": [{"kind": "add_tag", "target": f"大单-{suffix}"}],
        },
    )
    assert rule.status_code == 201, rule.text
    path = f"/v1/records/{key}"
    orders = []
    for number, amount in enumerate((500_000, 1_500_000, 3_000_000)):
        made = await gateway.post(
            path,
            headers=mine,
            json={
                "client_id": client_id,
                "fields": {
                    "product": f"产品{number}",
                    "amount": {"amount": amount},
                    "ordered_on": f"2026-1{number}-01",
                    "code": f"{suffix}-{number}",
                },
            },
        )
        assert made.status_code == 201, made.text
        orders.append(made.json())
    assert orders[0]["fields"]["amount"] == {"amount": 500000, "currency": "CNY"}
    assert orders[0]["title"] == "产品0"
    # Bad input names the field and the value; nothing is written.
    wrong = await gateway.post(
        path,
        headers=mine,
        json={"client_id": client_id, "fields": {"product": "x", "amount": {"amount": "lots"}}},
    )
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["field"] == "fields.amount.amount"
    missing = await gateway.post(
        path, headers=mine, json={"client_id": client_id, "fields": {"product": "x"}}
    )
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "fields.amount"
    twice = await gateway.post(
        path,
        headers=mine,
        json={
            "client_id": client_id,
            "fields": {"product": "y", "amount": {"amount": 1}, "code": f"{suffix}-0"},
        },
    )
    assert twice.status_code == 409 and twice.json()["errors"][0]["field"] == "fields.code"
    # Another advisor's client: their orders are not mine to see, nor mine theirs.
    elsewhere = await gateway.post(
        path,
        headers=mine,
        json={"client_id": other_client, "fields": {"product": "z", "amount": {"amount": 1}}},
    )
    assert elsewhere.status_code == 404
    assert (await gateway.get(f"{path}/{orders[0]['id']}", headers=other)).status_code == 404
    theirs = await gateway.get(path, headers=other)
    assert theirs.status_code == 200 and theirs.json()["items"] == []

    # Filters and sort on fields.
    big = await gateway.get(
        path,
        headers=mine,
        params={"filter": ["amount:gte:1000000", "ordered_on:lt:2026-12-01"], "sort": "-amount"},
    )
    assert big.status_code == 200, big.text
    assert [o["fields"]["product"] for o in big.json()["items"]] == ["产品1"]
    everything = await gateway.get(path, headers=mine, params={"sort": "-amount", "page_size": 2})
    assert [o["title"] for o in everything.json()["items"]] == ["产品2", "产品1"]
    following = await gateway.get(
        path,
        headers=mine,
        params={"sort": "-amount", "page_token": everything.json()["next_page_token"]},
    )
    assert [o["title"] for o in following.json()["items"]] == ["产品0"]
    odd = await gateway.get(path, headers=mine, params={"filter": ["colour:eq:red"]})
    assert odd.status_code == 400 and odd.json()["errors"][0]["field"] == "filter"

    # Changes: If-Match refuses a stale one; null removes a field; archive hides it.
    first = orders[0]
    changed = await gateway.patch(
        f"{path}/{first['id']}",
        headers={**mine, "If-Match": 'W/"1"'},
        json={"fields": {"ordered_on": None}},
    )
    assert changed.status_code == 200 and "ordered_on" not in changed.json()["fields"]
    stale = await gateway.patch(
        f"{path}/{first['id']}",
        headers={**mine, "If-Match": 'W/"1"'},
        json={"fields": {"product": "z"}},
    )
    assert stale.status_code == 409
    # A type change the records would break is refused, naming them.
    stricter = order_type(key)
    stricter["fields"][2]["required"] = True
    refused = await gateway.put(
        f"/v1/record-types/{key}", headers=ADMIN, json={"document": stricter, "expected_version": 1}
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["errors"][0]["field"] == "fields[2].required"
    assert first["id"] in refused.json()["detail"]
    archived = await gateway.post(f"{path}/{first['id']}/archive", headers=mine)
    assert archived.status_code == 200 and archived.json()["status"] == "archived"
    active = await gateway.get(path, headers=mine)
    assert first["id"] not in [o["id"] for o in active.json()["items"]]

    # Clients by their records: at least two active orders of a million or more.
    by_orders = {
        "records": [
            {
                "type": key,
                "count_gte": 2,
                "where": [{"field": "amount", "op": "gte", "value": "1000000"}],
            }
        ]
    }
    counted = await gateway.post("/v1/segments:count", headers=ADMIN, json=by_orders)
    assert counted.status_code == 200, counted.text
    assert counted.json() == {"count": 1}
    three = {"records": [{"type": key, "count_gte": 3}]}  # one is archived
    assert (await gateway.post("/v1/segments:count", headers=ADMIN, json=three)).json() == {
        "count": 0
    }
    assert (await gateway.post("/v1/segments:count", headers=other, json=by_orders)).json() == {
        "count": 0
    }
    # No order since 6 November: the other advisor's dealer (no orders), not mine (one on
    # 1 December); and a date relative to today (ten years back: mine has orders since).
    quiet = {
        "records": [
            {
                "type": key,
                "count_lte": 0,
                "where": [{"field": "ordered_on", "op": "gte", "value": "2026-11-06"}],
            }
        ]
    }
    assert (await gateway.post("/v1/segments:count", headers=mine, json=quiet)).json() == {
        "count": 0
    }
    assert (await gateway.post("/v1/segments:count", headers=other, json=quiet)).json() == {
        "count": 1
    }
    relative = {
        "records": [
            {
                "type": key,
                "count_lte": 0,
                "where": [{"field": "ordered_on", "op": "gte", "value": "today-3650"}],
            }
        ]
    }
    assert (await gateway.post("/v1/segments:count", headers=mine, json=relative)).json() == {
        "count": 0
    }
    bad = {"records": [{"type": key, "where": [{"field": "Amount!", "value": "1"}]}]}
    refused_filter = await gateway.post("/v1/segments:count", headers=ADMIN, json=bad)
    assert refused_filter.status_code in (400, 422)

    # The orders over a million tagged the dealer (record.created through the outbox).
    async def tagged() -> bool:
        client = await gateway.get(f"/v1/clients/{client_id}", headers=ADMIN)
        return f"大单-{suffix}" in client.json()["tags"]

    await eventually(tagged, "the rule on record.created", seconds=20)
    history = await gateway.get(f"/v1/clients/{client_id}/audit", headers=ADMIN)
    assert any(e["entity"] == "record" for e in history.json()["items"])
    assert (
        await gateway.delete(f"/v1/rules/{rule.json()['id']}", headers=ADMIN)
    ).status_code == 200


async def test_a_relation_names_a_type_there_is_and_a_record_you_may_see(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    orders, lines = f"order_{suffix}", f"line_{suffix}"
    line_type = {
        "key": lines,
        "name": {"zh-CN": "订单行", "en": "Order line"},
        "fields": [
            {"key": "sku", "type": "text", "label": {"zh-CN": "货号", "en": "SKU"}},
            {
                "key": "order",
                "type": "record",
                "record_type": orders,
                "label": {"zh-CN": "订单", "en": "Order"},
                "required": True,
            },
        ],
        "title_field": "sku",
    }
    early = await gateway.put(
        f"/v1/record-types/{lines}", headers=ADMIN, json={"document": line_type}
    )
    assert early.status_code == 400
    assert early.json()["errors"][0]["field"] == "fields[1].record_type"
    assert (
        await gateway.put(
            f"/v1/record-types/{orders}", headers=ADMIN, json={"document": order_type(orders)}
        )
    ).status_code == 200
    assert (
        await gateway.put(f"/v1/record-types/{lines}", headers=ADMIN, json={"document": line_type})
    ).status_code == 200
    mine, client_id = await _advisor_client(gateway, suffix, f"adv-l-{suffix}")
    other, other_client = await _advisor_client(gateway, suffix, f"adv-m-{suffix}")
    theirs = await gateway.post(
        f"/v1/records/{orders}",
        headers=other,
        json={"client_id": other_client, "fields": {"product": "x", "amount": {"amount": 1}}},
    )
    assert theirs.status_code == 201
    # A line of mine may not point at another advisor's order: named as not found.
    pointing = await gateway.post(
        f"/v1/records/{lines}",
        headers=mine,
        json={"client_id": client_id, "fields": {"sku": "A1", "order": theirs.json()["id"]}},
    )
    assert pointing.status_code == 404
    assert pointing.json()["errors"][0]["field"] == "fields.order"
