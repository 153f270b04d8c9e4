"""Valuation history through the gateway: positions imports for two month-ends (a product
left out of a date's file is closed on that date; importing a date again replaces that date
only), the value series, holdings as of any date, performance with a redemption, and AUM
series for a team, a book and the firm — each as its viewer's scope allows."""

from __future__ import annotations

import csv
import io
import uuid

import httpx
import pytest
from clientflow.clients.v1 import clients_pb2

from tests.support import Stack, create_client, token

ACCOUNTANT = token("acc-val", "accountant")
ADMIN = token("admin-val", "admin")
HEADER = [
    "type",
    "client_external_id",
    "product_code",
    "product_name",
    "units",
    "market_value",
    "as_of",
    "transaction_id",
    "kind",
    "amount",
    "occurred_at",
]


def sheet(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def holding(number: str, code: str, value: str, day: str) -> list[str]:
    return ["holding", number, code, f"产品 {code}", "100", value, day, "", "", "", ""]


async def test_history_series_holdings_as_of_performance_and_aum(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    team, advisor, number = f"team-v{suffix}", f"adv-v{suffix}", f"V-{suffix}"
    client = await create_client(
        stack.services.clients,
        advisor_id=advisor,
        team_id=team,
        fields=clients_pb2.ClientFields(
            external_ids=[clients_pb2.ExternalId(source="custodian", external_id=number)]
        ),
    )

    async def upload(rows: list[list[str]]) -> None:
        answer = await gateway.post(
            "/v1/clients:import-positions",
            headers=ACCOUNTANT,
            files={"file": ("positions.csv", sheet(rows), "text/csv")},
        )
        assert answer.status_code == 200, answer.text

    await upload(
        [holding(number, "F1", "1000", "2026-01-31"), holding(number, "F2", "500", "2026-01-31")]
    )
    # February: F2 is sold (redeemed for 600 on the 28th) and left out of the file; F1 grew.
    redemption = [
        "transaction",
        number,
        "F2",
        "",
        "",
        "",
        "",
        f"R-{suffix}",
        "redemption",
        "600",
        "2026-02-28T15:00:00+08:00",
    ]
    await upload([holding(number, "F1", "1100", "2026-02-28"), redemption])
    # January again, corrected: F2 was worth 600. Only January changes.
    await upload(
        [holding(number, "F1", "1000", "2026-01-31"), holding(number, "F2", "600", "2026-01-31")]
    )

    base = f"/v1/clients/{client.id}"
    series = (await gateway.get(f"{base}/valuations", headers=ADMIN)).json()["points"]
    assert [(p["as_of"], p["market_value"]) for p in series] == [
        ("2026-01-31", "1600.00"),
        ("2026-02-28", "1100.00"),
    ]
    mid = (await gateway.get(f"{base}/valuations/2026-02-15", headers=ADMIN)).json()
    assert [(h["product_code"], h["market_value"], h["valued_on"]) for h in mid["items"]] == [
        ("F1", "1000.00", "2026-01-31"),
        ("F2", "600.00", "2026-01-31"),
    ]
    later = (await gateway.get(f"{base}/valuations/2026-03-01", headers=ADMIN)).json()
    assert [h["product_code"] for h in later["items"]] == ["F1"]
    today = (await gateway.get(f"{base}/holdings", headers=ADMIN)).json()["items"]
    assert [(h["product_code"], h["market_value"]) for h in today] == [("F1", "1100.00")]

    figures = (await gateway.get(f"{base}/performance", headers=ADMIN)).json()["figures"]
    whole = next(f for f in figures if f["product_code"] is None)
    # (1100 - 1600 + 600) / 1600: the redemption is a flow, not a loss.
    assert whole["twr"] == pytest.approx(0.0625)
    assert whole["net_flows"] == "-600.00" and whole["mwr"] > 0
    f1 = next(f for f in figures if f["product_code"] == "F1")
    assert f1["twr"] == pytest.approx(0.10)

    # AUM: the team (its manager, or an admin), the book (its advisor), never more.
    expected = [("2026-01-31", "1600.00"), ("2026-02-28", "1100.00")]
    for headers, params in (
        (ADMIN, {"team_id": team}),
        (token(f"mgr-{suffix}", "manager", team=team), {}),
        (token(advisor, "advisor"), {}),
        (token(advisor, "advisor"), {"team_id": "some-other-team"}),  # still their book
        (ADMIN, {"advisor_id": advisor}),
    ):
        answer = await gateway.get("/v1/aum-series", headers=headers, params=params)
        assert answer.status_code == 200, answer.text
        got = [(p["as_of"], p["market_value"]) for p in answer.json()["points"]]
        assert got == expected, (headers, params)
    firm = (await gateway.get("/v1/aum-series", headers=ADMIN)).json()["points"]
    assert {p["as_of"] for p in firm} >= {"2026-01-31", "2026-02-28"}
    windowed = await gateway.get(
        "/v1/aum-series", headers=ADMIN, params={"team_id": team, "from": "2026-02-01"}
    )
    assert [p["as_of"] for p in windowed.json()["points"]] == ["2026-02-28"]
    other = token(f"adv-x{suffix}", "advisor")
    assert (await gateway.get("/v1/aum-series", headers=other)).json()["points"] == []
    assert (await gateway.get(f"{base}/valuations", headers=other)).status_code == 404
    assert (await gateway.get(f"{base}/performance", headers=other)).status_code == 404
    elsewhere = token(f"mgr-y{suffix}", "manager", team=f"team-y{suffix}")
    refused = await gateway.get("/v1/aum-series", headers=elsewhere, params={"team_id": team})
    assert refused.status_code == 400 and "team_id" in refused.text

    backwards = await gateway.get(
        f"{base}/valuations", headers=ADMIN, params={"from": "2026-03-01", "to": "2026-01-01"}
    )
    assert backwards.status_code == 400 and "2026-03-01" in backwards.text
    assert (await gateway.get(f"{base}/valuations/2026-13-01", headers=ADMIN)).status_code == 422
