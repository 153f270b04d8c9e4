"""Requests a caller may safely repeat, and values a request type refuses, through the gateway:
a client create retried with its Idempotency-Key (its answer lost), an external id that
already names a client the caller may see, a request id reused with other fields, and a
redemption's amount bounded by zero and by the client's holding."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from tests.support import Stack, create_client, token

ADMIN = token("admin-retry", "admin")


def _advisor() -> tuple[str, dict[str, str]]:
    user = f"adv-{uuid.uuid4().hex[:6]}"
    return user, token(user, "advisor")


class TestCreateClientIdempotencyKey:
    async def test_the_same_key_and_body_return_the_first_client(
        self, gateway: httpx.AsyncClient
    ) -> None:
        _, me = _advisor()
        key = {"Idempotency-Key": f"create-{uuid.uuid4()}"}
        phone = f"139{uuid.uuid4().int % 10**8:08d}"
        body = {"name": "重试客户", "phone": phone}
        first = await gateway.post("/v1/clients", headers=me | key, json=body)
        again = await gateway.post("/v1/clients", headers=me | key, json=body)
        assert first.status_code == 201, first.text
        assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
        listed = (await gateway.get(f"/v1/clients:search?q={phone}", headers=me)).json()
        assert [c["id"] for c in listed["items"]] == [first.json()["id"]]

    async def test_the_same_key_with_another_body_is_409_naming_the_key(
        self, gateway: httpx.AsyncClient
    ) -> None:
        _, me = _advisor()
        key = {"Idempotency-Key": f"create-{uuid.uuid4()}"}
        first = await gateway.post("/v1/clients", headers=me | key, json={"name": "甲"})
        other = await gateway.post("/v1/clients", headers=me | key, json={"name": "乙"})
        assert first.status_code == 201
        assert other.status_code == 409
        assert other.json()["errors"][0]["field"] == "Idempotency-Key"

    async def test_concurrent_retries_create_one_client(self, gateway: httpx.AsyncClient) -> None:
        _, me = _advisor()
        key = {"Idempotency-Key": f"create-{uuid.uuid4()}"}
        answers = await asyncio.gather(
            *(
                gateway.post("/v1/clients", headers=me | key, json={"name": "并发"})
                for _ in range(4)
            )
        )
        assert {a.status_code for a in answers} == {201}
        assert len({a.json()["id"] for a in answers}) == 1

    async def test_a_key_is_the_callers_own(self, gateway: httpx.AsyncClient) -> None:
        _, me = _advisor()
        _, other = _advisor()
        key = {"Idempotency-Key": f"create-{uuid.uuid4()}"}
        mine = await gateway.post("/v1/clients", headers=me | key, json={"name": "丙"})
        theirs = await gateway.post("/v1/clients", headers=other | key, json={"name": "丙"})
        assert mine.status_code == theirs.status_code == 201
        assert mine.json()["id"] != theirs.json()["id"]


class TestExternalIdConflict:
    async def test_names_the_client_to_a_caller_who_may_see_it(
        self, gateway: httpx.AsyncClient
    ) -> None:
        _, me = _advisor()
        external = {"external_ids": [{"source": "crm", "external_id": uuid.uuid4().hex}]}
        first = await gateway.post("/v1/clients", headers=me, json={"name": "丁"} | external)
        retry = await gateway.post("/v1/clients", headers=me, json={"name": "丁"} | external)
        assert retry.status_code == 409
        assert retry.json()["existing_client_id"] == first.json()["id"]
        assert first.json()["id"] in retry.json()["detail"]

    async def test_says_nothing_of_a_client_the_caller_may_not_see(
        self, gateway: httpx.AsyncClient
    ) -> None:
        _, me = _advisor()
        _, other = _advisor()
        external = {"external_ids": [{"source": "crm", "external_id": uuid.uuid4().hex}]}
        first = await gateway.post("/v1/clients", headers=me, json={"name": "戊"} | external)
        theirs = await gateway.post("/v1/clients", headers=other, json={"name": "戊"} | external)
        assert theirs.status_code == 409
        assert "existing_client_id" not in theirs.json()
        assert first.json()["id"] not in theirs.text


class TestRequestIdReuse:
    async def test_another_request_under_the_same_id_is_409_naming_what_differs(
        self, gateway: httpx.AsyncClient, stack: Stack
    ) -> None:
        user, me = _advisor()
        client = await create_client(stack.services.clients, advisor_id=user)
        url = f"/v1/clients/{client.id}/requests"
        request_id = str(uuid.uuid4())
        body = {
            "type": "document-request",
            "request_id": request_id,
            "fields": {"document": "statement", "period": "2026Q3"},
        }
        first = await gateway.post(url, headers=me, json=body)
        same = await gateway.post(url, headers=me, json=body)
        assert first.status_code == 201, first.text
        assert same.status_code in (200, 201) and same.json()["id"] == first.json()["id"]
        other = body | {"fields": {"document": "contract"}}
        changed = await gateway.post(url, headers=me, json=other)
        assert changed.status_code == 409, changed.text
        assert changed.json()["errors"][0]["field"] == "request_id"
        assert "fields" in changed.json()["detail"]


class TestRedemptionAmount:
    async def test_refuses_zero_negative_and_more_than_held(
        self, gateway: httpx.AsyncClient, stack: Stack
    ) -> None:
        user, me = _advisor()
        client = await create_client(stack.services.clients, advisor_id=user)
        held = await gateway.put(
            f"/v1/clients/{client.id}/holdings/CF-BOND-A",
            headers=me,
            json={"product_name": "稳健债券A", "units": "1000", "market_value": "50000.00"},
        )
        assert held.status_code == 200, held.text
        url = f"/v1/clients/{client.id}/requests"

        async def redeem(product: str, amount: object) -> httpx.Response:
            fields = {"product": product, "amount": amount}
            return await gateway.post(
                url, headers=me, json={"type": "redemption", "fields": fields}
            )

        for amount in (-100, 0):
            refused = await redeem("稳健债券A", amount)
            assert refused.status_code == 400, refused.text
            assert refused.json()["errors"][0]["field"] == "fields.amount"
        too_much = await redeem("CF-BOND-A", 50000.01)
        assert too_much.status_code == 400 and "fields.amount" in too_much.text
        assert "50000" in too_much.json()["detail"]
        ok = await redeem("稳健债券A", 50000)
        assert ok.status_code == 201, ok.text
        unknown_product = await redeem("未登记产品", 10)
        assert unknown_product.status_code == 201, unknown_product.text
