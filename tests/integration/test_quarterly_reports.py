"""The quarterly report run through the running stack and the gateway: a manager starts it,
the accountant confirms the data, the advisor writes the commentary, a partner rejects once
and then approves (a manager may not), every client with an e-mail address receives exactly
one e-mail with their own PDF, the client without one is reported and reviewed, and the PDF
downloads only for those who may see the client."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from clientflow.clients.v1 import clients_pb2
from pypdf import PdfReader
from temporalio.client import WorkflowFailureError
from temporalio.testing import WorkflowEnvironment

from services.common.grpc_client import ServiceClients
from services.common.identity import SYSTEM_ACTOR
from services.common.temporal import PROCESS_KIND
from services.workflows.worker.processes.quarterly import (
    QuarterlyKickoffInput,
    QuarterlyReportKickoffWorkflow,
    previous_quarter,
)
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client, eventually, token
from tests.workflows.fakes import FakeServices, fake_worker
from tests.workflows.test_reports import FakeReports


def pdf_text(message: Message) -> str:
    [attachment] = [part for part in message.walk() if part.get_content_type() == "application/pdf"]
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages)


@dataclass
class Book:
    """A team's book: three clients with e-mail (zh-CN, zh-CN, en), one without."""

    team: str
    advisor: str
    names: list[str]
    emails: dict[str, str]  # client id -> address
    no_email_id: str


@dataclass
class Desk:
    """The run as the people in it see it: their tasks, and completing one."""

    gateway: httpx.AsyncClient
    workflow_id: str = ""

    async def task(self, headers: dict[str, str], task_id: str) -> dict[str, Any] | None:
        items = (await self.gateway.get("/v1/tasks", headers=headers)).json()["items"]
        found = [
            t
            for t in items
            if t["workflow_id"] == self.workflow_id
            and t["task_id"] == task_id
            and t["status"] in ("open", "claimed", "escalated")
        ]
        return found[0] if found else None

    async def complete(
        self, headers: dict[str, str], task_id: str, **payload: Any
    ) -> httpx.Response:
        found = await eventually(lambda: self.task(headers, task_id), task_id)
        return await self.gateway.post(
            f"/v1/tasks/{found['id']}/complete", headers=headers, json=payload
        )


MANAGER_OF = "mgr-{team}"
ACCOUNTANT = token("acc-qian", "accountant")
PARTNER = token("ptr-sun", "partner")
COMMENTARY = "三季度债券市场走强，我们维持均衡配置。"


async def seed_book(services: ServiceClients) -> Book:
    team = f"team-q{uuid.uuid4().hex[:6]}"
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    metadata = SYSTEM_ACTOR.to_metadata()
    emails: dict[str, str] = {}
    names = ["王小明", "李华", "Alice Chen"]
    for index, name in enumerate(names):
        email = f"q{index}-{uuid.uuid4().hex[:6]}@example.com"
        client = await create_client(
            services.clients,
            name=name,
            advisor_id=advisor,
            team_id=team,
            fields=clients_pb2.ClientFields(
                email=email, preferred_channel="email", locale="en" if index == 2 else "zh-CN"
            ),
        )
        emails[client.id] = email
        await services.clients.SetLifecycleStage(
            clients_pb2.SetLifecycleStageRequest(client_id=client.id, stage="ACTIVE", reason="t"),
            metadata=metadata,
        )
        await services.clients.UpsertHolding(
            clients_pb2.UpsertHoldingRequest(
                client_id=client.id,
                holding=clients_pb2.Holding(
                    product_code="P100",
                    product_name="稳健增长一号",
                    units="1000",
                    market_value=str(100000 * (index + 1)),
                    currency="CNY",
                ),
            ),
            metadata=metadata,
        )
        deposit = clients_pb2.Transaction(
            external_id=f"q-{client.id}",
            kind="subscription",
            product_code="P100",
            amount="50000",
            currency="CNY",
        )
        deposit.occurred_at.FromDatetime(datetime(2026, 8, 3, 2, tzinfo=UTC))
        await services.clients.RecordTransaction(
            clients_pb2.RecordTransactionRequest(client_id=client.id, transaction=deposit),
            metadata=metadata,
        )
    no_email = await create_client(
        services.clients, name="无邮箱客户", advisor_id=advisor, team_id=team
    )
    await services.clients.SetLifecycleStage(
        clients_pb2.SetLifecycleStageRequest(client_id=no_email.id, stage="ACTIVE", reason="t"),
        metadata=metadata,
    )
    return Book(team, advisor, names, emails, no_email.id)


async def start_run(desk: Desk, book: Book, body: dict[str, Any]) -> None:
    """Only a manager of the team starts it, once."""
    manager = token(MANAGER_OF.format(team=book.team), "manager", team=book.team)
    writer = token(book.advisor, "advisor", team=book.team)
    gateway = desk.gateway
    denied = await gateway.post("/v1/reports/quarterly", headers=writer, json=body)
    assert denied.status_code == 403
    other_team = await gateway.post(
        "/v1/reports/quarterly", headers=token("mgr-x", "manager", team="team-x"), json=body
    )
    assert other_team.status_code == 403
    started = await gateway.post("/v1/reports/quarterly", headers=manager, json=body)
    assert started.status_code == 202, started.text
    desk.workflow_id = started.json()["workflow_id"]
    assert desk.workflow_id == f"quarterly-report/{book.team}/2026Q3"
    again = await gateway.post("/v1/reports/quarterly", headers=manager, json=body)
    assert again.status_code == 409


async def approve_after_one_rejection(desk: Desk, book: Book) -> None:
    """Data confirmed, a draft rejected by the partner (a manager may not decide), the
    second round approved; the client's view never shows the rejection comment."""
    manager = token(MANAGER_OF.format(team=book.team), "manager", team=book.team)
    writer = token(book.advisor, "advisor", team=book.team)
    assert (await desk.complete(ACCOUNTANT, "data", outcome="confirmed")).status_code == 200
    first = await desk.complete(
        writer, "commentary-1", outcome="submitted", form={"commentary": "Q3 初稿"}
    )
    assert first.status_code == 200, first.text
    approval = await eventually(lambda: desk.task(PARTNER, "approval-1"), "the approval task")
    by_manager = await desk.gateway.post(
        f"/v1/tasks/{approval['id']}/complete", headers=manager, json={"outcome": "approved"}
    )
    assert by_manager.status_code == 403, by_manager.text
    rejected = await desk.complete(
        PARTNER, "approval-1", outcome="rejected", comment="请补充债券市场观点"
    )
    assert rejected.status_code == 200, rejected.text
    # The client-facing view is built from an allow-list: the rejection comment that the
    # staff title of the next commentary task carries never shows there.
    await eventually(lambda: desk.task(writer, "commentary-2"), "the second commentary task")
    client_view = await desk.gateway.get(
        f"/v1/processes/{desk.workflow_id}/progress", params={"view": "client"}, headers=manager
    )
    assert client_view.status_code == 200
    assert "请补充债券市场观点" not in client_view.text
    assert "Writing the commentary" in [t["title"] for t in client_view.json()["tasks"]]
    assert (
        await desk.complete(
            writer, "commentary-2", outcome="submitted", form={"commentary": COMMENTARY}
        )
    ).status_code == 200
    assert (await desk.complete(PARTNER, "approval-2", outcome="approved")).status_code == 200


async def every_client_mailed_once_and_the_run_reviewed(
    desk: Desk, book: Book, smtp_sink: SmtpSink
) -> None:
    manager = token(MANAGER_OF.format(team=book.team), "manager", team=book.team)
    gateway, workflow_id = desk.gateway, desk.workflow_id
    review = await eventually(lambda: desk.task(manager, "review-failures"), "the review task", 120)
    assert "1 2026Q3 reports were not delivered" in review["title"]
    for (client_id, email), name in zip(book.emails.items(), book.names, strict=True):
        [mail] = smtp_sink.to(email)  # exactly one e-mail
        text = pdf_text(mail)
        assert name in text and "2026Q3" in text and "P100" in text, client_id
        assert COMMENTARY in text  # the approved round's commentary, not the draft
        assert "Q3 初稿" not in text
    [mail_en] = smtp_sink.to(book.emails[list(book.emails)[2]])
    assert "Alice Chen" in pdf_text(mail_en)
    progress = (await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=manager)).json()
    notes = [s["detail"] for s in progress["steps"] if s["event"] == "note"]
    assert any("rejected by ptr-sun" in n for n in notes)
    assert any(n.startswith("4 clients: failed 1, sent 3") for n in notes), notes
    assert (await desk.complete(manager, "review-failures", outcome="reviewed")).status_code == 200

    async def finished() -> dict[str, Any] | None:
        reply = (await gateway.get(f"/v1/processes/{workflow_id}", headers=manager)).json()
        return reply if reply["status"] == "completed" else None

    result = (await eventually(finished, "the run to finish"))["result"]
    assert result["counts"] == {"sent": 3, "failed": 1}
    # The progress bar's numbers: every client taken on and finished.
    bar = (await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=manager)).json()
    assert (bar["items_total"], bar["items_done"]) == (4, 4)
    assert [r["decision"] for r in result["rounds"]] == ["rejected", "approved"]
    [problem] = result["problems"]
    assert problem["client_id"] == book.no_email_id and problem["reason"].startswith("no_channel")


async def each_pdf_only_for_who_may_see_the_client(desk: Desk, book: Book) -> None:
    """Each client's PDF downloads for the client's advisor, and is a 404 for another."""
    manager = token(MANAGER_OF.format(team=book.team), "manager", team=book.team)
    writer = token(book.advisor, "advisor", team=book.team)
    gateway, workflow_id = desk.gateway, desk.workflow_id
    ledger = (
        await gateway.get("/v1/notifications", params={"workflow_id": workflow_id}, headers=manager)
    ).json()["items"]
    sent = [d for d in ledger if d["status"] == "sent"]
    assert len(sent) == 3 and all(len(d["attachment_artifact_ids"]) == 1 for d in sent)
    artifact_id = sent[0]["attachment_artifact_ids"][0]
    download = await gateway.get(f"/v1/artifacts/{artifact_id}/content", headers=writer)
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert download.headers["content-type"] == "application/pdf"
    meta = (await gateway.get(f"/v1/artifacts/{artifact_id}", headers=writer)).json()
    assert (meta["period"], meta["workflow_id"]) == ("2026Q3", workflow_id)
    stranger = token("adv-stranger", "advisor", team=book.team)
    assert (
        await gateway.get(f"/v1/artifacts/{artifact_id}/content", headers=stranger)
    ).status_code == 404
    # The client's reports are listed on the client (the 360 page's download list).
    reports = await gateway.get(f"/v1/clients/{meta['client_id']}/reports", headers=writer)
    assert [a["id"] for a in reports.json()["items"]] == [artifact_id]
    hidden = await gateway.get(f"/v1/clients/{meta['client_id']}/reports", headers=stranger)
    assert hidden.status_code == 404


async def a_deliberate_rerun_corrects_and_keeps_the_first(
    desk: Desk, book: Book, body: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    """A finished period is run again deliberately, for corrections: a new attempt with its
    own id and e-mail keys; the finished run is kept."""
    manager = token(MANAGER_OF.format(team=book.team), "manager", team=book.team)
    writer = token(book.advisor, "advisor", team=book.team)
    gateway = desk.gateway
    first_run = desk.workflow_id
    rerun = await gateway.post(
        "/v1/reports/quarterly", headers=manager, json={**body, "rerun": True}
    )
    assert rerun.status_code == 202, rerun.text
    desk.workflow_id = rerun.json()["workflow_id"]
    assert desk.workflow_id == f"{first_run}/attempt-2"
    busy = await gateway.post(
        "/v1/reports/quarterly", headers=manager, json={**body, "rerun": True}
    )
    assert busy.status_code == 409
    corrected = "更正：三季度债券市场走强，权益配置维持四成。"
    assert (await desk.complete(ACCOUNTANT, "data", outcome="confirmed")).status_code == 200
    assert (
        await desk.complete(
            writer, "commentary-1", outcome="submitted", form={"commentary": corrected}
        )
    ).status_code == 200
    assert (await desk.complete(PARTNER, "approval-1", outcome="approved")).status_code == 200
    await eventually(lambda: desk.task(manager, "review-failures"), "the rerun's review task", 120)
    for email in book.emails.values():
        first_mail, second_mail = smtp_sink.to(email)  # the first run's and the correction
        assert corrected in pdf_text(second_mail) and corrected not in pdf_text(first_mail)
    kept = (await gateway.get(f"/v1/processes/{first_run}", headers=manager)).json()
    assert kept["status"] == "completed"


async def test_a_quarterly_run_with_one_rejection_reaches_every_client_once(
    gateway: httpx.AsyncClient, stack: Stack, smtp_sink: SmtpSink
) -> None:
    book = await seed_book(stack.services)
    body = {"book": book.team, "period": "2026Q3", "parameters": {"batch_size": "2"}}
    desk = Desk(gateway)
    await start_run(desk, book, body)
    await approve_after_one_rejection(desk, book)
    await every_client_mailed_once_and_the_run_reviewed(desk, book, smtp_sink)
    await each_pdf_only_for_who_may_see_the_client(desk, book)
    await a_deliberate_rerun_corrects_and_keeps_the_first(desk, book, body, smtp_sink)


async def test_the_quarter_end_kickoff_starts_the_firms_run_once(
    dev_env: WorkflowEnvironment,
) -> None:
    """On the dev server (the child carries search attributes, which the time-skipping test
    server does not know), with in-memory activities: the Schedule's kickoff starts the
    firm's run for the quarter that ended, and a second kickoff finds it."""
    async with fake_worker(dev_env, FakeServices(), FakeReports().activities()) as queue:
        first = await dev_env.client.execute_workflow(
            QuarterlyReportKickoffWorkflow.run,
            QuarterlyKickoffInput(),
            id=f"kickoff-{uuid.uuid4()}",
            task_queue=queue,
        )
        today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai"))
        assert first == f"quarterly-report/firm/{previous_quarter(today.year, today.month)}"
        second = await dev_env.client.execute_workflow(
            QuarterlyReportKickoffWorkflow.run,
            QuarterlyKickoffInput(),
            id=f"kickoff-{uuid.uuid4()}",
            task_queue=queue,
        )
        assert second == f"{first} exists"
        run = dev_env.client.get_workflow_handle(first)
        description = await run.describe()
        assert description.typed_search_attributes.get(PROCESS_KIND) == "quarterly-report"
        await run.cancel()
        with pytest.raises(WorkflowFailureError):
            await run.result()
