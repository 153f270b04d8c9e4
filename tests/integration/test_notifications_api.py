"""Notifications through the gateway: a process (a test standing in for a workflow
activity) sends over gRPC with an idempotency key; staff see the ledger, consent, quiet
hours and retries through the HTTP API, and fix dead letters there."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import httpx
from clientflow.clients.v1 import clients_pb2
from clientflow.notifications.v1 import notifications_pb2 as pb
from google.protobuf.struct_pb2 import Struct

from services.common.identity import SYSTEM_ACTOR
from tests.notify_support import SmtpSink, TestClock
from tests.support import Stack, create_client, eventually, token

ADMIN = token("admin-1", "admin")
MANAGER = token("mgr-1", "manager")


async def _template(gateway: httpx.AsyncClient) -> str:
    key = f"welcome-{uuid.uuid4().hex[:8]}"
    for locale, subject in (("zh-CN", "欢迎，{{ name }}"), ("en", "Welcome, {{ name }}")):
        response = await gateway.put(
            f"/v1/templates/{key}/{locale}",
            headers=ADMIN,
            json={
                "content": {"subject": subject, "body_text": "{{ name }}: {{ advisor }}"},
                "sample_variables": {"name": "王小明", "advisor": "李顾问"},
            },
        )
        assert response.status_code == 200, response.text
        assert response.json()["version"] == 1
    return key


async def test_a_process_sends_once_and_staff_see_it_in_the_ledger(
    gateway: httpx.AsyncClient,
    stack: Stack,
    smtp_sink: SmtpSink,
    clock: TestClock,
) -> None:
    services = stack.services
    key = await _template(gateway)
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    email = f"{uuid.uuid4().hex[:8]}@example.com"
    client = await create_client(
        services.clients,
        advisor_id=advisor,
        team_id="team-n",
        fields=clients_pb2.ClientFields(
            email=email, preferred_channel="email", timezone="Asia/Shanghai", locale="en"
        ),
    )
    workflow_id = f"onboarding/{client.id}"

    # 1. The client opts out of marketing e-mail through the gateway (their advisor).
    consent = await gateway.put(
        f"/v1/clients/{client.id}/consent",
        headers=token(advisor, "advisor"),
        json={"channels": [{"channel": "email", "category": "marketing", "opted_out": True}]},
    )
    assert consent.status_code == 200, consent.text
    other = await gateway.get(
        f"/v1/clients/{client.id}/consent", headers=token("adv-else", "advisor")
    )
    assert other.status_code == 404

    # 2. The "workflow" sends: a welcome at 23:00 local (deferred), a marketing message
    #    (suppressed), and a retried one whose provider fails twice.
    clock.set(datetime(2026, 12, 1, 23, 0, tzinfo=ZoneInfo("Asia/Shanghai")).astimezone(UTC))

    def request(step: str, **extra: object) -> pb.SendRequest:
        variables = Struct()
        variables.update({"name": client.name, "advisor": advisor})
        return pb.SendRequest(
            idempotency_key=f"{workflow_id}/{step}",
            client_id=client.id,
            template_key=key,
            variables=variables,
            workflow_id=workflow_id,
            **extra,  # type: ignore[arg-type]
        )

    async def send(message: pb.SendRequest) -> pb.Delivery:
        reply: pb.Delivery = await services.notifications.Send(
            message, metadata=SYSTEM_ACTOR.to_metadata(), timeout=30
        )
        return reply

    welcome = await send(request("welcome"))
    duplicate = await send(request("welcome"))
    assert (welcome.status, duplicate.id, duplicate.replayed) == ("deferred", welcome.id, True)
    offer = await send(request("offer", category="marketing"))
    assert offer.status == "suppressed"
    smtp_sink.fail_next[email] = 2
    reminder = await send(request("reminder", priority="urgent"))
    assert reminder.status == "retrying"

    # 3. Staff read the ledger of the process through the gateway.
    async def ledger() -> dict[str, dict[str, object]]:
        response = await gateway.get(
            "/v1/notifications",
            params={"client_id": client.id, "workflow_id": workflow_id},
            headers=token(advisor, "advisor"),
        )
        assert response.status_code == 200, response.text
        return {item["idempotency_key"]: item for item in response.json()["items"]}

    rows = await ledger()
    assert str(rows[f"{workflow_id}/welcome"]["reason"]).startswith("quiet_hours")
    assert str(rows[f"{workflow_id}/offer"]["reason"]).startswith("opted_out")

    async def delivered(key: str) -> bool:
        return bool((await ledger())[f"{workflow_id}/{key}"]["status"] == "sent")

    await eventually(lambda: delivered("reminder"), "the reminder to be sent", seconds=10)
    team_manager = token("mgr-n", "manager", team="team-n")
    assert (
        await gateway.get(f"/v1/notifications/{reminder.id}", headers=MANAGER)
    ).status_code == 404
    detail = await gateway.get(f"/v1/notifications/{reminder.id}", headers=team_manager)
    assert detail.status_code == 200
    assert [a["outcome"] for a in detail.json()["attempts"]] == [
        "transient_failure",
        "transient_failure",
        "sent",
    ]

    # 4. Morning comes: the deferred welcome goes out, once.
    clock.set(datetime(2026, 12, 2, 8, 0, 1, tzinfo=ZoneInfo("Asia/Shanghai")).astimezone(UTC))
    await eventually(lambda: delivered("welcome"), "the deferred welcome to be sent", seconds=10)
    subjects = sorted(str(m["Subject"]) for m in smtp_sink.to(email))
    assert subjects == [f"Welcome, {client.name}"] * 2

    # An advisor cannot read another advisor's ledger, nor the whole one.
    hidden = await gateway.get(
        "/v1/notifications", params={"client_id": client.id}, headers=token("x", "advisor")
    )
    assert hidden.status_code == 404
    # Without a client, each sees their own part of the ledger: the advisor their clients',
    # the team's manager the team's, another advisor none of it.
    mine = await gateway.get(
        "/v1/notifications", params={"page_size": 200}, headers=token(advisor, "advisor")
    )
    assert reminder.id in [d["id"] for d in mine.json()["items"]]
    team = await gateway.get("/v1/notifications", params={"page_size": 200}, headers=team_manager)
    assert reminder.id in [d["id"] for d in team.json()["items"]]
    for outsider in (token("x", "advisor"), token("mgr-o", "manager", team="team-o")):
        theirs = await gateway.get("/v1/notifications", params={"page_size": 200}, headers=outsider)
        assert reminder.id not in [d["id"] for d in theirs.json()["items"]]


async def test_dead_letters_are_listed_and_retried_by_an_operator(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    key = await _template(gateway)
    address = f"{uuid.uuid4().hex[:8]}@example.com"
    smtp_sink.reject.add(address)
    sent = await gateway.post(
        "/v1/notifications",
        headers=ADMIN,
        json={
            "idempotency_key": f"ops/{uuid.uuid4()}",
            "address": {"channel": "email", "value": address},
            "template_key": key,
            "variables": {"name": "王", "advisor": "李"},
        },
    )
    assert sent.status_code == 200, sent.text
    delivery = sent.json()
    assert delivery["status"] == "failed"
    dead = await gateway.get(
        "/v1/notifications/dead-letters", params={"page_size": 200}, headers=ADMIN
    )
    assert delivery["id"] in [d["id"] for d in dead.json()["items"]]
    # A message to no client of theirs is outside every manager's ledger.
    unseen = await gateway.get(
        "/v1/notifications/dead-letters", params={"page_size": 200}, headers=MANAGER
    )
    assert delivery["id"] not in [d["id"] for d in unseen.json()["items"]]
    assert (
        await gateway.post(f"/v1/notifications/{delivery['id']}/retry", headers=MANAGER)
    ).status_code == 404
    denied = await gateway.post(
        f"/v1/notifications/{delivery['id']}/retry", headers=token("a", "advisor")
    )
    assert denied.status_code == 403
    smtp_sink.reject.discard(address)
    retried = await gateway.post(f"/v1/notifications/{delivery['id']}/retry", headers=ADMIN)
    assert retried.status_code == 200 and retried.json()["status"] == "sent"
    again = await gateway.post(f"/v1/notifications/{delivery['id']}/retry", headers=ADMIN)
    assert again.status_code == 409
    assert len(smtp_sink.to(address)) == 1


async def test_templates_and_inbox_through_the_gateway(gateway: httpx.AsyncClient) -> None:
    key = await _template(gateway)
    listed = await gateway.get("/v1/templates", headers=token("a", "advisor"))
    assert key in [t["key"] for t in listed.json()["items"]]
    preview = await gateway.post(
        f"/v1/templates/{key}/preview", headers=ADMIN, json={"locale": "en"}
    )
    assert preview.json()["subject"] == "Welcome, 王小明"
    missing = await gateway.post(
        f"/v1/templates/{key}/preview",
        headers=ADMIN,
        json={"locale": "en", "variables": {"name": "x"}},
    )
    assert missing.status_code == 400, missing.text
    assert missing.json()["errors"][0]["field"] == "variables.advisor"
    draft = await gateway.post(
        "/v1/templates/preview",
        headers=ADMIN,
        json={"content": {"subject": "{{ a }", "body_text": "x"}},
    )
    assert draft.status_code == 400 and "draft.subject" in draft.text
    forbidden = await gateway.put(
        f"/v1/templates/{key}/en",
        headers=token("a", "advisor"),
        json={"content": {"subject": "s", "body_text": "t"}},
    )
    assert forbidden.status_code == 403

    user = f"user-{uuid.uuid4().hex[:6]}"
    sent = await gateway.post(
        "/v1/notifications",
        headers=ADMIN,
        json={
            "idempotency_key": f"in-app/{uuid.uuid4()}",
            "user_id": user,
            "template_key": key,
            "variables": {"name": "任务", "advisor": user},
        },
    )
    # A busy machine may answer before the in-app write lands (send_wait_seconds); the
    # delivery is then `accepted` and lands moments later.
    assert sent.json()["status"] in ("sent", "accepted"), sent.text
    for _ in range(50):
        inbox = await gateway.get("/v1/me/inbox", headers=token(user, "advisor"))
        if inbox.json()["items"]:
            break
        await asyncio.sleep(0.1)
    [message] = inbox.json()["items"]
    assert message["title"] == "欢迎，任务"
    read = await gateway.post(f"/v1/me/inbox/{message['id']}/read", headers=token(user, "advisor"))
    assert read.status_code == 200 and read.json()["read_at"]
    not_mine = await gateway.post(f"/v1/me/inbox/{message['id']}/read", headers=ADMIN)
    assert not_mine.status_code == 404

    retired = await gateway.delete(f"/v1/templates/{key}", headers=ADMIN)
    assert retired.status_code == 204
    gone = await gateway.get(f"/v1/templates/{key}", headers=ADMIN)
    assert gone.status_code == 404
