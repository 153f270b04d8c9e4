"""Holdings, transactions and interactions: AUM, idempotency, last activity, the 360° view."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.support import token

ADMIN = token("admin-act", "admin")


async def new_client(http: httpx.AsyncClient) -> str:
    response = await http.post(
        "/v1/clients", json={"name": "钱多多", "advisor_id": "adv-act"}, headers=ADMIN
    )
    return str(response.json()["id"])


def tx(
    external_id: str,
    kind: str = "subscription",
    amount: str = "1000.00",
    when: str = "2026-10-01T08:00:00Z",
) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "kind": kind,
        "amount": amount,
        "occurred_at": when,
        "product_code": "F1",
    }


class TestTransactions:
    async def test_the_same_external_id_twice_is_one_transaction(
        self, gateway: httpx.AsyncClient
    ) -> None:
        client = await new_client(gateway)
        external_id = f"T-{uuid.uuid4().hex}"
        first = await gateway.post(
            f"/v1/clients/{client}/transactions", json=tx(external_id), headers=ADMIN
        )
        again = await gateway.post(
            f"/v1/clients/{client}/transactions", json=tx(external_id), headers=ADMIN
        )
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.json()["id"] == again.json()["id"]
        listed = (await gateway.get(f"/v1/clients/{client}/transactions", headers=ADMIN)).json()[
            "items"
        ]
        assert len(listed) == 1

    async def test_the_same_id_with_other_details_is_a_conflict(
        self, gateway: httpx.AsyncClient
    ) -> None:
        client = await new_client(gateway)
        external_id = f"T-{uuid.uuid4().hex}"
        await gateway.post(
            f"/v1/clients/{client}/transactions", json=tx(external_id), headers=ADMIN
        )
        clash = await gateway.post(
            f"/v1/clients/{client}/transactions", json=tx(external_id, amount="5.00"), headers=ADMIN
        )
        assert clash.status_code == 409
        assert clash.json()["errors"][0]["field"] == "transaction.external_id"
        assert "amount" in clash.json()["detail"]
        other = {**tx(external_id), "product_code": "F2", "occurred_at": "2026-10-02T08:00:00Z"}
        moved = await gateway.post(f"/v1/clients/{client}/transactions", json=other, headers=ADMIN)
        assert moved.status_code == 409
        assert "product_code, occurred_at" in moved.json()["detail"]

    async def test_a_transaction_moves_last_activity_forward_only(
        self, gateway: httpx.AsyncClient
    ) -> None:
        client = await new_client(gateway)
        await gateway.post(
            f"/v1/clients/{client}/transactions",
            json=tx(uuid.uuid4().hex, when="2026-09-01T00:00:00Z"),
            headers=ADMIN,
        )
        await gateway.post(
            f"/v1/clients/{client}/transactions",
            json=tx(uuid.uuid4().hex, when="2026-03-01T00:00:00Z"),
            headers=ADMIN,
        )
        got = (await gateway.get(f"/v1/clients/{client}", headers=ADMIN)).json()
        assert got["last_activity_at"].startswith("2026-09-01")

    async def test_future_transactions_are_refused(self, gateway: httpx.AsyncClient) -> None:
        client = await new_client(gateway)
        response = await gateway.post(
            f"/v1/clients/{client}/transactions",
            json=tx(uuid.uuid4().hex, when="2099-01-01T00:00:00Z"),
            headers=ADMIN,
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "transaction.occurred_at"


class TestView:
    async def test_the_360_view_in_one_call(self, gateway: httpx.AsyncClient) -> None:
        client = await new_client(gateway)
        for code, value in (("F1", "600000.00"), ("F2", "400000.00")):
            response = await gateway.put(
                f"/v1/clients/{client}/holdings/{code}",
                json={"units": "100", "market_value": value},
                headers=ADMIN,
            )
            assert response.status_code == 200, response.text
        await gateway.put(
            f"/v1/clients/{client}/holdings/F2",
            json={"units": "100", "market_value": "500000.00"},
            headers=ADMIN,
        )
        recent = "2026-11-01T00:00:00Z"
        await gateway.post(
            f"/v1/clients/{client}/transactions",
            json=tx(uuid.uuid4().hex, amount="300000.00", when=recent),
            headers=ADMIN,
        )
        await gateway.post(
            f"/v1/clients/{client}/transactions",
            json=tx(uuid.uuid4().hex, kind="redemption", amount="50000.00", when=recent),
            headers=ADMIN,
        )
        await gateway.post(
            f"/v1/clients/{client}/interactions",
            json={"channel": "meeting", "summary": "季度回顾"},
            headers=ADMIN,
        )
        await gateway.post(
            f"/v1/clients/{client}/related-persons",
            json={"name": "钱太太", "role": "decision_maker"},
            headers=ADMIN,
        )
        view = (await gateway.get(f"/v1/clients/{client}/view", headers=ADMIN)).json()
        assert view["holdings"]["aum"] == "1100000.00" and view["holdings"]["count"] == 2
        assert [h["product_code"] for h in view["holdings"]["top"]] == ["F1", "F2"]
        assert view["client"]["aum"] == "1100000.00"
        assert view["net_flows_12m"] == "250000.00"
        assert [i["summary"] for i in view["recent_interactions"]] == ["季度回顾"]
        assert len(view["recent_transactions"]) == 2
        assert view["related_persons"][0]["name"] == "钱太太"
        assert view["tier_reason"] is None
