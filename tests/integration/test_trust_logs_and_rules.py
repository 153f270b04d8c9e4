"""Trust, continued: people's reads of a client's records are logged for admins to read; a
rule whose condition fails fails alone; escalations go to the directory's team manager."""

from __future__ import annotations

import uuid

import httpx

from tests.integration.test_trust import ADMIN, SERVICE, _directory, unique
from tests.support import Stack, create_client, token


class TestAccessLog:
    async def test_views_of_a_clients_records_are_recorded_for_admins_to_read(
        self, gateway: httpx.AsyncClient, stack: Stack
    ) -> None:
        services = stack.services
        advisor = unique("adv")
        client = await create_client(services.clients, advisor_id=advisor)
        me = token(advisor, "advisor")
        assert (await gateway.get(f"/v1/clients/{client.id}/view", headers=me)).status_code == 200
        holdings = await gateway.get(f"/v1/clients/{client.id}/holdings", headers=me)
        assert holdings.status_code == 200
        # Someone who may not see the client leaves no trace and learns nothing.
        outsider = token(unique("adv"), "advisor")
        assert (
            await gateway.get(f"/v1/clients/{client.id}/view", headers=outsider)
        ).status_code == 404

        by_client = await gateway.get(
            "/v1/access-log", params={"client_id": client.id}, headers=ADMIN
        )
        assert by_client.status_code == 200, by_client.text
        assert [(e["actor_id"], e["what"]) for e in by_client.json()["items"]] == [
            (advisor, "holdings"),
            (advisor, "view"),
        ]
        by_person = await gateway.get("/v1/access-log", params={"user_id": advisor}, headers=ADMIN)
        assert {e["client_id"] for e in by_person.json()["items"]} == {client.id}
        assert (
            await gateway.get("/v1/access-log", params={"user_id": advisor}, headers=me)
        ).status_code == 403


class TestFailingRules:
    async def test_a_failing_condition_fails_its_rule_alone_and_is_recorded_on_it(
        self, gateway: httpx.AsyncClient, stack: Stack
    ) -> None:
        services = stack.services
        client = await create_client(services.clients, advisor_id=unique("adv"))
        event_type = f"fail.{uuid.uuid4().hex[:8]}"
        rules = {}
        for name, condition in (
            ("broken", "event.payload.missing > 1.0"),
            ("fine", ""),
        ):
            created = await gateway.post(
                "/v1/rules",
                headers=ADMIN,
                json={
                    "name": f"{name} {event_type}",
                    "event_type": event_type,
                    "condition": condition,
                    "action": "start_process",
                    "target": "client-check",
                    "period": "always",
                },
            )
            assert created.status_code == 201, created.text
            rules[name] = created.json()["id"]
        published = await gateway.post(
            "/v1/events",
            headers=SERVICE,
            json={"event_id": unique("evt"), "type": event_type, "client_id": client.id},
        )
        assert published.status_code == 200, published.text
        outcomes = {f["rule_id"]: f["outcome"] for f in published.json()["firings"]}
        assert outcomes == {rules["broken"]: "error", rules["fine"]: "started"}
        listed = await gateway.get("/v1/rules", params={"event_type": event_type}, headers=ADMIN)
        broken = next(r for r in listed.json()["items"] if r["id"] == rules["broken"])
        assert broken["error_count"] == 1 and broken["last_error"] and broken["last_error_at"]


async def test_escalations_go_to_the_directorys_team_manager(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    from services.workflows.service.managers import TeamManagers
    from services.workflows.settings import ProcessDefaults

    services = stack.services
    names = await _directory(gateway)
    defaults = ProcessDefaults(
        team_managers={names["team_a"]: "from-settings", "team-unknown": "mgr-configured"}
    )
    await TeamManagers(services.directory, defaults).refresh()
    assert defaults.team_managers[names["team_a"]] == names["mgr_a"]
    assert defaults.team_managers[names["team_b"]] == names["mgr_b"]
    assert defaults.team_managers["team-unknown"] == "mgr-configured"
