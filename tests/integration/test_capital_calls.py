"""A capital call as a process, through the gateway and the running stack: a partner's
approval starts it, every investor gets exactly one e-mail with their own notice PDF (amount,
due date in business days, the reference to quote), asking again starts nothing twice, the
notices are in each investor's documents; then a bank statement (MT940, and CSV) matches
two payments — one of them partial — leaves one unmatched, records nothing twice when
imported again, and a malformed file is refused naming its line."""

from __future__ import annotations

import io
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from clientflow.clients.v1 import clients_pb2
from clientflow.reporting.v1 import reporting_pb2
from pypdf import PdfReader

from services.common.identity import SYSTEM_ACTOR
from services.common.workdays import add_workdays
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually, token

ADMIN = token("admin-cc", "admin")
PARTNER = token("partner-cc", "partner")
ACCOUNTANT = token("acc-cc", "accountant")


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


async def _fund_with_investors(
    gateway: httpx.AsyncClient, stack: Stack
) -> tuple[str, dict[str, str], dict[str, str]]:
    suffix = uuid.uuid4().hex[:6]
    team, fund = f"team-cc{suffix}", f"F-CALL-{suffix}"
    manager = token(f"mgr-cc{suffix}", "manager", team=team)
    emails: dict[str, str] = {}
    for index in range(3):
        email = f"lp{index}-{suffix}@example.com"
        client = await create_client(
            stack.services.clients,
            name=f"LP{index} {suffix}",
            advisor_id=f"adv-cc{suffix}",
            team_id=team,
            fields=clients_pb2.ClientFields(
                email=email, preferred_channel="email", locale="en" if index == 2 else "zh-CN"
            ),
        )
        emails[client.id] = email
    assert (
        await gateway.put(
            f"/v1/funds/{fund}",
            headers=ADMIN,
            json={"name": "Growth I", "currency": "CNY", "vintage": 2025, "size": "90000000"},
        )
    ).status_code == 200
    for client_id, amount in zip(emails, ("1000000", "2000000", "3000000"), strict=True):
        reply = await gateway.put(
            f"/v1/funds/{fund}/commitments/{client_id}", headers=manager, json={"amount": amount}
        )
        assert reply.status_code == 200, reply.text
    return fund, emails, manager


async def test_an_approved_call_sends_each_notice_once_and_a_statement_pays_it(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    fund, emails, manager = await _fund_with_investors(gateway, stack)
    draft = await gateway.post(
        f"/v1/funds/{fund}/capital-events",
        headers=manager,
        json={"kind": "call", "percent": "10", "purpose": "首个项目", "due_in_business_days": 10},
    )
    assert draft.status_code == 201, draft.text
    call = draft.json()
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    assert call["due_on"] == add_workdays("CN", today, 10).isoformat()
    both = await gateway.post(
        f"/v1/funds/{fund}/capital-events",
        headers=manager,
        json={"kind": "call", "amount": "1", "due_on": "2027-01-05", "due_in_business_days": 3},
    )
    assert both.status_code == 422 and "due_in_business_days" in both.text

    approved = await gateway.post(
        f"/v1/capital-events/{call['id']}/decision", headers=PARTNER, json={"approve": True}
    )
    assert approved.status_code == 200, approved.text
    process_id = approved.json()["process_id"]
    assert process_id == f"capital-event/{call['id']}"
    references = {a["client_id"]: a["payment_reference"] for a in approved.json()["allocations"]}
    amounts = {a["client_id"]: a["amount"] for a in approved.json()["allocations"]}
    assert amounts == dict(zip(emails, ("100000.00", "200000.00", "300000.00"), strict=True))

    async def all_mailed() -> bool:
        return all(smtp_sink.to(email) for email in emails.values())

    await eventually(all_mailed, "every investor's notice", 90)
    again = await gateway.post(f"/v1/capital-events/{call['id']}/process", headers=PARTNER)
    assert again.status_code == 202 and again.json()["workflow_id"] == process_id
    not_approved = await gateway.post(
        f"/v1/funds/{fund}/capital-events", headers=manager, json={"kind": "call", "amount": "3"}
    )
    early = await gateway.post(
        f"/v1/capital-events/{not_approved.json()['id']}/process", headers=PARTNER
    )
    assert early.status_code == 409, early.text

    async def waiting_for_payment() -> dict[str, Any] | None:
        reply = await gateway.get(f"/v1/processes/{process_id}/progress", headers=PARTNER)
        body: dict[str, Any] = reply.json()
        return body if body.get("current_step") == "awaiting payment" else None

    progress = await eventually(waiting_for_payment, "the notices to finish", 60)
    assert (progress["items_total"], progress["items_done"]) == (3, 3)
    for client_id, email in emails.items():
        [mail] = smtp_sink.to(email)  # exactly one e-mail, however often it was asked
        [attachment] = [p for p in mail.walk() if p.get_content_type() == "application/pdf"]
        payload = attachment.get_payload(decode=True)
        assert isinstance(payload, bytes)
        text = pdf_text(payload)
        assert references[client_id] in text and call["due_on"] in text
        assert f"{Decimal(amounts[client_id]):,.2f}" in text
        documents = await stack.services.reporting.ListClientArtifacts(
            reporting_pb2.ListClientArtifactsRequest(client_id=client_id),
            metadata=SYSTEM_ACTOR.to_metadata(),
        )
        assert [a.kind for a in documents.artifacts].count("capital-call-notice") == 1

    first, second, third = emails
    statement = "\n".join(
        [
            ":20:STMT-1",
            ":25:CN00112233/CNY",
            ":28C:00001/001",
            ":60F:C261201CNY0,00",
            f":61:2612030403C100000,00NTRFNONREF//B-{first[:4]}",
            f":86:{references[first]} LP0 capital call",
            ":61:2612040404C50000,00NTRFNONREF//B-2",
            f":86:transfer {references[second].lower()} part one",
            ":61:2612040404C7777,00NTRFNONREF//B-3",
            ":86:a gift with no reference",
            ":61:2612050405D10,00NMSCNONREF",
            ":86:bank fee",
            ":62F:C261205CNY157767,00",
            "",
        ]
    ).encode()

    async def upload(content: bytes, fmt: str = "mt940") -> httpx.Response:
        return await gateway.post(
            f"/v1/bank-statements?format={fmt}",
            headers=ACCOUNTANT,
            files={"file": ("statement.sta", content, "text/plain")},
        )

    imported = await upload(statement)
    assert imported.status_code == 200, imported.text
    report = imported.json()
    assert (report["matched"], report["unmatched"]) == (2, 1)
    assert [line["status"] for line in report["lines"]] == ["matched", "matched", "unmatched"]
    assert (
        report["lines"][2]["line"] == 9 and "no payment reference" in report["lines"][2]["reason"]
    )
    twice = (await upload(statement)).json()
    assert [line["status"] for line in twice["lines"]] == [
        "already_recorded",
        "already_recorded",
        "unmatched",
    ]
    event = (await gateway.get(f"/v1/capital-events/{call['id']}", headers=ACCOUNTANT)).json()
    state = {a["client_id"]: (a["paid"], a["status"]) for a in event["allocations"]}
    assert state == {
        first: ("100000.00", "paid"),
        second: ("50000.00", "partly_paid"),
        third: ("0.00", "open"),
    }

    broken = statement.replace(b":61:2612040404C50000", b":61:26AB040404C50000")
    refused = await upload(broken)
    assert refused.status_code == 400, refused.text
    assert "line 7" in refused.text
    csv = f"date,amount,reference\n2026-12-06,150000.00,{references[second]}\n2026-12-06,x,y\n"
    bad_csv = await upload(csv.encode(), "csv")
    assert bad_csv.status_code == 400 and "line 3" in bad_csv.text
    paid = await upload(csv.encode().rsplit(b"2026-12-06,x", 1)[0], "csv")
    assert paid.json()["lines"][0]["status"] == "matched", paid.text
    assert (await upload(statement, "csv")).status_code == 400
    assert (
        await gateway.post(
            "/v1/bank-statements",
            headers=token("adv-x", "advisor"),
            files={"file": ("s.sta", statement, "text/plain")},
        )
    ).status_code == 403

    mine = await gateway.get(f"/v1/capital-events?client_id={third}", headers=ACCOUNTANT)
    [listed] = [e for e in mine.json()["items"] if e["id"] == call["id"]]
    assert [a["client_id"] for a in listed["allocations"]] == [third]

    # The client's report carries the capital account statement.
    rendered = await stack.services.reporting.RenderClientReport(
        reporting_pb2.RenderClientReportRequest(client_id=third, period="2026Q4"),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    content = await stack.services.reporting.ReadArtifactContent(
        reporting_pb2.ReadArtifactContentRequest(id=rendered.id),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    text = "".join(pdf_text(content.content).split())  # narrow cells wrap
    assert "Capitalaccount" in text and fund in text  # the third investor reads English
    assert "3,000,000.00" in text and "2,700,000.00" in text  # commitment, uncalled
