"""KPI dashboards through the gateway over a team's book built for the test: AUM by tier and
advisor, net flows by month, clients at the start and end of the period with retention and
churn, dormant, tier migrations, task SLA compliance, NPS from survey answers; scoping by
role; CSV and .xlsx exports; and the read-only connection refusing writes."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from clientflow.clients.v1 import clients_pb2
from clientflow.workflows.v1 import workflows_pb2
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.db import create_engine
from services.common.grpc_client import ServiceClients
from services.common.identity import SYSTEM_ACTOR
from tests.support import Stack, create_client, token


def quarter_of(moment: datetime) -> str:
    return f"{moment.year}Q{(moment.month - 1) // 3 + 1}"


@dataclass
class TeamBook:
    """A team's book as the test built it, the current quarter being the period."""

    team: str
    advisors: list[str]
    period: str

    @property
    def manager(self) -> dict[str, str]:
        return token(f"mgr-{self.team}", "manager", team=self.team)


async def build_book(
    gateway: httpx.AsyncClient, services: ServiceClients, engine: AsyncEngine
) -> TeamBook:
    """Five clients of two advisors with holdings and flows; three there before the quarter
    (one churned, one dormant within it), a tier raised, three survey answers (bad ones
    refused), two call tasks done (one breached)."""
    metadata = SYSTEM_ACTOR.to_metadata()
    now = datetime.now(UTC)
    period = quarter_of(now)
    quarter_start = datetime(now.year, 3 * ((now.month - 1) // 3) + 1, 1, tzinfo=UTC)
    team = f"team-k{uuid.uuid4().hex[:6]}"
    advisors = [f"adv-k{uuid.uuid4().hex[:4]}", f"adv-k{uuid.uuid4().hex[:4]}"]
    ids = []
    for index in range(5):
        client = await create_client(services.clients, advisor_id=advisors[index % 2], team_id=team)
        ids.append(client.id)
        await services.clients.UpsertHolding(
            clients_pb2.UpsertHoldingRequest(
                client_id=client.id,
                holding=clients_pb2.Holding(
                    product_code="P1",
                    product_name="货币基金",
                    units="1",
                    market_value=f"{(index + 1) * 100000}.00",
                    currency="CNY",
                ),
            ),
            metadata=metadata,
        )
        for kind, amount in (("subscription", "30000"), ("redemption", "10000")):
            tx = clients_pb2.Transaction(
                external_id=f"k-{client.id}-{kind}",
                kind=kind,
                product_code="P1",
                amount=amount,
                currency="CNY",
            )
            tx.occurred_at.FromDatetime(now - timedelta(minutes=5))
            await services.clients.RecordTransaction(
                clients_pb2.RecordTransactionRequest(client_id=client.id, transaction=tx),
                metadata=metadata,
            )
    # Three clients were there before the quarter; two are new. One of the old ones churned
    # this quarter and one is dormant. A relationship begins when the client signed, whenever
    # the record was written (an imported book): the three signed before the quarter, their
    # records written just now.
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE clients.clients SET signed_on = :on WHERE id = ANY(:ids)"),
            {
                "on": (quarter_start - timedelta(days=30)).date(),
                "ids": [uuid.UUID(i) for i in ids[:3]],
            },
        )
    for client_id, stage in ((ids[0], "CHURNED"), (ids[1], "DORMANT")):
        await services.clients.SetLifecycleStage(
            clients_pb2.SetLifecycleStageRequest(client_id=client_id, stage=stage, reason="t"),
            metadata=metadata,
        )
    await services.clients.OverrideTier(
        clients_pb2.OverrideTierRequest(client_id=ids[2], tier="STRATEGIC", reason="t"),
        metadata=token_metadata("mgr", "manager", team),
    )
    manager = token(f"mgr-{team}", "manager", team=team)
    for client_id, score in zip(ids[2:], (10, 9, 3), strict=True):
        answered = await gateway.post(
            f"/v1/clients/{client_id}/survey-answers",
            headers=manager,
            json={"score": score, "channel": "portal"},
        )
        assert answered.status_code == 201, answered.text
    bad = await gateway.post(
        f"/v1/clients/{ids[2]}/survey-answers", headers=manager, json={"score": 11}
    )
    assert bad.status_code == 422
    other = await gateway.post(
        f"/v1/clients/{ids[2]}/survey-answers",
        headers=token("adv-x", "advisor"),
        json={"score": 5},
    )
    assert other.status_code == 404
    for number, breached in ((1, False), (2, True)):
        task = workflows_pb2.Task(
            workflow_id=f"call-client/{ids[3]}/k{number}",
            task_id="call",
            process_kind="call-client",
            title="Call",
            client_id=ids[3],
            team_id=team,
            status="done",
            sla="2 business days",
            revision=1,
        )
        task.created_at.FromDatetime(now - timedelta(hours=10))
        task.updated_at.FromDatetime(now - timedelta(hours=4))
        if breached:
            task.breached_at.FromDatetime(now - timedelta(hours=5))
        await services.tasks.ProjectTask(task, metadata=metadata)

    return TeamBook(team, advisors, period)


async def the_figures_are_right(gateway: httpx.AsyncClient, book: TeamBook) -> None:
    team, advisors, period, manager = book.team, book.advisors, book.period, book.manager
    reply = await gateway.get("/v1/dashboards/kpis", params={"period": period}, headers=manager)
    assert reply.status_code == 200, reply.text
    kpis = reply.json()
    assert kpis["scope"] == {"advisor_id": "", "team_id": team}
    # AUM excludes the churned client: 200k + 300k + 400k + 500k.
    assert kpis["aum"]["total"] == "1400000.00" and kpis["aum"]["clients"] == 4
    assert kpis["aum"]["by_tier"]["STRATEGIC"] == "300000.00"
    assert {a["advisor_id"] for a in kpis["aum"]["by_advisor"]} == set(advisors)
    [month] = kpis["net_flows"]["by_month"]
    assert (month["inflow"], month["outflow"], month["net"]) == (
        "150000.00",
        "50000.00",
        "100000.00",
    )
    assert kpis["net_flows"]["by_quarter"] == [{"quarter": period, "net": "100000.00"}]
    assert kpis["clients"] == {
        "at_start": 3,
        "at_end": 4,
        "new": 2,
        "churned": 1,
        "retention_rate": 0.6667,
        "churn_rate": 0.3333,
        "dormant": 1,
    }
    assert {"from": "GROWTH", "to": "STRATEGIC", "clients": 1} in kpis["tiers"]["migrations"]
    [calls] = [t for t in kpis["tasks"] if t["process_kind"] == "call-client"]
    assert (calls["completed"], calls["on_time"], calls["sla_compliance"]) == (2, 1, 0.5)
    assert calls["mean_hours_to_complete"] == 6.0
    nps = dict(kpis["nps"])
    by_advisor, by_team = nps.pop("by_advisor"), nps.pop("by_team")
    assert nps == {
        "responses": 3,
        "promoters": 2,
        "passives": 0,
        "detractors": 1,
        "score": 33.3,
    }
    assert sum(a["responses"] for a in by_advisor) == 3
    assert [t["score"] for t in by_team] == [33.3]


async def each_role_sees_its_own_scope(gateway: httpx.AsyncClient, book: TeamBook) -> None:
    team, advisors, period, manager = book.team, book.advisors, book.period, book.manager
    mine = await gateway.get(
        "/v1/dashboards/kpis",
        params={"period": period},
        headers=token(advisors[0], "advisor", team=team),
    )
    assert mine.json()["scope"]["advisor_id"] == advisors[0]
    assert [a["advisor_id"] for a in mine.json()["aum"]["by_advisor"]] == [advisors[0]]
    peek = await gateway.get(
        "/v1/dashboards/kpis",
        params={"period": period, "advisor_id": advisors[1]},
        headers=token(advisors[0], "advisor", team=team),
    )
    assert peek.status_code == 403
    other_team = await gateway.get(
        "/v1/dashboards/kpis", params={"period": period, "team_id": "team-x"}, headers=manager
    )
    assert other_team.status_code == 403
    firm = await gateway.get(
        "/v1/dashboards/kpis",
        params={"period": period, "team_id": team},
        headers=token("ptr-1", "partner"),
    )
    assert firm.json()["aum"]["total"] == "1400000.00"
    assert (
        await gateway.get("/v1/dashboards/kpis", params={"period": "2026Q5"}, headers=manager)
    ).status_code == 422


async def csv_and_xlsx_exports_carry_the_figures(
    gateway: httpx.AsyncClient, book: TeamBook
) -> None:
    period, manager = book.period, book.manager
    exported = await gateway.get(
        "/v1/dashboards/kpis", params={"period": period, "format": "csv"}, headers=manager
    )
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "metric", "value"]
    assert ["aum", "total", "1400000.00"] in rows and ["nps", "score", "33.3"] in rows
    workbook = await gateway.get(
        "/v1/dashboards/kpis", params={"period": period, "format": "xlsx"}, headers=manager
    )
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    values = {(r[0], r[1]): r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[("clients", "retention_rate")] == 0.6667


async def test_kpis_for_a_team_scoped_by_role_and_exported(
    gateway: httpx.AsyncClient, stack: Stack, engine: AsyncEngine
) -> None:
    book = await build_book(gateway, stack.services, engine)
    await the_figures_are_right(gateway, book)
    await each_role_sees_its_own_scope(gateway, book)
    await csv_and_xlsx_exports_carry_the_figures(gateway, book)


def token_metadata(user: str, role: str, team: str) -> tuple[tuple[str, str], ...]:
    from services.common.identity import Actor, Role

    return Actor(user_id=user, roles=frozenset({Role(role)}), team_id=team).to_metadata()


async def test_the_read_only_connection_refuses_writes(database_url: str) -> None:
    engine = create_engine(database_url, pool_size=1, read_only=True, instrument=False)
    try:
        async with engine.connect() as connection:
            with pytest.raises(DBAPIError, match="read-only"):
                await connection.execute(text("UPDATE clients.clients SET name = name WHERE false"))
    finally:
        await engine.dispose()
