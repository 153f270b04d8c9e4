"""The accountant's quarter-end upload: holdings and transactions from a spreadsheet, every
row validated like the single-record API, bad rows reported by row, column and value, and
nothing written when all-or-nothing meets a bad row."""

from __future__ import annotations

import csv
import io
import uuid

import httpx
from clientflow.clients.v1 import clients_pb2

from services.common.identity import SYSTEM_ACTOR
from tests.support import Stack, create_client, token

ACCOUNTANT = token("acc-qian", "accountant")


def sheet(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "类型",
            "客户编号",
            "产品代码",
            "产品名称",
            "份额",
            "市值",
            "估值日",
            "交易编号",
            "交易类型",
            "金额",
            "交易时间",
        ]
    )
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


async def test_positions_upload_reports_bad_rows_and_then_writes_the_good_file(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    services = stack.services
    number = f"C-{uuid.uuid4().hex[:8]}"
    client = await create_client(
        services.clients,
        fields=clients_pb2.ClientFields(
            external_ids=[clients_pb2.ExternalId(source="custodian", external_id=number)]
        ),
    )
    tx = f"T-{uuid.uuid4().hex[:8]}"
    good = [
        ["持仓", number, "P1", "稳健增长一号", "1000", "120000.50", "2026-09-30", "", "", "", ""],
        [
            "交易",
            number,
            "P1",
            "",
            "",
            "",
            "",
            tx,
            "subscription",
            "50000",
            "2026-08-03T10:00:00+08:00",
        ],
    ]
    bad = [
        *good,
        ["持仓", number, "P2", "", "-5", "100", "2026-09-30", "", "", "", ""],
        ["交易", "C-nobody", "P1", "", "", "", "", "T-x", "subscription", "1", "2026-08-03"],
        ["bonus", number, "", "", "", "", "", "", "", "", ""],
    ]

    async def upload(content: bytes, headers: dict[str, str] = ACCOUNTANT) -> httpx.Response:
        return await gateway.post(
            "/v1/clients:import-positions",
            headers=headers,
            files={"file": ("positions.csv", content, "text/csv")},
        )

    rejected = await upload(sheet(bad))
    assert rejected.status_code == 422, rejected.text
    report = rejected.json()["report"]
    assert (report["rows"], report["rejected"], report["committed"]) == (5, 3, False)
    by_row = {e["row"]: e for e in report["errors"]}
    assert (by_row[4]["column"], by_row[4]["value"]) == ("份额", "-5")
    assert (by_row[5]["column"], by_row[5]["value"]) == ("客户编号", "C-nobody")
    assert by_row[5]["message"] == "matches no client"
    assert (by_row[6]["column"], by_row[6]["value"]) == ("类型", "bonus")
    holdings = await services.clients.ListHoldings(
        clients_pb2.ClientPageRequest(client_id=client.id), metadata=SYSTEM_ACTOR.to_metadata()
    )
    assert list(holdings.holdings) == []  # all or nothing: the good rows were not written

    assert (await upload(sheet(good), token("adv-1", "advisor"))).status_code == 403
    accepted = await upload(sheet(good))
    assert accepted.status_code == 200, accepted.text
    assert (accepted.json()["created"], accepted.json()["committed"]) == (2, True)
    holdings = await services.clients.ListHoldings(
        clients_pb2.ClientPageRequest(client_id=client.id), metadata=SYSTEM_ACTOR.to_metadata()
    )
    assert [(h.product_code, h.market_value) for h in holdings.holdings] == [("P1", "120000.50")]
    again = await upload(sheet(good))  # the same file twice: the same records
    assert again.status_code == 200
    transactions = await services.clients.ListTransactions(
        clients_pb2.ClientPageRequest(client_id=client.id), metadata=SYSTEM_ACTOR.to_metadata()
    )
    assert [t.external_id for t in transactions.transactions] == [tx]
