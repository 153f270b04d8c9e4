"""Tiers from the scorecard with their reasons, manual overrides, lifecycle moves, and
segments with custom-field predicates."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.support import token

ADMIN = token("admin-tier", "admin")
SCORECARD = {
    "weights": {"aum": 1.0, "net_flows_12m": 0, "tenure_years": 0, "engagement_90d": 0},
    "scales": {"aum": 10_000_000, "net_flows_12m": 1, "tenure_years": 1, "engagement_90d": 1},
    "thresholds": {"STRATEGIC": 70, "CORE": 40},
}


@pytest.fixture
async def aum_only_scorecard(gateway: httpx.AsyncClient) -> dict[str, Any]:
    current = (await gateway.get("/v1/scorecard", headers=ADMIN)).json()
    response = await gateway.put(
        "/v1/scorecard",
        json={"config": SCORECARD, "expected_version": current["version"]},
        headers=ADMIN,
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def client_with_aum(http: httpx.AsyncClient, value: str) -> str:
    client = (
        await http.post(
            "/v1/clients", json={"name": "tier", "advisor_id": "adv-tier"}, headers=ADMIN
        )
    ).json()["id"]
    await http.put(
        f"/v1/clients/{client}/holdings/F",
        json={"units": "1", "market_value": value},
        headers=ADMIN,
    )
    return str(client)


class TestTiers:
    async def test_recompute_explains_the_tier(
        self, gateway: httpx.AsyncClient, aum_only_scorecard: dict[str, Any]
    ) -> None:
        client = await client_with_aum(gateway, "8000000.00")
        result = (await gateway.post(f"/v1/clients/{client}/tier:recompute", headers=ADMIN)).json()
        assert result == {"evaluated": 1, "changed": 1}
        assert (await gateway.get(f"/v1/clients/{client}", headers=ADMIN)).json()[
            "tier"
        ] == "STRATEGIC"
        reason = (await gateway.get(f"/v1/clients/{client}/tier-history", headers=ADMIN)).json()[
            "items"
        ][0]
        assert (reason["tier"], reason["previous_tier"], reason["score"]) == (
            "STRATEGIC",
            "GROWTH",
            "80.0000",
        )
        assert reason["inputs"]["aum"] == 8_000_000
        assert reason["scorecard_version"] == aum_only_scorecard["version"]

    async def test_an_override_holds_until_cleared(
        self, gateway: httpx.AsyncClient, aum_only_scorecard: dict[str, Any]
    ) -> None:
        client = await client_with_aum(gateway, "100.00")
        manager = token("mgr", "manager", team="t")
        assert (
            await gateway.post(
                f"/v1/clients/{client}/tier:override",
                json={"tier": "CORE", "reason": "x"},
                headers=manager,
            )
        ).status_code == 404
        no_reason = await gateway.post(
            f"/v1/clients/{client}/tier:override", json={"tier": "CORE"}, headers=ADMIN
        )
        assert no_reason.status_code == 400
        pinned = await gateway.post(
            f"/v1/clients/{client}/tier:override",
            json={"tier": "CORE", "reason": "family of a strategic client"},
            headers=ADMIN,
        )
        assert (pinned.json()["tier"], pinned.json()["tier_override"]) == ("CORE", True)
        await gateway.post(f"/v1/clients/{client}/tier:recompute", headers=ADMIN)
        assert (await gateway.get(f"/v1/clients/{client}", headers=ADMIN)).json()["tier"] == "CORE"
        cleared = await gateway.post(
            f"/v1/clients/{client}/tier:override", json={"tier": None}, headers=ADMIN
        )
        assert (cleared.json()["tier"], cleared.json()["tier_override"]) == ("GROWTH", False)

    async def test_only_admins_change_the_scorecard(self, gateway: httpx.AsyncClient) -> None:
        response = await gateway.put(
            "/v1/scorecard", json={"config": SCORECARD}, headers=token("a", "advisor")
        )
        assert response.status_code == 403

    async def test_a_bad_scorecard_names_the_field(self, gateway: httpx.AsyncClient) -> None:
        current = (await gateway.get("/v1/scorecard", headers=ADMIN)).json()
        bad = {**SCORECARD, "thresholds": {"STRATEGIC": 30, "CORE": 40}}
        response = await gateway.put(
            "/v1/scorecard",
            json={"config": bad, "expected_version": current["version"]},
            headers=ADMIN,
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "config.thresholds.STRATEGIC"


class TestStages:
    async def test_a_move_is_recorded_with_who_and_why(self, gateway: httpx.AsyncClient) -> None:
        client = (await gateway.post("/v1/clients", json={"name": "s"}, headers=ADMIN)).json()["id"]
        moved = await gateway.put(
            f"/v1/clients/{client}/stage",
            json={"stage": "ONBOARDING", "reason": "signed"},
            headers=ADMIN,
        )
        assert moved.json()["lifecycle_stage"] == "ONBOARDING"
        history = (await gateway.get(f"/v1/clients/{client}/stage-history", headers=ADMIN)).json()[
            "items"
        ]
        assert [(h["previous_stage"], h["stage"], h["reason"], h["by_user"]) for h in history] == [
            ("PROSPECT", "ONBOARDING", "signed", "admin-tier")
        ]


class TestSegments:
    async def test_a_segment_with_tags_tiers_and_custom_predicates(
        self, gateway: httpx.AsyncClient
    ) -> None:
        field = f"cf_{uuid.uuid4().hex[:8]}"
        await gateway.put(
            f"/v1/custom-fields/{field}", json={"label": "年收入", "type": "number"}, headers=ADMIN
        )
        marker = uuid.uuid4().hex[:8]
        ids = []
        for income in (50, 150, 300):
            created = await gateway.post(
                "/v1/clients",
                json={"name": f"seg{income}", "tags": [marker], "custom_fields": {field: income}},
                headers=ADMIN,
            )
            ids.append(created.json()["id"])
        body = {
            "name": f"high income {marker}",
            "filter": {"tags_any": [marker], "custom": [{"key": field, "op": "gte", "value": 100}]},
        }
        segment = (await gateway.post("/v1/segments", json=body, headers=ADMIN)).json()
        assert (await gateway.get(f"/v1/segments/{segment['id']}/count", headers=ADMIN)).json() == {
            "count": 2
        }
        # The same filter unsaved (a builder's live count) counts the same; a bad one is named.
        draft = await gateway.post("/v1/segments:count", json=body["filter"], headers=ADMIN)
        assert draft.json() == {"count": 2}
        bad = await gateway.post(
            "/v1/segments:count",
            json={"custom": [{"key": "cf_nope", "op": "gte", "value": 1}]},
            headers=ADMIN,
        )
        assert bad.status_code == 400 and "cf_nope" in bad.text
        members = (
            await gateway.get(f"/v1/segments/{segment['id']}/members", headers=ADMIN)
        ).json()["items"]
        assert sorted(m["id"] for m in members) == sorted(ids[1:])

    async def test_a_filter_on_an_undefined_field_is_refused_on_save(
        self, gateway: httpx.AsyncClient
    ) -> None:
        body = {
            "name": f"bad {uuid.uuid4().hex}",
            "filter": {"custom": [{"key": "nope", "op": "eq", "value": 1}]},
        }
        response = await gateway.post("/v1/segments", json=body, headers=ADMIN)
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "filter.custom[0].key"

    async def test_names_are_unique(self, gateway: httpx.AsyncClient) -> None:
        body = {"name": f"dup {uuid.uuid4().hex}", "filter": {}}
        assert (await gateway.post("/v1/segments", json=body, headers=ADMIN)).status_code == 201
        assert (await gateway.post("/v1/segments", json=body, headers=ADMIN)).status_code == 409


class TestLifecycleRules:
    async def test_two_quarters_of_outflows_move_a_client_to_declining_by_themselves(
        self, gateway: httpx.AsyncClient
    ) -> None:
        from datetime import UTC, datetime

        from services.clients.lifecycle import previous_quarters

        client = (
            await gateway.post("/v1/clients", json={"name": "流出客户"}, headers=ADMIN)
        ).json()["id"]
        await gateway.put(f"/v1/clients/{client}/stage", json={"stage": "ACTIVE"}, headers=ADMIN)
        for index, start in enumerate(previous_quarters(datetime.now(UTC).date(), 2)):
            when = datetime(start.year, start.month, 15, tzinfo=UTC).isoformat()
            body = {
                "external_id": f"out-{client}-{index}",
                "kind": "redemption",
                "amount": "1000.00",
                "occurred_at": when,
            }
            assert (
                await gateway.post(f"/v1/clients/{client}/transactions", json=body, headers=ADMIN)
            ).status_code == 201
        # The rules ran when the facts they read changed: nobody had to ask.
        current = (await gateway.get(f"/v1/clients/{client}", headers=ADMIN)).json()
        assert current["lifecycle_stage"] == "DECLINING"
        move = (await gateway.get(f"/v1/clients/{client}/stage-history", headers=ADMIN)).json()[
            "items"
        ][0]
        assert (move["previous_stage"], move["stage"], move["rule"]) == (
            "ACTIVE",
            "DECLINING",
            "net_outflows_two_quarters",
        )
        assert move["explanation"]["inputs"]["quarter_net_flows"][:2] == ["-1000.00", "-1000.00"]
        again = (await gateway.post(f"/v1/clients/{client}/stage:evaluate", headers=ADMIN)).json()
        assert again["changed"] == 0

    async def test_only_admins_change_rules(self, gateway: httpx.AsyncClient) -> None:
        response = await gateway.put(
            "/v1/lifecycle-rules",
            json={"config": {"rules": []}},
            headers=token("m", "manager", team="t"),
        )
        assert response.status_code == 403

    async def test_a_bad_rule_names_the_field(self, gateway: httpx.AsyncClient) -> None:
        current = (await gateway.get("/v1/lifecycle-rules", headers=ADMIN)).json()
        bad = {
            "rules": [
                {"name": "x", "from": ["ACTIVE"], "to": "SLEEPY", "when": {"inactive_days_gte": 30}}
            ]
        }
        response = await gateway.put(
            "/v1/lifecycle-rules",
            json={"config": bad, "expected_version": current["version"]},
            headers=ADMIN,
        )
        assert (
            response.status_code == 400
            and response.json()["errors"][0]["field"] == "config.rules[0].to"
        )
