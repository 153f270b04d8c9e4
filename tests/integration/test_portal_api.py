"""The client portal's API through the gateway: one-time sign-in by code and by link (single
use, wrong codes counted, the same answer for unknown addresses), the portal session's own
audience (no staff token on portal routes, no portal session on staff routes), a client
filing and following their own request and seeing the conversation but never the notes,
and nothing of another client's, whatever the id."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
from clientflow.clients.v1 import clients_pb2

from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually, token


def email_of() -> str:
    return f"c-{uuid.uuid4().hex[:10]}@example.com"


async def sign_in_mail(smtp_sink: SmtpSink, address: str, seen: int = 0) -> tuple[str, str]:
    """(code, link token) of the latest sign-in message to `address`."""

    async def arrived() -> Any:
        mails = [m for m in smtp_sink.messages if address in m.envelope_to]
        return mails[-1] if len(mails) > seen else None

    mail = await eventually(arrived, f"the sign-in message to {address}", seconds=20)
    body = mail.message.get_body(preferencelist=("plain",)).get_content()
    code = re.search(r"\b(\d{6})\b", body)
    link = re.search(r"/portal/link/([A-Za-z0-9_\-]+)", body)
    assert code and link, body
    return code.group(1), link.group(1)


async def portal_session(
    gateway: httpx.AsyncClient, smtp_sink: SmtpSink, address: str
) -> dict[str, str]:
    asked = await gateway.post("/v1/portal/sign-in", json={"address": address})
    assert asked.status_code == 202, asked.text
    code, _link = await sign_in_mail(smtp_sink, address)
    opened = await gateway.post("/v1/portal/session", json={"address": address, "code": code})
    assert opened.status_code == 200, opened.text
    return {"Authorization": f"Bearer {opened.json()['token']}"}


async def test_sign_in_is_one_time_and_the_session_is_the_portals_only(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    address = email_of()
    client = await create_client(
        stack.services.clients,
        advisor_id="adv-portal",
        fields=clients_pb2.ClientFields(email=address),
    )
    # Unknown and known addresses get the same answer.
    unknown = await gateway.post("/v1/portal/sign-in", json={"address": email_of()})
    known = await gateway.post("/v1/portal/sign-in", json={"address": address.upper()})
    assert unknown.status_code == known.status_code == 202
    assert unknown.json() == known.json()
    code, link = await sign_in_mail(smtp_sink, address)

    # A wrong code is refused; the link works once.
    wrong = "000000" if code != "000000" else "111111"
    refused = await gateway.post("/v1/portal/session", json={"address": address, "code": wrong})
    assert refused.status_code == 401
    opened = await gateway.post("/v1/portal/session", json={"link_token": link})
    assert opened.status_code == 200, opened.text
    assert opened.json()["client_id"] == client.id
    reused = await gateway.post("/v1/portal/session", json={"link_token": link})
    assert reused.status_code == 401
    code_after_link = await gateway.post(
        "/v1/portal/session", json={"address": address, "code": code}
    )
    assert code_after_link.status_code == 401
    assert (
        await gateway.post("/v1/portal/session", json={"link_token": "made-up-token"})
    ).status_code == 401

    session = {"Authorization": f"Bearer {opened.json()['token']}"}
    me = await gateway.get("/v1/portal/me", headers=session)
    assert me.status_code == 200 and me.json()["client_id"] == client.id
    # The portal session opens no staff route; a staff token opens no portal route.
    for path in (f"/v1/clients/{client.id}", "/v1/requests", "/v1/tasks", "/v1/me"):
        assert (await gateway.get(path, headers=session)).status_code == 401, path
    admin = token("admin-portal", "admin")
    for path in ("/v1/portal/me", "/v1/portal/requests", "/v1/portal/reports"):
        assert (await gateway.get(path, headers=admin)).status_code == 401, path
    # A staff-shaped token claiming the client role is not a staff token either.
    assert (await gateway.get("/v1/me", headers=token("client:x", "client"))).status_code == 401


async def test_five_wrong_codes_end_a_sign_in(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    address = email_of()
    await create_client(
        stack.services.clients,
        advisor_id="adv-portal",
        fields=clients_pb2.ClientFields(email=address),
    )
    await gateway.post("/v1/portal/sign-in", json={"address": address})
    code, _ = await sign_in_mail(smtp_sink, address)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        answer = await gateway.post("/v1/portal/session", json={"address": address, "code": wrong})
        assert answer.status_code == 401
    late = await gateway.post("/v1/portal/session", json={"address": address, "code": code})
    assert late.status_code == 401


async def test_a_client_files_and_follows_their_own_request_only(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    team = f"team-{uuid.uuid4().hex[:6]}"
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    mine, theirs = email_of(), email_of()
    me_client = await create_client(
        stack.services.clients,
        advisor_id=advisor,
        team_id=team,
        fields=clients_pb2.ClientFields(email=mine),
    )
    other_client = await create_client(
        stack.services.clients,
        advisor_id=advisor,
        team_id=team,
        fields=clients_pb2.ClientFields(email=theirs),
    )
    me = await portal_session(gateway, smtp_sink, mine)
    other = await portal_session(gateway, smtp_sink, theirs)

    types = (await gateway.get("/v1/portal/request-types", headers=me)).json()
    redemption = next(t for t in types if t["key"] == "redemption")
    assert {f["name"] for f in redemption["fields"]} >= {"product", "amount"}
    bad = await gateway.post(
        "/v1/portal/requests",
        headers=me,
        json={"type": "redemption", "fields": {"product": "A", "amount": "x"}},
    )
    assert bad.status_code == 400 and "fields.amount" in bad.text
    filed = await gateway.post(
        "/v1/portal/requests",
        headers=me,
        json={"type": "redemption", "fields": {"product": "稳健一号", "amount": 10000}},
    )
    assert filed.status_code == 201, filed.text
    request = filed.json()
    assert "advisor_id" not in request and "created_by" not in request
    staff_view = await gateway.get(
        f"/v1/requests/{request['id']}", headers=token(advisor, "advisor", team=team)
    )
    assert staff_view.json()["channel"] == "portal"
    assert staff_view.json()["client_id"] == me_client.id

    # A note stays internal; a message reaches the client.
    staff = token(advisor, "advisor", team=team)
    await gateway.post(
        f"/v1/requests/{request['id']}/notes", headers=staff, json={"body": "INTERNAL: lock-up"}
    )
    await gateway.post(
        f"/v1/requests/{request['id']}/messages", headers=staff, json={"body": "Received."}
    )
    said = await gateway.post(
        f"/v1/portal/requests/{request['id']}/messages", headers=me, json={"body": "Thanks"}
    )
    assert said.status_code == 201
    conversation = (
        await gateway.get(f"/v1/portal/requests/{request['id']}/messages", headers=me)
    ).json()
    assert [(m["body"], m["from_client"]) for m in conversation] == [
        ("Received.", False),
        ("Thanks", True),
    ]

    async def progressed() -> Any:
        got = (await gateway.get(f"/v1/portal/requests/{request['id']}", headers=me)).json()
        return got if got["progress"]["steps"] else None

    shown = await eventually(progressed, "the client-safe progress")
    assert shown["progress"]["steps"][0]["state"] == "current"
    assert "INTERNAL" not in str(shown)

    # Another client sees none of it, by id or by list; nor can they file for someone else.
    for path in ("", "/messages"):
        got = await gateway.get(f"/v1/portal/requests/{request['id']}{path}", headers=other)
        assert got.status_code == 404, path
    posted = await gateway.post(
        f"/v1/portal/requests/{request['id']}/messages", headers=other, json={"body": "hi"}
    )
    assert posted.status_code == 404
    rated = await gateway.post(
        f"/v1/portal/requests/{request['id']}/rate", headers=other, json={"score": 1}
    )
    assert rated.status_code == 404
    assert (await gateway.get("/v1/portal/requests", headers=other)).json()["items"] == []
    assert (await gateway.get(f"/v1/portal/requests/{uuid.uuid4()}", headers=me)).status_code == 404
    assert other_client.id != me_client.id

    # Consent: their own, and only marketing can be refused.
    consent = await gateway.put(
        "/v1/portal/consent",
        headers=me,
        json={"channels": [{"channel": "email", "category": "marketing", "opted_out": True}]},
    )
    assert consent.status_code == 200, consent.text
    assert consent.json()["client_id"] == me_client.id
    refused = await gateway.put(
        "/v1/portal/consent",
        headers=me,
        json={"channels": [{"channel": "email", "category": "service", "opted_out": True}]},
    )
    assert refused.status_code == 400
    assert (await gateway.get("/v1/portal/reports", headers=me)).json() == []


async def test_files_on_a_request_are_shared_with_the_client_only(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    team, advisor = f"team-{uuid.uuid4().hex[:6]}", f"adv-{uuid.uuid4().hex[:6]}"
    mine, theirs = email_of(), email_of()
    for address in (mine, theirs):
        await create_client(
            stack.services.clients,
            advisor_id=advisor,
            team_id=team,
            fields=clients_pb2.ClientFields(email=address),
        )
    me = await portal_session(gateway, smtp_sink, mine)
    other = await portal_session(gateway, smtp_sink, theirs)
    filed = await gateway.post(
        "/v1/portal/requests",
        headers=me,
        json={"type": "complaint", "fields": {"category": "fees", "description": "twice"}},
    )
    request_id = filed.json()["id"]
    url = f"/v1/portal/requests/{request_id}/attachments"
    pdf = b"%PDF-1.4\n% a statement\n"
    sent = await gateway.post(url, headers=me, files={"file": ("../../etc/账单.pdf", pdf)})
    assert sent.status_code == 201, sent.text
    assert (
        sent.json()["filename"] == "账单.pdf" and sent.json()["content_type"] == "application/pdf"
    )
    disguised = await gateway.post(url, headers=me, files={"file": ("x.pdf", b"MZ\x90\x00exe")})
    assert disguised.status_code == 400 and "file" in disguised.text
    assert (
        await gateway.post(url, headers=other, files={"file": ("x.pdf", pdf)})
    ).status_code == 404
    assert (await gateway.get(url, headers=other)).status_code == 404

    staff = token(advisor, "advisor", team=team)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    answer = await gateway.post(
        f"/v1/requests/{request_id}/attachments", headers=staff, files={"file": ("scan.png", png)}
    )
    assert answer.status_code == 201, answer.text
    files = (await gateway.get(url, headers=me)).json()
    assert [(f["filename"], f["author_kind"]) for f in files] == [
        ("账单.pdf", "client"),
        ("scan.png", "staff"),
    ]
    got = await gateway.get(f"/v1/portal/reports/{files[0]['artifact_id']}/content", headers=me)
    assert got.status_code == 200 and got.content == pdf
    stolen = await gateway.get(
        f"/v1/portal/reports/{files[0]['artifact_id']}/content", headers=other
    )
    assert stolen.status_code == 404
    # Files on requests are shown with the request, not among the client's reports.
    assert (await gateway.get("/v1/portal/reports", headers=me)).json() == []
