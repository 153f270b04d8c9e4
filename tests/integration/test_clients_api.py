"""The client record through the gateway: fields, optimistic concurrency, audit, and
per-advisor scoping on every resource."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.support import token


def advisor() -> tuple[str, dict[str, str]]:
    user = f"adv-{uuid.uuid4().hex[:8]}"
    return user, token(user, "advisor", team="team-x")


async def create(http: httpx.AsyncClient, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    body = {"name": fields.pop("name", "测试客户"), **fields}
    response = await http.post("/v1/clients", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


ADMIN = token("admin-api", "admin")


class TestRecord:
    async def test_full_record_round_trips(self, gateway: httpx.AsyncClient) -> None:
        source = f"crm-{uuid.uuid4().hex[:6]}"
        created = await create(
            gateway,
            ADMIN,
            name="欧阳娜娜",
            advisor_id="adv-full",
            phone="+86 138-0013-8000",
            email="Nana@Example.com",
            preferred_channel="wecom",
            wecom_id="nana_wx",
            locale="zh-CN",
            timezone="Asia/Shanghai",
            birthday="1990-02-14",
            signed_on="2024-05-01",
            contract_end="2027-04-30",
            kyc_status="verified",
            kyc_expires_on="2027-01-01",
            risk_level="C3",
            risk_answers={"q1": "b", "horizon_years": 5},
            investment_preferences=["fixed-income", "ESG"],
            tags=["vip", "family office"],
            external_ids=[{"source": source, "external_id": "A-1"}],
        )
        got = (await gateway.get(f"/v1/clients/{created['id']}", headers=ADMIN)).json()
        assert got["name"] == "欧阳娜娜"
        assert got["phone"] == "+8613800138000" and got["email"] == "nana@example.com"
        assert got["kyc"] == {
            "status": "verified",
            "expires_on": "2027-01-01",
            "risk_level": "C3",
            "risk_answers": {"q1": "b", "horizon_years": 5},
            "investment_preferences": ["fixed-income", "ESG"],
        }
        assert got["tags"] == ["vip", "family office"]
        assert got["external_ids"] == [{"source": source, "external_id": "A-1"}]
        assert (got["tier"], got["lifecycle_stage"], got["aum"]) == ("GROWTH", "PROSPECT", "0.00")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("email", "not-an-email"),
            ("phone", "call me"),
            ("timezone", "Mars/Olympus"),
            ("birthday", "1990-13-01"),
        ],
    )
    async def test_bad_values_name_field_and_value(
        self, gateway: httpx.AsyncClient, field: str, value: str
    ) -> None:
        response = await gateway.post(
            "/v1/clients", json={"name": "x", field: value}, headers=ADMIN
        )
        assert response.status_code in (400, 422), response.text
        error = response.json()["errors"][0]
        assert error["field"] == field and error["value"] == value

    async def test_an_external_id_belongs_to_one_client(self, gateway: httpx.AsyncClient) -> None:
        ids = [{"source": "legacy", "external_id": uuid.uuid4().hex}]
        await create(gateway, ADMIN, external_ids=ids)
        response = await gateway.post(
            "/v1/clients", json={"name": "dup", "external_ids": ids}, headers=ADMIN
        )
        assert response.status_code == 409
        assert response.json()["errors"][0]["field"] == "external_ids"


class TestOptimisticConcurrency:
    async def test_patch_with_current_etag_then_stale_etag_is_412(
        self, gateway: httpx.AsyncClient
    ) -> None:
        created = await gateway.post("/v1/clients", json={"name": "王五"}, headers=ADMIN)
        url, etag = created.headers["location"], created.headers["etag"]
        first = await gateway.patch(
            url, json={"email": "w5@example.com"}, headers={**ADMIN, "If-Match": etag}
        )
        assert first.status_code == 200 and first.headers["etag"] == 'W/"2"'
        stale = await gateway.patch(
            url, json={"email": "other@example.com"}, headers={**ADMIN, "If-Match": etag}
        )
        assert stale.status_code == 412
        assert stale.headers["content-type"].startswith("application/problem+json")
        assert (await gateway.get(url, headers=ADMIN)).json()["email"] == "w5@example.com"

    async def test_null_clears_and_absent_keeps(self, gateway: httpx.AsyncClient) -> None:
        created = await create(gateway, ADMIN, email="a@example.com", phone="13800000000")
        patched = await gateway.patch(
            f"/v1/clients/{created['id']}", json={"email": None}, headers=ADMIN
        )
        assert patched.json()["email"] is None and patched.json()["phone"] == "13800000000"

    async def test_a_rejected_patch_changes_nothing(self, gateway: httpx.AsyncClient) -> None:
        created = await create(gateway, ADMIN, email="keep@example.com")
        url = f"/v1/clients/{created['id']}"
        response = await gateway.patch(
            url, json={"name": "新名字", "email": "broken"}, headers=ADMIN
        )
        assert response.status_code == 400
        after = (await gateway.get(url, headers=ADMIN)).json()
        assert (after["name"], after["email"], after["version"]) == (
            "测试客户",
            "keep@example.com",
            1,
        )

    async def test_unknown_field_is_422(self, gateway: httpx.AsyncClient) -> None:
        created = await create(gateway, ADMIN)
        response = await gateway.patch(
            f"/v1/clients/{created['id']}", json={"aum": "1000000"}, headers=ADMIN
        )
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "aum"


class TestAudit:
    async def test_every_change_is_audited_with_before_and_after(
        self, gateway: httpx.AsyncClient
    ) -> None:
        user, headers = advisor()
        created = await create(gateway, headers, email="before@example.com")
        await gateway.patch(
            f"/v1/clients/{created['id']}", json={"email": "after@example.com"}, headers=headers
        )
        await gateway.post(
            f"/v1/clients/{created['id']}/interactions",
            json={"channel": "call", "summary": "intro"},
            headers=headers,
        )
        entries = (await gateway.get(f"/v1/clients/{created['id']}/audit", headers=headers)).json()[
            "items"
        ]
        assert [(e["entity"], e["action"]) for e in entries] == [
            ("interaction", "create"),
            ("client", "update"),
            ("client", "create"),
        ]
        assert all(e["actor_id"] == user for e in entries)
        assert entries[1]["changes"] == {
            "email": {"before": "before@example.com", "after": "after@example.com"}
        }


class TestScoping:
    """An advisor sees only their own clients: everywhere else it is a 404 or absent."""

    @pytest.fixture
    async def two_books(self, gateway: httpx.AsyncClient) -> dict[str, Any]:
        _, mine_headers = advisor()
        _, other_headers = advisor()
        marker = uuid.uuid4().hex[:8]
        mine = await create(gateway, mine_headers, name=f"Mine {marker}", tags=[marker])
        theirs = await create(gateway, other_headers, name=f"Theirs {marker}", tags=[marker])
        return {"me": mine_headers, "mine": mine, "theirs": theirs, "marker": marker}

    async def test_list_and_search_show_only_my_clients(
        self, gateway: httpx.AsyncClient, two_books: dict[str, Any]
    ) -> None:
        headers, marker = two_books["me"], two_books["marker"]
        listed = (await gateway.get("/v1/clients", params={"tag": marker}, headers=headers)).json()[
            "items"
        ]
        assert [c["id"] for c in listed] == [two_books["mine"]["id"]]
        for query in ("Mine", "Theirs", marker):
            found = (
                await gateway.get("/v1/clients:search", params={"q": query}, headers=headers)
            ).json()["items"]
            assert two_books["theirs"]["id"] not in {c["id"] for c in found}

    @pytest.mark.parametrize(
        ("method", "suffix", "body"),
        [
            ("GET", "", None),
            ("PATCH", "", {"email": "x@example.com"}),
            ("GET", "/view", None),
            ("GET", "/holdings", None),
            ("PUT", "/holdings/FUND1", {"units": "1", "market_value": "1"}),
            ("GET", "/transactions", None),
            (
                "POST",
                "/transactions",
                {
                    "external_id": "t",
                    "kind": "fee",
                    "amount": "1",
                    "occurred_at": "2026-01-01T00:00:00Z",
                },
            ),
            ("GET", "/interactions", None),
            ("POST", "/interactions", {"channel": "call"}),
            ("GET", "/audit", None),
            ("GET", "/tier-history", None),
            ("POST", "/tier:recompute", None),
            ("GET", "/stage-history", None),
            ("PUT", "/stage", {"stage": "ACTIVE"}),
            ("POST", "/related-persons", {"name": "x", "role": "assistant"}),
        ],
    )
    async def test_another_advisors_client_is_404_on_every_resource(
        self,
        gateway: httpx.AsyncClient,
        two_books: dict[str, Any],
        method: str,
        suffix: str,
        body: Any,
    ) -> None:
        url = f"/v1/clients/{two_books['theirs']['id']}{suffix}"
        response = await gateway.request(method, url, json=body, headers=two_books["me"])
        assert response.status_code == 404, (
            f"{method} {suffix}: {response.status_code} {response.text}"
        )

    async def test_linking_to_another_advisors_client_is_404(
        self, gateway: httpx.AsyncClient, two_books: dict[str, Any]
    ) -> None:
        response = await gateway.post(
            f"/v1/clients/{two_books['mine']['id']}/links",
            json={"related_client_id": two_books["theirs"]["id"], "kind": "family"},
            headers=two_books["me"],
        )
        assert response.status_code == 404
        assert response.json()["errors"][0]["field"] == "related_client_id"

    async def test_segment_members_and_count_are_scoped(
        self, gateway: httpx.AsyncClient, two_books: dict[str, Any]
    ) -> None:
        saved = await gateway.post(
            "/v1/segments",
            json={
                "name": f"seg {two_books['marker']}",
                "filter": {"tags_any": [two_books["marker"]]},
            },
            headers=two_books["me"],
        )
        assert saved.status_code == 201, saved.text
        segment = saved.json()["id"]
        assert (
            await gateway.get(f"/v1/segments/{segment}/count", headers=two_books["me"])
        ).json() == {"count": 1}
        assert (await gateway.get(f"/v1/segments/{segment}/count", headers=ADMIN)).json() == {
            "count": 2
        }
        members = (
            await gateway.get(f"/v1/segments/{segment}/members", headers=two_books["me"])
        ).json()["items"]
        assert [m["id"] for m in members] == [two_books["mine"]["id"]]

    async def test_manager_sees_the_team_not_other_teams(self, gateway: httpx.AsyncClient) -> None:
        in_team = await create(gateway, ADMIN, advisor_id="adv-t1", team_id="team-m")
        other = await create(gateway, ADMIN, advisor_id="adv-t2", team_id="team-n")
        manager = token("mgr-m", "manager", team="team-m")
        assert (
            await gateway.get(f"/v1/clients/{in_team['id']}", headers=manager)
        ).status_code == 200
        assert (await gateway.get(f"/v1/clients/{other['id']}", headers=manager)).status_code == 404

    async def test_an_advisor_cannot_reassign_a_client(self, gateway: httpx.AsyncClient) -> None:
        _, headers = advisor()
        mine = await create(gateway, headers)
        response = await gateway.patch(
            f"/v1/clients/{mine['id']}", json={"advisor_id": "adv-else"}, headers=headers
        )
        assert response.status_code == 403


class TestSearch:
    @pytest.mark.parametrize("query", ["%", "_", "'; drop table clients.clients; --", "\\", "王%"])
    async def test_sql_metacharacters_are_literal(
        self, gateway: httpx.AsyncClient, query: str
    ) -> None:
        _, headers = advisor()
        await create(gateway, headers, name="普通客户")
        response = await gateway.get("/v1/clients:search", params={"q": query}, headers=headers)
        assert response.status_code == 200
        assert response.json()["items"] == []

    async def test_prefix_of_name_phone_and_email(self, gateway: httpx.AsyncClient) -> None:
        _, headers = advisor()
        client = await create(
            gateway, headers, name="Zhang Wei", phone="13912345678", email="zw@example.com"
        )
        for query in ("zhang", "Zhang W", "139123", "zw@exa"):
            found = (
                await gateway.get("/v1/clients:search", params={"q": query}, headers=headers)
            ).json()["items"]
            assert [c["id"] for c in found] == [client["id"]], query


class TestPagination:
    async def test_pages_cover_the_list_once(self, gateway: httpx.AsyncClient) -> None:
        _, headers = advisor()
        created = {(await create(gateway, headers, name=f"P{i}"))["id"] for i in range(5)}
        seen: list[str] = []
        token_ = ""
        while True:
            page = (
                await gateway.get(
                    "/v1/clients", params={"page_size": 2, "page_token": token_}, headers=headers
                )
            ).json()
            seen += [c["id"] for c in page["items"]]
            if not page["next_page_token"]:
                break
            token_ = page["next_page_token"]
        assert sorted(seen) == sorted(created)


class TestUnstorableText:
    """Found by schemathesis: NUL reached PostgreSQL and became a 500."""

    async def test_nul_in_an_override_reason_is_400_naming_it(
        self, gateway: httpx.AsyncClient
    ) -> None:
        client = await create(gateway, ADMIN)
        response = await gateway.post(
            f"/v1/clients/{client['id']}/tier:override",
            json={"tier": "CORE", "reason": "a\u0000b"},
            headers=ADMIN,
        )
        assert response.status_code == 400 and response.json()["errors"][0]["field"] == "reason"

    async def test_nul_inside_json_answers_is_400(self, gateway: httpx.AsyncClient) -> None:
        response = await gateway.post(
            "/v1/clients", json={"name": "n", "risk_answers": {"q": "x\u0000"}}, headers=ADMIN
        )
        assert (
            response.status_code == 400
            and response.json()["errors"][0]["field"] == "risk_answers.q"
        )

    async def test_nul_in_a_search_is_400(self, gateway: httpx.AsyncClient) -> None:
        response = await gateway.get("/v1/clients:search", params={"q": "a\u0000"}, headers=ADMIN)
        assert response.status_code == 400 and response.json()["errors"][0]["field"] == "query"

    async def test_a_lone_surrogate_is_400_not_500(self, gateway: httpx.AsyncClient) -> None:
        body = b'{"name": "x\\udaca y"}'
        response = await gateway.post(
            "/v1/clients", content=body, headers={**ADMIN, "content-type": "application/json"}
        )
        assert response.status_code == 400, response.text

    async def test_a_version_beyond_int64_is_422(self, gateway: httpx.AsyncClient) -> None:
        response = await gateway.put(
            "/v1/scorecard", json={"config": {}, "expected_version": 10**30}, headers=ADMIN
        )
        assert response.status_code == 422
