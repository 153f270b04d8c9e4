"""Subscriptions for other systems, through the gateway and the running stack: a subscriber
gets a signed `client.changed` (Standard Webhooks, verified with its secret) after a field
edit; while it is down its deliveries wait and retry, and when it returns it catches up in
the order the changes were made; a replay delivers again with the same `webhook-id`; a
rotated secret signs beside the old one during the overlap; only admins manage them, and a
URL inside the network is refused unless allowed."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook

from services.common.errors import InvalidArgument
from services.workflows.service.webhooks import check_url
from tests.support import Stack, create_client, eventually, token

ADMIN = token("admin-wh", "admin")


@dataclass
class Receiver:
    """An HTTP endpoint that records what it is sent; `status` is what it answers."""

    status: int = 200
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if receiver.status < 300:
                    receiver.received.append(
                        ({k.lower(): v for k, v in self.headers.items()}, body)
                    )
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self, client_id: str) -> list[dict[str, Any]]:
        found = [json.loads(body) for _, body in self.received]
        return [e for e in found if e["data"]["client_id"] == client_id]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    yield made
    made.server.shutdown()


async def test_a_subscriber_gets_signed_changes_in_order_and_catches_up(
    gateway: httpx.AsyncClient, stack: Stack, receiver: Receiver
) -> None:
    assert (
        await gateway.post(
            "/v1/subscriptions",
            headers=token("adv-wh", "advisor"),
            json={"url": receiver.url, "event_types": ["client.changed"]},
        )
    ).status_code == 403
    bad = await gateway.post(
        "/v1/subscriptions", headers=ADMIN, json={"url": receiver.url, "event_types": ["Nope!"]}
    )
    assert bad.status_code == 400 and "event_types" in bad.text
    made = await gateway.post(
        "/v1/subscriptions",
        headers=ADMIN,
        json={"url": receiver.url, "event_types": ["client.changed"], "description": "warehouse"},
    )
    assert made.status_code == 201, made.text
    subscription = made.json()
    secret = subscription["secret"]
    assert secret.startswith("whsec_")
    listed = (await gateway.get("/v1/subscriptions", headers=ADMIN)).json()
    assert all(s["secret"] is None for s in listed)  # shown once

    client = await create_client(stack.services.clients, advisor_id="adv-wh")
    edited = await gateway.patch(
        f"/v1/clients/{client.id}", headers=ADMIN, json={"tags": ["first"]}
    )
    assert edited.status_code == 200, edited.text

    async def delivered(count: int) -> list[dict[str, Any]] | None:
        found = receiver.events(client.id)
        return found if len(found) >= count else None

    [first] = await eventually(lambda: delivered(1), "the first delivery", 30)
    assert first["type"] == "client.changed"
    headers, body = next((h, b) for h, b in receiver.received if client.id in b.decode())
    Webhook(secret).verify(body, headers)  # raises when the signature does not hold
    assert headers["webhook-id"] == first["data"]["event_id"]

    # Down: the next three changes wait (and are retried); back up, they arrive in order.
    receiver.status = 503
    for tag in ("a", "b", "c"):
        reply = await gateway.patch(f"/v1/clients/{client.id}", headers=ADMIN, json={"tags": [tag]})
        assert reply.status_code == 200

    async def retried() -> bool:
        items = (
            await gateway.get(
                f"/v1/subscriptions/{subscription['id']}/deliveries",
                headers=ADMIN,
                params={"status": "pending"},
            )
        ).json()
        return any(d["attempts"] >= 2 and d["last_status"] == 503 for d in items)

    await eventually(retried, "a failed attempt and its retry", 30)
    assert len(receiver.events(client.id)) == 1
    receiver.status = 200
    events = await eventually(lambda: delivered(4), "the catch-up", 60)
    tags = [e["data"]["payload"]["changes"]["tags"]["after"] for e in events]
    assert tags == [["first"], ["a"], ["b"], ["c"]], tags

    # A rotation: both secrets sign during the overlap.
    rotated = await gateway.post(
        f"/v1/subscriptions/{subscription['id']}/rotate-secret",
        headers=ADMIN,
        json={"overlap_hours": 1},
    )
    new_secret = rotated.json()["secret"]
    assert new_secret != secret
    await gateway.patch(f"/v1/clients/{client.id}", headers=ADMIN, json={"tags": ["d"]})
    await eventually(lambda: delivered(5), "the delivery after the rotation", 30)
    headers, body = receiver.received[-1]
    assert len(headers["webhook-signature"].split()) == 2
    Webhook(secret).verify(body, headers)
    Webhook(new_secret).verify(body, headers)

    # A replay sends again what was stored since then, with the same ids.
    since = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    replayed = await gateway.post(
        f"/v1/subscriptions/{subscription['id']}/replay", headers=ADMIN, json={"since": since}
    )
    assert replayed.status_code == 200 and replayed.json()["enqueued"] >= 5
    again = await eventually(lambda: delivered(10), "the replay", 60)
    ids = [e["data"]["event_id"] for e in again]
    assert ids[5:10] == ids[:5]

    paused = await gateway.patch(
        f"/v1/subscriptions/{subscription['id']}", headers=ADMIN, json={"enabled": False}
    )
    assert paused.json()["enabled"] is False
    missing = await gateway.get(f"/v1/subscriptions/{uuid.uuid4()}/deliveries", headers=ADMIN)
    assert missing.status_code == 404


async def test_a_url_inside_the_network_is_refused() -> None:
    for url in (
        "http://127.0.0.1:8080/x",
        "http://10.1.2.3/x",
        "ftp://example.com/x",
        "http://u:p@example.com/",
    ):
        with pytest.raises(InvalidArgument):
            await check_url(url, allow_private=False)
    assert await check_url("http://127.0.0.1:8080/x", allow_private=True)
