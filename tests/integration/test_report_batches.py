"""A batch of clients' reports in one call each way: the clients service's GetReportData
(the client, holdings, the period's transactions, value history and returns, per client,
with an unreadable client an error of its own), reporting's RenderClientReports (each
report once per process; a client it cannot make a report for named, the others made), and
the distribution's activity that makes and mails them."""

from __future__ import annotations

import io
import uuid

import grpc
import httpx
import pytest
from clientflow.clients.v1 import clients_pb2
from clientflow.reporting.v1 import reporting_pb2
from pypdf import PdfReader
from temporalio.testing import ActivityEnvironment

from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.workflows.worker.activities.reports import ReportActivities
from services.workflows.worker.activities.types import ReportsDelivery
from tests.integration.test_valuations import ACCOUNTANT, holding, sheet
from tests.notify_support import SmtpSink
from tests.support import Stack, create_client

MISSING = str(uuid.uuid4())


async def valued_client(gateway: httpx.AsyncClient, stack: Stack) -> clients_pb2.Client:
    """A client valued at two month-ends, with a redemption between them."""
    number = f"B-{uuid.uuid4().hex[:6]}"
    client = await create_client(
        stack.services.clients,
        fields=clients_pb2.ClientFields(
            external_ids=[clients_pb2.ExternalId(source="custodian", external_id=number)]
        ),
    )
    redemption = ["transaction", number, "F2", "", "", "", "", f"R-{number}", "redemption"]
    for rows in (
        [holding(number, "F1", "1000", "2026-01-31"), holding(number, "F2", "600", "2026-01-31")],
        [
            holding(number, "F1", "1100", "2026-02-28"),
            [*redemption, "600", "2026-02-28T15:00:00+08:00"],
        ],
    ):
        answer = await gateway.post(
            "/v1/clients:import-positions",
            headers=ACCOUNTANT,
            files={"file": ("positions.csv", sheet(rows), "text/csv")},
        )
        assert answer.status_code == 200, answer.text
    return client


async def test_report_data_for_a_batch_and_an_unreadable_client(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    client = await valued_client(gateway, stack)
    reply = await stack.services.clients.GetReportData(
        clients_pb2.GetReportDataRequest(
            client_ids=[client.id, MISSING], period_start="2026-02-01", period_end="2026-03-31"
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    data, missing = reply.clients
    assert (data.client_id, data.client.name, data.error) == (client.id, client.name, "")
    assert [(h.product_code, h.market_value) for h in data.holdings] == [("F1", "1100.00")]
    assert [(t.kind, t.amount) for t in data.transactions] == [("redemption", "600.00")]
    # From the valuation the period starts from (January's) to the period's last.
    assert [(p.as_of, p.market_value) for p in data.values] == [
        ("2026-01-31", "1600.00"),
        ("2026-02-28", "1100.00"),
    ]
    whole = next(f for f in data.returns if not f.product_code)
    assert whole.twr == pytest.approx(0.0625)
    assert (missing.client_id, missing.HasField("client")) == (MISSING, False)
    assert missing.error.startswith("NOT_FOUND:") and MISSING in missing.error


async def test_a_batch_gives_each_client_its_own_rows_and_period(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    """Holdings and transactions are read once for the whole batch: each client gets its
    own, the period's only, and a malformed id is an error of its own."""
    first, second = await valued_client(gateway, stack), await valued_client(gateway, stack)
    ask = [second.id, "not-an-id", first.id]
    reply = await stack.services.clients.GetReportData(
        clients_pb2.GetReportDataRequest(
            client_ids=ask, period_start="2026-02-01", period_end="2026-03-31"
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    assert [item.client_id for item in reply.clients] == ask
    for item, client in ((reply.clients[0], second), (reply.clients[2], first)):
        assert item.client.id == client.id
        assert [h.client_id for h in item.holdings] == [client.id]
        assert [(t.client_id, t.kind) for t in item.transactions] == [(client.id, "redemption")]
    assert reply.clients[1].error.startswith("INVALID_ARGUMENT:")
    january = await stack.services.clients.GetReportData(
        clients_pb2.GetReportDataRequest(
            client_ids=[first.id], period_start="2026-01-01", period_end="2026-01-31"
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    assert list(january.clients[0].transactions) == []


@pytest.mark.parametrize(
    ("ids", "start", "field"),
    [
        ([], "2026-01-01", "client_ids"),
        ([str(uuid.uuid4()) for _ in range(101)], "2026-01-01", "client_ids"),
        ([MISSING, MISSING], "2026-01-01", "client_ids"),
        ([MISSING], "2026-13-01", "period_start"),
        ([MISSING], "2026-04-01", "period_start"),  # after the end
    ],
)
async def test_report_data_refuses_a_bad_batch_naming_the_field(
    stack: Stack, ids: list[str], start: str, field: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stack.services.clients.GetReportData(
            clients_pb2.GetReportDataRequest(
                client_ids=ids, period_start=start, period_end="2026-03-31"
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in (refused.value.details() or "")


async def test_report_data_is_for_services_and_admins(stack: Stack) -> None:
    advisor = Actor(user_id="adv-batch", roles=frozenset({Role.ADVISOR}))
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stack.services.clients.GetReportData(
            clients_pb2.GetReportDataRequest(
                client_ids=[MISSING], period_start="2026-01-01", period_end="2026-03-31"
            ),
            metadata=advisor.to_metadata(),
        )
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_a_batch_of_reports_made_once_each_with_a_missing_client_named(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    first = await valued_client(gateway, stack)
    second = await create_client(stack.services.clients, name="Batch Second")
    request = reporting_pb2.RenderClientReportsRequest(
        client_ids=[first.id, MISSING, second.id],
        period="2026Q1",
        commentary="A quiet quarter.",
        workflow_id=f"quarterly-report/test/{uuid.uuid4()}",
    )
    reply = await stack.services.reporting.RenderClientReports(
        request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=120
    )
    made, missing, plain = reply.reports
    assert [r.client_id for r in reply.reports] == [first.id, MISSING, second.id]
    assert (missing.error_code, missing.HasField("artifact")) == ("NOT_FOUND", False)
    assert MISSING in missing.error
    assert made.artifact.client_id == first.id and plain.artifact.client_id == second.id
    content = await stack.services.reporting.ReadArtifactContent(
        reporting_pb2.ReadArtifactContentRequest(id=made.artifact.id),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content.content)).pages)
    assert first.name in text and "A quiet quarter." in text and "1,100" in text
    again = await stack.services.reporting.RenderClientReports(
        request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=120
    )
    assert [r.artifact.id for r in again.reports] == [r.artifact.id for r in reply.reports]
    single = await stack.services.reporting.RenderClientReport(
        reporting_pb2.RenderClientReportRequest(
            client_id=second.id, period="2026Q1", workflow_id=request.workflow_id
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    assert single.id == plain.artifact.id


async def test_a_batch_activity_mails_each_report_once_and_names_a_missing_client(
    stack: Stack, smtp_sink: SmtpSink
) -> None:
    """`reports.deliver_client_reports` against the real services: the reports made in one
    call, each client mailed once under its key, a missing client a failed outcome; run
    again (a retried activity), nothing is mailed twice."""
    address = f"batch-{uuid.uuid4().hex[:6]}@example.com"
    client = await create_client(
        stack.services.clients,
        name="Batch Mail",
        fields=clients_pb2.ClientFields(email=address, preferred_channel="email", locale="en"),
    )
    services = stack.services
    activities = ReportActivities(services.clients, services.reporting, services.notifications)
    request = ReportsDelivery(
        client_ids=(client.id, MISSING),
        period="2026Q1",
        commentary="Steady.",
        workflow_id=f"quarterly-report/test/{uuid.uuid4()}",
    )
    first = await ActivityEnvironment().run(activities.deliver_client_reports, request)
    again = await ActivityEnvironment().run(activities.deliver_client_reports, request)
    mailed, missing = first.outcomes
    assert (mailed.client_id, mailed.status) == (client.id, "sent")
    assert (missing.client_id, missing.status) == (MISSING, "failed")
    assert MISSING in missing.reason
    assert again.outcomes[0].delivery_id == mailed.delivery_id
    assert again.outcomes[0].artifact_id == mailed.artifact_id
    [mail] = smtp_sink.to(address)  # once, though the activity ran twice
    attached = [p.get_content_type() for p in mail.walk() if p.get_filename()]
    assert attached == ["application/pdf"]
