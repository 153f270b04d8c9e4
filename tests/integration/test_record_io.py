"""Records through spreadsheets and computed fields, on the real services through the
gateway: an import is every row or none with a report naming row, column and value; an
export holds what the list would show the caller and nothing else; a computed field is
worked out when read and cannot be written, filtered or sorted on; totals by team and month
are the caller's own; a GP's LPs with more than two invested projects are a segment, and the
projects are listed in the LP's quarterly report."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import httpx
from clientflow.reporting.v1 import reporting_pb2
from pypdf import PdfReader

from services.common.identity import Role
from tests.integration.test_custom_records import ADMIN, order_type
from tests.support import Stack, actor, token


def rebate_type(key: str) -> dict[str, Any]:
    document = order_type(key)
    document["fields"].append(
        {
            "key": "rebate",
            "type": "computed",
            "label": {"zh-CN": "返利", "en": "Rebate"},
            "expression": "record.amount >= 1000000.0 ? record.amount * 0.02 : 0.0",
        }
    )
    return document


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


async def test_orders_in_and_out_of_spreadsheets_with_a_computed_rebate(
    gateway: httpx.AsyncClient,
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key = f"io_{suffix}"
    team = f"io-{suffix}"
    put = await gateway.put(
        f"/v1/record-types/{key}", headers=ADMIN, json={"document": rebate_type(key)}
    )
    assert put.status_code == 200, put.text
    manager = token(f"mgr-{suffix}", "manager", team=team)
    advisor = token(f"adv-{suffix}", "advisor", team=team)
    stranger = token(f"adv-x-{suffix}", "advisor", team=f"else-{suffix}")
    mine = await gateway.post(
        "/v1/clients", headers=advisor, json={"name": f"经销商甲{suffix}", "team_id": team}
    )
    theirs = await gateway.post(
        "/v1/clients",
        headers=stranger,
        json={"name": f"经销商乙{suffix}", "team_id": f"else-{suffix}"},
    )
    assert mine.status_code == theirs.status_code == 201
    client, other = mine.json()["id"], theirs.json()["id"]
    path = f"/v1/records/{key}"
    header = ["client_id", "产品", "Amount", "ordered_on", "编号"]

    # Bad rows: nothing is written, each named by row, column and value.
    bad = _csv(
        [
            header,
            [client, "甲", "1,200,000", "2026-11-02", f"{suffix}-1"],
            [client, "乙", "lots", "2026-11-03", f"{suffix}-2"],
            [other, "丙", "5", "2026-11-03", f"{suffix}-3"],
            [client, "丁", "7", "03/11/2026", f"{suffix}-4"],
            [client, "戊", "8", "2026-11-05", f"{suffix}-1"],
        ]
    )
    refused = await gateway.post(
        f"{path}/import", headers=manager, files={"file": ("orders.csv", bad, "text/csv")}
    )
    assert refused.status_code == 422, refused.text
    report = refused.json()["report"]
    assert report["committed"] is False and report["rows"] == 5
    errors = {(e["row"], e["column"], e["value"]) for e in report["errors"]}
    assert errors == {
        (3, "Amount", "lots"),
        (4, "client_id", other),
        (5, "ordered_on", "03/11/2026"),
        (6, "编号", f"{suffix}-1"),
    }
    assert (await gateway.get(path, headers=manager)).json()["items"] == []
    # An advisor does not import; a file without a client column is refused whole.
    assert (
        await gateway.post(
            f"{path}/import", headers=advisor, files={"file": ("o.csv", bad, "text/csv")}
        )
    ).status_code == 403
    no_client = await gateway.post(
        f"{path}/import",
        headers=manager,
        files={"file": ("o.csv", _csv([["产品"], ["x"]]), "text/csv")},
    )
    assert no_client.status_code == 400 and no_client.json()["errors"][0]["field"] == "file"

    good = _csv(
        [
            header,
            [client, "甲", "1,200,000", "2026-11-02", f"{suffix}-1"],
            [client, "乙", "300 USD", "2026-11-03", f"{suffix}-2"],
        ]
    )
    imported = await gateway.post(
        f"{path}/import", headers=manager, files={"file": ("orders.csv", good, "text/csv")}
    )
    assert imported.status_code == 200, imported.text
    assert imported.json()["created"] == 2 and imported.json()["committed"] is True

    # The computed rebate: read, never written, never filtered on.
    listed = await gateway.get(path, headers=advisor, params={"sort": "-amount"})
    items = listed.json()["items"]
    assert [i["fields"]["rebate"] for i in items] == [24000, 0]
    assert items[1]["fields"]["amount"] == {"amount": 300, "currency": "USD"}
    written = await gateway.patch(
        f"{path}/{items[0]['id']}", headers=advisor, json={"fields": {"rebate": 1}}
    )
    assert written.status_code == 400
    assert written.json()["errors"][0]["field"] == "fields.rebate"
    filtered = await gateway.get(path, headers=advisor, params={"filter": ["rebate:gt:0"]})
    assert filtered.status_code == 400 and filtered.json()["errors"][0]["field"] == "filter"
    changed = await gateway.patch(
        f"{path}/{items[1]['id']}", headers=advisor, json={"fields": {"amount": 2_000_000}}
    )
    assert changed.json()["fields"]["rebate"] == 40000

    # The export holds what the list shows the caller, titled in their language.
    exported = await gateway.get(
        f"{path}/export",
        headers=advisor,
        params={"format": "csv", "locale": "zh-CN", "filter": ["amount:gte:1000000"]},
    )
    assert exported.status_code == 200, exported.text
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == ["id", "client_id", "产品", "金额", "下单日期", "编号", "返利"]
    assert sorted(r[2] for r in rows[1:]) == ["乙", "甲"]
    assert {r[1] for r in rows[1:]} == {client}
    elsewhere = await gateway.get(f"{path}/export", headers=stranger, params={"format": "csv"})
    assert elsewhere.status_code == 200
    assert len(list(csv.reader(io.StringIO(elsewhere.content.decode("utf-8-sig"))))) == 1
    one_client = await gateway.get(
        f"{path}/export", headers=stranger, params={"format": "xlsx", "client_id": client}
    )
    assert one_client.status_code == 200  # the other's client: an empty sheet, no rows
    audit = await gateway.get(f"/v1/clients/{client}/audit", headers=ADMIN)
    assert sum(e["entity"] == "record" for e in audit.json()["items"]) >= 3


async def test_order_totals_by_team_and_month_are_the_callers_own(
    gateway: httpx.AsyncClient,
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key = f"sum_{suffix}"
    put = await gateway.put(
        f"/v1/record-types/{key}", headers=ADMIN, json={"document": order_type(key)}
    )
    assert put.status_code == 200, put.text
    teams = {"north": f"n-{suffix}", "south": f"s-{suffix}"}
    managers = {}
    for name, team in teams.items():
        managers[name] = token(f"mgr-{name}-{suffix}", "manager", team=team)
        made = await gateway.post(
            "/v1/clients", headers=managers[name], json={"name": f"{name}{suffix}", "team_id": team}
        )
        assert made.status_code == 201, made.text
        orders = [("2026-10-03", 1_000_000), ("2026-11-04", 2_000_000), ("2026-11-20", 500_000)]
        if name == "south":
            orders = orders[:1]
        for on, amount in orders:
            created = await gateway.post(
                f"/v1/records/{key}",
                headers=managers[name],
                json={
                    "client_id": made.json()["id"],
                    "fields": {"product": "p", "amount": amount, "ordered_on": on},
                },
            )
            assert created.status_code == 201, created.text
    params = {
        "measure": "amount",
        "date_field": "ordered_on",
        "group_by": ["team", "month"],
    }
    firm = await gateway.get(f"/v1/records/{key}/totals", headers=ADMIN, params=params)
    assert firm.status_code == 200, firm.text
    assert [(t["team_id"], t["period"], t["count"], t["sum"]) for t in firm.json()["items"]] == [
        (teams["north"], "2026-10", 1, 1_000_000),
        (teams["north"], "2026-11", 2, 2_500_000),
        (teams["south"], "2026-10", 1, 1_000_000),
    ]
    assert {t["currency"] for t in firm.json()["items"]} == {"CNY"}
    south = await gateway.get(f"/v1/records/{key}/totals", headers=managers["south"], params=params)
    assert [t["team_id"] for t in south.json()["items"]] == [teams["south"]]
    quarter = await gateway.get(
        f"/v1/records/{key}/totals",
        headers=managers["north"],
        params={"group_by": ["quarter"], "filter": ["amount:gte:1000000"]},
    )
    assert [(t["period"], t["count"]) for t in quarter.json()["items"]] == [
        (quarter.json()["items"][0]["period"], 2)
    ]
    wrong = await gateway.get(
        f"/v1/records/{key}/totals", headers=ADMIN, params={"measure": "product"}
    )
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "measure"


async def test_an_lps_invested_projects_in_a_segment_and_its_quarterly_report(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    key = f"invested_{suffix}"
    document = {
        "key": key,
        "name": {"zh-CN": "已投项目", "en": "Invested projects"},
        "fields": [
            {"key": "project", "type": "text", "label": {"zh-CN": "项目", "en": "Project"}},
            {"key": "amount", "type": "money", "label": {"zh-CN": "金额", "en": "Amount"}},
            {"key": "on", "type": "date", "label": {"zh-CN": "投资日期", "en": "Invested on"}},
        ],
        "title_field": "project",
        "list_columns": ["project", "amount", "on"],
        "report": True,
    }
    put = await gateway.put(f"/v1/record-types/{key}", headers=ADMIN, json={"document": document})
    assert put.status_code == 200, put.text
    lps = []
    for name, projects in (("甲", 3), ("乙", 1)):
        made = await gateway.post(
            "/v1/clients", headers=ADMIN, json={"name": f"有限合伙人{name}{suffix}"}
        )
        lps.append(made.json()["id"])
        for number in range(projects):
            created = await gateway.post(
                f"/v1/records/{key}",
                headers=ADMIN,
                json={
                    "client_id": made.json()["id"],
                    "fields": {
                        "project": f"项目{name}{number}",
                        "amount": 10_000_000 * (number + 1),
                        "on": f"2026-0{number + 1}-15",
                    },
                },
            )
            assert created.status_code == 201, created.text
    more_than_two = {"records": [{"type": key, "count_gte": 3}]}
    counted = await gateway.post("/v1/segments:count", headers=ADMIN, json=more_than_two)
    assert counted.json() == {"count": 1}
    artifact = await stack.services.reporting.RenderClientReport(
        reporting_pb2.RenderClientReportRequest(client_id=lps[0], period="2026Q3"),
        metadata=actor("admin-1", Role.ADMIN).to_metadata(),
    )
    pdf = await gateway.get(f"/v1/artifacts/{artifact.id}/content", headers=ADMIN)
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "已投项目" in text and "投资日期" in text
    assert all(f"项目甲{n}" in text for n in range(3))
    assert "CNY 30,000,000.00" in text


async def test_saved_views_are_their_owners_alone(gateway: httpx.AsyncClient) -> None:
    suffix = uuid.uuid4().hex[:6]
    key = f"views_{suffix}"
    put = await gateway.put(
        f"/v1/record-types/{key}", headers=ADMIN, json={"document": order_type(key)}
    )
    assert put.status_code == 200, put.text
    mine = token(f"adv-v-{suffix}", "advisor")
    theirs = token(f"adv-w-{suffix}", "advisor")
    path = f"/v1/records/{key}/views"
    big = {"name": "本月大额订单", "filters": ["amount:gte:1000000"], "sort": "-amount"}
    saved = await gateway.post(path, headers=mine, json=big)
    assert saved.status_code == 201, saved.text
    again = await gateway.post(path, headers=mine, json={**big, "sort": "ordered_on"})
    assert again.json()["id"] == saved.json()["id"] and again.json()["sort"] == "ordered_on"
    listed = await gateway.get(path, headers=mine)
    assert [(v["name"], v["filters"]) for v in listed.json()["items"]] == [
        ("本月大额订单", ["amount:gte:1000000"])
    ]
    assert (await gateway.get(path, headers=theirs)).json()["items"] == []
    view = f"{path}/{saved.json()['id']}"
    assert (await gateway.delete(view, headers=theirs)).status_code == 404
    wrong = await gateway.post(path, headers=mine, json={**big, "filters": ["colour:eq:red"]})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "filter"
    assert (await gateway.delete(view, headers=mine)).status_code == 200
    assert (await gateway.get(path, headers=mine)).json()["items"] == []
