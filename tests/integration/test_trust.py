"""Trust, tried as an attacker with ordinary accounts would: the directory decides scope
(teams, assignments, people who left), the ledger and events are read only within scope,
attachments and addresses are the sender's to use, the firm's runs are the admins', event ids
are idempotency keys with Stripe's semantics, and nothing a user supplies can run away."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx
from clientflow.reporting.v1 import reporting_pb2

from services.common.identity import SYSTEM_ACTOR
from tests.support import Stack, create_client, token

ADMIN = token("admin-t", "admin")
SERVICE = token("svc-t", "service")


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


async def _directory(gateway: httpx.AsyncClient) -> dict[str, str]:
    """Two teams, each with a manager and an advisor, in the directory."""
    names = {
        "team_a": unique("team-a"),
        "team_b": unique("team-b"),
        "mgr_a": unique("mgr-a"),
        "mgr_b": unique("mgr-b"),
        "adv_a": unique("adv-a"),
        "adv_b": unique("adv-b"),
    }
    for team in ("team_a", "team_b"):
        put = await gateway.put(
            f"/v1/directory/teams/{names[team]}", headers=ADMIN, json={"name": team}
        )
        assert put.status_code == 200, put.text
    for person, team, role in (
        ("mgr_a", "team_a", "manager"),
        ("mgr_b", "team_b", "manager"),
        ("adv_a", "team_a", "advisor"),
        ("adv_b", "team_b", "advisor"),
    ):
        put = await gateway.put(
            f"/v1/directory/people/{names[person]}",
            headers=ADMIN,
            json={"name": person, "memberships": [{"team_id": names[team], "role": role}]},
        )
        assert put.status_code == 200, put.text
    return names


class TestDirectory:
    async def test_only_admins_change_it(self, gateway: httpx.AsyncClient) -> None:
        names = await _directory(gateway)
        manager = token(names["mgr_a"], "manager")
        denied = await gateway.put(
            f"/v1/directory/people/{names['mgr_a']}",
            headers=manager,
            json={"name": "me", "memberships": [{"team_id": names["team_b"], "role": "manager"}]},
        )
        assert denied.status_code == 403
        me = await gateway.get("/v1/me", headers=manager)
        assert me.json()["managed_team_ids"] == [names["team_a"]]
        other = await gateway.get(f"/v1/directory/people/{names['mgr_b']}", headers=manager)
        assert other.status_code == 404
        bad = await gateway.put(
            f"/v1/directory/people/{unique('p')}",
            headers=ADMIN,
            json={"name": "x", "memberships": [{"team_id": "no-such-team", "role": "advisor"}]},
        )
        assert bad.status_code == 404 and "no-such-team" in bad.text

    async def test_assignments_stay_within_scope(self, gateway: httpx.AsyncClient) -> None:
        names = await _directory(gateway)
        # The token's team claim does not widen a manager's scope: the directory decides.
        mgr_a = token(names["mgr_a"], "manager", team=names["team_b"])
        adv_a = token(names["adv_a"], "advisor", team=names["team_b"])

        other_team = await gateway.post(
            "/v1/clients", headers=adv_a, json={"name": "甲", "team_id": names["team_b"]}
        )
        assert other_team.status_code == 403, other_team.text
        own = await gateway.post("/v1/clients", headers=adv_a, json={"name": "甲"})
        assert own.status_code == 201, own.text
        assert own.json()["team_id"] == names["team_a"]

        to_outsider = await gateway.post(
            "/v1/clients", headers=mgr_a, json={"name": "乙", "advisor_id": names["adv_b"]}
        )
        assert to_outsider.status_code == 403, to_outsider.text
        to_stranger = await gateway.post(
            "/v1/clients", headers=mgr_a, json={"name": "乙", "advisor_id": unique("nobody")}
        )
        assert to_stranger.status_code == 403
        placed = await gateway.post(
            "/v1/clients", headers=mgr_a, json={"name": "乙", "advisor_id": names["adv_a"]}
        )
        assert placed.status_code == 201, placed.text
        assert placed.json()["team_id"] == names["team_a"]
        client_id = placed.json()["id"]

        mgr_b = token(names["mgr_b"], "manager")
        assert (await gateway.get(f"/v1/clients/{client_id}", headers=mgr_b)).status_code == 404
        moved = await gateway.patch(
            f"/v1/clients/{client_id}",
            headers={**mgr_a, "If-Match": placed.headers["etag"]},
            json={"team_id": names["team_b"]},
        )
        assert moved.status_code in (403, 404), moved.text

    async def test_a_deactivated_person_is_refused(self, gateway: httpx.AsyncClient) -> None:
        names = await _directory(gateway)
        adv = token(names["adv_a"], "advisor")
        assert (await gateway.get("/v1/clients", headers=adv)).status_code == 200
        put = await gateway.put(
            f"/v1/directory/people/{names['adv_a']}",
            headers=ADMIN,
            json={"name": "left", "active": False},
        )
        assert put.status_code == 200
        refused = await gateway.get("/v1/clients", headers=adv)
        assert refused.status_code == 401 and "deactivated" in refused.text

    async def test_a_conflict_names_no_other_client(self, gateway: httpx.AsyncClient) -> None:
        external = {"source": "crm", "external_id": unique("x")}
        first = await gateway.post(
            "/v1/clients", headers=ADMIN, json={"name": "丙", "external_ids": [external]}
        )
        assert first.status_code == 201
        second = await gateway.post(
            "/v1/clients",
            headers=token(unique("adv"), "advisor"),
            json={"name": "丁", "external_ids": [external]},
        )
        assert second.status_code == 409
        assert first.json()["id"] not in second.text


class TestNotifications:
    async def test_an_advisor_sends_only_to_their_client_and_attaches_only_its_reports(
        self, gateway: httpx.AsyncClient, stack: Stack
    ) -> None:
        services = stack.services
        mine, theirs = unique("adv"), unique("adv")
        client = await create_client(services.clients, advisor_id=mine)
        other = await create_client(services.clients, advisor_id=theirs)
        artifact = await services.reporting.CreateArtifact(
            reporting_pb2.CreateArtifactRequest(
                kind="client-report",
                period="2026Q3",
                content_type="application/pdf",
                content=b"%PDF-1.7\n",
                client_id=other.id,
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
        )
        advisor = token(mine, "advisor")
        body: dict[str, Any] = {
            "idempotency_key": unique("k"),
            "template_key": "welcome",
            "variables": {},
        }
        outside = await gateway.post(
            "/v1/notifications",
            headers=advisor,
            json={**body, "address": {"channel": "email", "value": "x@attacker.example"}},
        )
        assert outside.status_code == 403, outside.text
        stolen = await gateway.post(
            "/v1/notifications",
            headers=advisor,
            json={**body, "client_id": client.id, "attachment_artifact_ids": [artifact.id]},
        )
        assert stolen.status_code == 404, stolen.text
        assert "attachment_artifact_ids[0]" in stolen.text

    async def test_another_teams_manager_sees_none_of_the_ledger(
        self, gateway: httpx.AsyncClient, stack: Stack
    ) -> None:
        services = stack.services
        names = await _directory(gateway)
        client = await create_client(
            services.clients, advisor_id=names["adv_a"], team_id=names["team_a"]
        )
        sent = await gateway.post(
            "/v1/notifications",
            headers=token(names["adv_a"], "advisor"),
            json={
                "idempotency_key": unique("k"),
                "client_id": client.id,
                "template_key": "welcome",
                "variables": {"client_name": client.name},
                "channel": "email",
            },
        )
        assert sent.status_code == 200, sent.text
        delivery = sent.json()["id"]
        outsider = token(names["mgr_b"], "manager")
        assert (
            await gateway.get(f"/v1/notifications/{delivery}", headers=outsider)
        ).status_code == 404
        for path in ("/v1/notifications", "/v1/notifications/dead-letters"):
            listed = await gateway.get(path, params={"page_size": 200}, headers=outsider)
            assert listed.status_code == 200
            assert delivery not in [d["id"] for d in listed.json()["items"]]
        insider = token(names["mgr_a"], "manager")
        assert (
            await gateway.get(f"/v1/notifications/{delivery}", headers=insider)
        ).status_code == 200


class TestEvents:
    async def test_an_event_id_is_an_idempotency_key(
        self, gateway: httpx.AsyncClient, stack: Stack
    ) -> None:
        services = stack.services
        names = await _directory(gateway)
        client = await create_client(
            services.clients, advisor_id=names["adv_a"], team_id=names["team_a"]
        )
        event: dict[str, Any] = {
            "event_id": unique("evt"),
            "type": "client.noted",
            "client_id": client.id,
            "payload": {"amount": 5},
        }
        first = await gateway.post("/v1/events", headers=SERVICE, json=event)
        assert first.status_code == 200, first.text
        same = await gateway.post("/v1/events", headers=SERVICE, json=event)
        assert same.status_code == 200 and same.json()["replayed"] is True
        changed = await gateway.post(
            "/v1/events", headers=SERVICE, json={**event, "payload": {"amount": 6}}
        )
        assert changed.status_code == 409, changed.text
        assert str(event["event_id"]) in changed.text and "payload" in changed.text

        unknown = await gateway.post(
            "/v1/events",
            headers=SERVICE,
            json={**event, "event_id": unique("evt"), "client_id": str(uuid.uuid4())},
        )
        assert unknown.status_code == 404, unknown.text

        stored = f"/v1/events/{event['event_id']}"
        assert (
            await gateway.get(stored, headers=token(names["mgr_b"], "manager"))
        ).status_code == 404
        assert (
            await gateway.get(stored, headers=token(names["mgr_a"], "manager"))
        ).status_code == 200

    async def test_concurrent_duplicates_evaluate_the_rules_once(
        self, gateway: httpx.AsyncClient, stack: Stack
    ) -> None:
        services = stack.services
        client = await create_client(services.clients, advisor_id=unique("adv"))
        event_type = f"dup.{uuid.uuid4().hex[:8]}"
        rule = await gateway.post(
            "/v1/rules",
            headers=ADMIN,
            json={
                "name": f"note {event_type}",
                "event_type": event_type,
                "condition": "",
                "action": "start_process",
                "target": "client-check",
                "period": "always",
            },
        )
        assert rule.status_code == 201, rule.text
        event = {"event_id": unique("evt"), "type": event_type, "client_id": client.id}
        replies = await asyncio.gather(
            *(gateway.post("/v1/events", headers=SERVICE, json=event) for _ in range(20))
        )
        assert all(r.status_code == 200 for r in replies), [r.text for r in replies]
        assert sorted(r.json()["replayed"] for r in replies) == [False] + [True] * 19
        firings = {str(r.json()["firings"]) for r in replies}
        assert len(firings) == 1
        [firing] = [f for f in replies[0].json()["firings"] if f["rule_id"] == rule.json()["id"]]
        assert firing["outcome"] == "started"


class TestBoundedWork:
    async def test_a_huge_declared_body_is_refused_before_anything_else(
        self, gateway: httpx.AsyncClient
    ) -> None:
        refused = await gateway.post(
            "/v1/clients",
            headers={"content-type": "application/json", "content-length": str(10**10)},
            content=b"{}",
        )
        assert refused.status_code == 413
        assert refused.headers["content-type"].startswith("application/problem+json")

    async def test_a_streamed_body_over_the_limit_is_refused(
        self, gateway: httpx.AsyncClient
    ) -> None:
        async def chunks() -> Any:
            for _ in range(40):
                yield b" " * 64 * 1024

        refused = await gateway.post(
            "/v1/clients",
            headers={**ADMIN, "content-type": "application/json"},
            content=chunks(),
        )
        assert refused.status_code == 413

    async def test_non_finite_numbers_are_a_422(self, gateway: httpx.AsyncClient) -> None:
        for raw in (b'{"name": "x", "aum": NaN}', b'{"score": Infinity}'):
            refused = await gateway.post(
                "/v1/clients/00000000-0000-4000-8000-000000000000/survey-answers",
                headers={**ADMIN, "content-type": "application/json"},
                content=raw,
            )
            assert refused.status_code == 422, refused.text
            assert refused.json()["status"] == 422

    async def test_a_deep_condition_is_refused_and_a_failing_rule_stops_no_other(
        self, gateway: httpx.AsyncClient
    ) -> None:
        deep = "(" * 300 + "true" + ")" * 300
        rule = {
            "name": "deep",
            "event_type": "client.deep",
            "condition": deep,
            "action": "start_process",
            "target": "client-check",
        }
        saved = await gateway.post("/v1/rules", headers=ADMIN, json=rule)
        assert saved.status_code == 400 and saved.json()["errors"][0]["field"] == "condition"
        preview = await gateway.post("/v1/rules/preview", headers=ADMIN, json={"rule": rule})
        assert preview.status_code == 400, preview.text
        nested = {**rule, "condition": "[[1]].all(x, x.all(y, y > 0))"}
        assert (await gateway.post("/v1/rules", headers=ADMIN, json=nested)).status_code == 400

    async def test_a_runaway_template_fails_alone_and_others_stay_fast(
        self, gateway: httpx.AsyncClient
    ) -> None:
        bomb = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
        advisor = token(unique("adv"), "advisor")
        draft = {"locale": "en", "content": {"subject": "s", "body_text": bomb}}
        assert (
            await gateway.post("/v1/templates/preview", headers=advisor, json=draft)
        ).status_code == 403
        repeat = {"locale": "en", "content": {"subject": "s", "body_text": "{{ 'x' * 40000000 }}"}}
        refused = await gateway.post("/v1/templates/preview", headers=ADMIN, json=repeat)
        assert refused.status_code == 400, refused.text

        runaway = asyncio.ensure_future(
            gateway.post("/v1/templates/preview", headers=ADMIN, json=draft)
        )
        await asyncio.sleep(0.2)
        started = time.monotonic()
        other = await gateway.get("/v1/templates", headers=advisor)
        assert other.status_code == 200
        assert time.monotonic() - started < 1.0
        stopped = await runaway
        assert stopped.status_code == 400 and "longer than" in stopped.text


class TestProcesses:
    async def test_the_firms_run_is_the_admins(
        self, gateway: httpx.AsyncClient, stack: Stack
    ) -> None:
        names = await _directory(gateway)
        period = f"{2100 + uuid.uuid4().int % 800}Q1"
        # A book with nobody to report to is refused at the start, saying why.
        prospects_only = await gateway.post(
            "/v1/reports/quarterly",
            headers=token(names["mgr_a"], "manager"),
            json={"book": names["team_a"], "period": period},
        )
        assert prospects_only.status_code == 400, prospects_only.text
        assert prospects_only.json()["errors"][0]["field"] == "book"
        client = await gateway.post(
            "/v1/clients", headers=ADMIN, json={"name": "活跃", "advisor_id": names["adv_a"]}
        )
        stage = await gateway.put(
            f"/v1/clients/{client.json()['id']}/stage",
            headers=ADMIN,
            json={"stage": "ACTIVE", "reason": "signed"},
        )
        assert stage.status_code == 200, stage.text
        started = await gateway.post(
            "/v1/reports/quarterly", headers=ADMIN, json={"book": "firm", "period": period}
        )
        assert started.status_code in (200, 201, 202), started.text
        workflow_id = started.json()["workflow_id"]
        manager = token(names["mgr_a"], "manager")
        assert (
            await gateway.post(
                "/v1/reports/quarterly", headers=manager, json={"book": "firm", "period": period}
            )
        ).status_code == 403
        assert (
            await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=manager)
        ).status_code == 404
        cancel = await gateway.post(
            f"/v1/processes/{workflow_id}/cancel", headers=manager, json={"reason": "mine now"}
        )
        assert cancel.status_code == 404
        partner = token(unique("ptn"), "partner")
        assert (
            await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=partner)
        ).status_code == 200
        done = await gateway.post(
            f"/v1/processes/{workflow_id}/cancel", headers=ADMIN, json={"reason": "test"}
        )
        assert done.status_code == 200, done.text


class TestUserSuppliedPatternsAndFiles:
    async def test_a_pattern_runs_in_linear_time_and_a_backreference_is_refused(
        self, gateway: httpx.AsyncClient
    ) -> None:
        name = f"cf_{uuid.uuid4().hex[:8]}"
        defined = await gateway.put(
            f"/v1/custom-fields/{name}",
            headers=ADMIN,
            json={"label": name, "type": "text", "pattern": "(a+)+$"},
        )
        assert defined.status_code == 200, defined.text
        started = time.monotonic()
        refused = await gateway.post(
            "/v1/clients",
            headers=ADMIN,
            json={"name": "正则", "custom_fields": {name: "a" * 3000 + "b"}},
        )
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["field"] == f"custom_fields.{name}"
        assert time.monotonic() - started < 1.0
        backreference = await gateway.put(
            f"/v1/custom-fields/{name}_b",
            headers=ADMIN,
            json={"label": "b", "type": "text", "pattern": "(a)\\1"},
        )
        assert backreference.status_code == 400
        assert backreference.json()["errors"][0]["field"] == "pattern"

    async def test_an_import_report_stays_small_whatever_the_file_holds(
        self, gateway: httpx.AsyncClient
    ) -> None:
        long_value = "x" * 30_000
        rows = ["name,email"] + [f"n{i},{long_value}" for i in range(300)]
        report = await gateway.post(
            "/v1/clients:import",
            headers=ADMIN,
            files={"file": ("bad.csv", "\n".join(rows).encode())},
        )
        assert report.status_code == 422, report.text[:500]
        body = report.json()
        assert body["detail"].startswith("300 of 300 rows are invalid")
        assert len(report.content) < 200_000
        assert all(len(str(e["value"])) <= 100 for e in body["errors"])
