"""Deliveries in doubt that only a person can settle (no provider lookup): the list shows
them, the daily digest names them to the operators once a day, and "send anyway" needs the
person to accept a second copy, through the gateway."""

from __future__ import annotations

import uuid
from email.message import EmailMessage

import httpx
from clientflow.notifications.v1 import notifications_pb2 as pb
from google.protobuf.struct_pb2 import Struct
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import ActivityEnvironment

from services.common.identity import SYSTEM_ACTOR
from services.workflows.worker.activities.ops import OpsActivities, recipients
from services.workflows.worker.activities.types import DigestRequest
from tests.notify_support import SmtpSink
from tests.support import Stack, token

ADMIN = token("admin-1", "admin")


async def _in_doubt(stack: Stack, engine: AsyncEngine) -> pb.Delivery:
    """A sent e-mail, then marked as a crash would have left it (in doubt)."""
    variables = Struct()
    variables.update({"title": "季度报告", "due_at": "2026-12-31"})
    delivery: pb.Delivery = await stack.services.notifications.Send(
        pb.SendRequest(
            idempotency_key=f"doubt/{uuid.uuid4()}",
            address=pb.Address(channel="email", value=f"{uuid.uuid4().hex[:8]}@example.com"),
            template_key="task-reminder",
            variables=variables,
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
        timeout=30,
    )
    assert delivery.status == "sent", delivery.reason
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE notifications.deliveries SET status = 'failed', reason = 'in_doubt: cut"
                " off' WHERE id = :id"
            ),
            {"id": delivery.id},
        )
    return delivery


async def test_send_anyway_needs_the_risk_accepted_and_is_kept_in_the_history(
    gateway: httpx.AsyncClient, stack: Stack, engine: AsyncEngine, smtp_sink: SmtpSink
) -> None:
    delivery = await _in_doubt(stack, engine)
    listed = await gateway.get(
        "/v1/notifications", params={"status": "in_doubt", "page_size": 200}, headers=ADMIN
    )
    assert listed.status_code == 200, listed.text
    assert delivery.id in {d["id"] for d in listed.json()["items"]}

    refused = await gateway.post(f"/v1/notifications/{delivery.id}/retry", headers=ADMIN)
    assert refused.status_code == 409, refused.text
    assert "accept_duplicate_risk" in refused.text
    assert len(smtp_sink.to(delivery.recipient)) == 1

    sent = await gateway.post(
        f"/v1/notifications/{delivery.id}/retry",
        headers=ADMIN,
        json={"accept_duplicate_risk": True},
    )
    assert sent.status_code == 200, sent.text
    assert sent.json()["status"] == "sent"
    history = (await gateway.get(f"/v1/notifications/{delivery.id}", headers=ADMIN)).json()
    decision = [a for a in history["attempts"] if a["outcome"] == "send_anyway"]
    assert decision and "admin-1" in decision[0]["provider_response"]
    assert len(smtp_sink.to(delivery.recipient)) == 2

    advisor = await gateway.post(
        f"/v1/notifications/{delivery.id}/retry",
        headers=token("adv-x", "advisor"),
        json={"accept_duplicate_risk": True},
    )
    assert advisor.status_code in (403, 404), advisor.text


async def test_the_daily_digest_names_them_once_per_person_and_day(
    stack: Stack, engine: AsyncEngine, smtp_sink: SmtpSink
) -> None:
    delivery = await _in_doubt(stack, engine)
    person = f"ops-{uuid.uuid4().hex[:6]}"
    address = f"{person}@example.com"
    ops = OpsActivities(stack.services.notifications, f"{person}, {address},{person}")
    assert ops.to == (person, address)
    day = "2026-12-07"
    result = await ActivityEnvironment().run(ops.send_in_doubt_digest, DigestRequest(day=day))
    assert result.in_doubt >= 1 and result.sent_to == (person, address)
    again = await ActivityEnvironment().run(ops.send_in_doubt_digest, DigestRequest(day=day))
    assert again.in_doubt == result.in_doubt

    [mail] = smtp_sink.to(address)  # once, though asked twice
    assert isinstance(mail, EmailMessage)
    assert delivery.id in mail.get_content()
    inbox = await stack.services.notifications.ListDeliveries(
        pb.ListDeliveriesRequest(status="sent", page_size=200),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    keys = [d.idempotency_key for d in inbox.deliveries]
    assert keys.count(f"ops/in-doubt-digest/{day}/{person}") == 1

    nobody = OpsActivities(stack.services.notifications, "")
    quiet = await ActivityEnvironment().run(nobody.send_in_doubt_digest, DigestRequest(day=day))
    assert quiet.in_doubt == 0 and quiet.sent_to == ()
    assert recipients(" a ,, b@x.org ,a") == ("a", "b@x.org")
