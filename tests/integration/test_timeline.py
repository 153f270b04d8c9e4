"""A client's timeline through the gateway: interactions, messages, requests and the audit
trail in one newest-first stream, filtered and paged; the last real contact on the client and
as a segment predicate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.support import token

ADMIN = token("admin-tl", "admin")
ADVISOR = token("adv-tl", "advisor")
OTHER = token("adv-other-tl", "advisor")


async def new_client(http: httpx.AsyncClient) -> str:
    created = await http.post(
        "/v1/clients", json={"name": "时间线", "advisor_id": "adv-tl"}, headers=ADMIN
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def log(http: httpx.AsyncClient, client: str, channel: str, days_ago: float) -> None:
    when = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()
    response = await http.post(
        f"/v1/clients/{client}/interactions",
        json={"channel": channel, "summary": f"{channel} {days_ago}", "occurred_at": when},
        headers=ADVISOR,
    )
    assert response.status_code == 201, response.text


async def read(http: httpx.AsyncClient, client: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    token_ = ""
    for _ in range(50):
        response = await http.get(
            f"/v1/clients/{client}/timeline",
            params={**params, "page_token": token_},
            headers=ADVISOR,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        token_ = body["next_page_token"] or ""
        if not token_:
            return items
    raise AssertionError("the timeline never ended")


async def test_one_stream_newest_first_filtered_and_paged(gateway: httpx.AsyncClient) -> None:
    client = await new_client(gateway)
    for n, channel in enumerate(["call", "email", "wechat", "meeting", "portal_login"] * 3):
        await log(gateway, client, channel, days_ago=30 - n)
    request = await gateway.post(
        f"/v1/clients/{client}/requests",
        json={
            "type": "redemption",
            "subject": "赎回",
            "fields": {"product": "稳健一号", "amount": 1},
        },
        headers=ADVISOR,
    )
    assert request.status_code == 201, request.text
    everything = await read(gateway, client, page_size=4)
    kinds = {item["kind"] for item in everything}
    assert {"interaction", "audit", "request", "process"} <= kinds
    [filed] = [i for i in everything if i["kind"] == "request"]
    assert filed["detail"] == "赎回" and filed["link"] == f"/v1/requests/{request.json()['id']}"
    times = [item["at"] for item in everything]
    assert times == sorted(times, reverse=True)
    keys = [(item["kind"], item["id"]) for item in everything]
    assert len(keys) == len(set(keys))  # every entry once across pages
    assert sum(item["kind"] == "interaction" for item in everything) == 15

    mail_and_chat = await read(
        gateway, client, kind="interaction", channel=["email", "wechat"], page_size=2
    )
    assert [i["channel"] for i in mail_and_chat] == ["wechat", "email"] * 3
    assert all(i["detail"].split()[0] == i["channel"] for i in mail_and_chat)

    no_audit = await read(gateway, client, kind=["interaction", "request"], page_size=50)
    assert "audit" not in {i["kind"] for i in no_audit}


async def test_another_advisors_client_and_a_forged_token(gateway: httpx.AsyncClient) -> None:
    client = await new_client(gateway)
    hidden = await gateway.get(f"/v1/clients/{client}/timeline", headers=OTHER)
    assert hidden.status_code == 404
    forged = await gateway.get(
        f"/v1/clients/{client}/timeline", params={"page_token": "bm90LWEtdG9rZW4"}, headers=ADVISOR
    )
    assert forged.status_code == 400
    assert forged.json()["errors"][0]["field"] == "page_token"
    unknown = await gateway.get(
        f"/v1/clients/{client}/timeline", params={"kind": "gossip"}, headers=ADVISOR
    )
    assert unknown.status_code == 422 and "gossip" in unknown.text


async def test_last_real_contact_ignores_portal_logins_and_feeds_segments(
    gateway: httpx.AsyncClient,
) -> None:
    client = await new_client(gateway)
    await log(gateway, client, "meeting", days_ago=200)
    await log(gateway, client, "portal_login", days_ago=1)
    seen = (await gateway.get(f"/v1/clients/{client}", headers=ADVISOR)).json()
    seen = seen.get("client", seen)
    contact = datetime.fromisoformat(seen["last_contact_at"])
    activity = datetime.fromisoformat(seen["last_activity_at"])
    assert 199 < (datetime.now(UTC) - contact).days <= 200
    assert (datetime.now(UTC) - activity).days <= 1

    cutoff = (datetime.now(UTC) - timedelta(days=180)).isoformat()
    counted = await gateway.post(
        "/v1/segments:count",
        json={"advisor_ids": ["adv-tl"], "last_contact_before": cutoff},
        headers=ADMIN,
    )
    listed = await gateway.get(
        "/v1/clients",
        params={"advisor_id": "adv-tl", "last_contact_before": cutoff, "page_size": 200},
        headers=ADMIN,
    )
    assert client in {c["id"] for c in listed.json()["items"]}
    assert counted.status_code == 200, counted.text
    assert counted.json()["count"] >= 1

    await log(gateway, client, "wechat", days_ago=2)
    again = await gateway.get(
        "/v1/clients",
        params={"advisor_id": "adv-tl", "last_contact_before": cutoff, "page_size": 200},
        headers=ADMIN,
    )
    assert client not in {c["id"] for c in again.json()["items"]}
