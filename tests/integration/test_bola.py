"""Broken object-level authorization, as a matrix: every route family that names one of a
team's objects (a client and its records, its report, a message about it, an event about it,
a process for it, a task of it), tried by an advisor of another book and a manager of another
team. Each gets 404 (or 403 for an action their role never has) and the body never carries
the object; the owner and the firm-wide roles that may read it get 200."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from clientflow.reporting.v1 import reporting_pb2

from services.common.identity import SYSTEM_ACTOR
from tests.support import Stack, eventually, token

ADMIN = token("admin-bola", "admin")
SERVICE = token("svc-bola", "service")


@dataclass
class World:
    client_id: str
    client_name: str
    artifact_id: str
    delivery_id: str
    event_id: str
    workflow_id: str
    task_id: str
    record: str  # /v1/records/{type}/{id}
    owner: dict[str, str]
    manager: dict[str, str]
    other_advisor: dict[str, str]
    other_manager: dict[str, str]


@pytest.fixture(scope="module")
async def http(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    """The gateway for the whole module (the world below is built once)."""
    from services.gateway.app import create_app

    settings, services = stack.settings, stack.services
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(settings, services)), base_url="http://gw"
    ) as client:
        yield client


@pytest.fixture(scope="module")
async def world(http: httpx.AsyncClient, stack: Stack) -> World:
    services = stack.services
    suffix = uuid.uuid4().hex[:6]
    team_a, team_b = f"bola-a-{suffix}", f"bola-b-{suffix}"
    people = {
        f"mgr-a-{suffix}": (team_a, "manager"),
        f"adv-a-{suffix}": (team_a, "advisor"),
        f"mgr-b-{suffix}": (team_b, "manager"),
        f"adv-b-{suffix}": (team_b, "advisor"),
    }
    for team in (team_a, team_b):
        assert (
            await http.put(f"/v1/directory/teams/{team}", headers=ADMIN, json={"name": team})
        ).status_code == 200
    for user_id, (team, role) in people.items():
        assert (
            await http.put(
                f"/v1/directory/people/{user_id}",
                headers=ADMIN,
                json={"name": user_id, "memberships": [{"team_id": team, "role": role}]},
            )
        ).status_code == 200
    owner_id = f"adv-a-{suffix}"
    owner = token(owner_id, "advisor")
    created = await http.post(
        "/v1/clients",
        headers=owner,
        json={"name": f"秘密客户{suffix}", "email": f"bola-{suffix}@example.com"},
    )
    assert created.status_code == 201, created.text
    client = created.json()
    await http.put(
        f"/v1/clients/{client['id']}/holdings/CF-BOND-01",
        headers=owner,
        json={"product_name": "债券", "units": "10", "market_value": "1000", "currency": "CNY"},
    )
    artifact = await services.reporting.CreateArtifact(
        reporting_pb2.CreateArtifactRequest(
            kind="client-report",
            period="2026Q3",
            content_type="application/pdf",
            content=b"%PDF-1.7\n",
            client_id=client["id"],
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    sent = await http.post(
        "/v1/notifications",
        headers=owner,
        json={
            "idempotency_key": f"bola/{suffix}",
            "client_id": client["id"],
            "template_key": "welcome",
            "variables": {"client_name": client["name"]},
            "priority": "urgent",
        },
    )
    assert sent.status_code == 200, sent.text
    event_id = f"bola-{suffix}"
    published = await http.post(
        "/v1/events",
        headers=SERVICE,
        json={"event_id": event_id, "type": "bola.noted", "client_id": client["id"]},
    )
    assert published.status_code == 200, published.text
    started = await http.post(
        f"/v1/clients/{client['id']}/processes",
        headers=owner,
        json={"kind": "call-client", "parameters": {"reason": "bola"}},
    )
    assert started.status_code in (200, 201, 202), started.text
    workflow_id = started.json()["workflow_id"]

    async def task() -> str | None:
        listed = await http.get("/v1/tasks", headers=owner)
        return next(
            (t["id"] for t in listed.json()["items"] if t["workflow_id"] == workflow_id), None
        )

    task_id = await eventually(task, "the process's task")
    kind = f"bola_{suffix}"
    assert (
        await http.put(
            f"/v1/record-types/{kind}",
            headers=ADMIN,
            json={
                "document": {
                    "key": kind,
                    "name": {"zh-CN": "合同", "en": "Contract"},
                    "fields": [
                        {"key": "title", "type": "text", "label": {"zh-CN": "名称", "en": "Title"}},
                        {
                            "key": "amount",
                            "type": "money",
                            "label": {"zh-CN": "金额", "en": "Amount"},
                        },
                    ],
                    "title_field": "title",
                }
            },
        )
    ).status_code == 200
    record = await http.post(
        f"/v1/records/{kind}",
        headers=owner,
        json={"client_id": client["id"], "fields": {"title": f"秘密合同{suffix}", "amount": 9}},
    )
    assert record.status_code == 201, record.text
    return World(
        client_id=client["id"],
        client_name=client["name"],
        artifact_id=artifact.id,
        delivery_id=sent.json()["id"],
        event_id=event_id,
        workflow_id=workflow_id,
        task_id=task_id,
        record=f"/v1/records/{kind}/{record.json()['id']}",
        owner=owner,
        manager=token(f"mgr-a-{suffix}", "manager"),
        other_advisor=token(f"adv-b-{suffix}", "advisor", team=team_a),
        other_manager=token(f"mgr-b-{suffix}", "manager", team=team_a),
    )


def reads(w: World) -> list[str]:
    c = f"/v1/clients/{w.client_id}"
    return [
        c,
        f"{c}/view",
        f"{c}/holdings",
        f"{c}/transactions",
        f"{c}/interactions",
        f"{c}/audit",
        f"{c}/tier-history",
        f"{c}/stage-history",
        f"{c}/processes",
        f"{c}/consent",
        f"/v1/artifacts/{w.artifact_id}",
        f"/v1/artifacts/{w.artifact_id}/content",
        f"/v1/notifications/{w.delivery_id}",
        f"/v1/notifications?client_id={w.client_id}",
        f"/v1/events/{w.event_id}",
        f"/v1/processes/{w.workflow_id}",
        f"/v1/processes/{w.workflow_id}/progress",
        f"/v1/tasks/{w.task_id}",
        w.record,
    ]


def actions(w: World) -> list[tuple[str, str, dict[str, object]]]:
    c = f"/v1/clients/{w.client_id}"
    return [
        ("PATCH", c, {"email": "stolen@example.com"}),
        ("POST", f"{c}/interactions", {"channel": "call", "summary": "x"}),
        ("PUT", f"{c}/holdings/CF-X", {"units": "1", "market_value": "1"}),
        ("PUT", f"{c}/stage", {"stage": "CHURNED", "reason": "x"}),
        (
            "PUT",
            f"{c}/consent",
            {"channels": [{"channel": "email", "category": "marketing", "opted_out": True}]},
        ),
        ("POST", f"{c}/processes", {"kind": "client-check"}),
        ("POST", f"{c}/survey-answers", {"score": 0}),
        ("POST", f"/v1/notifications/{w.delivery_id}/retry", {}),
        ("POST", f"/v1/processes/{w.workflow_id}/cancel", {"reason": "x"}),
        ("POST", f"/v1/tasks/{w.task_id}/claim", {}),
        ("POST", f"/v1/tasks/{w.task_id}/complete", {"outcome": "done"}),
        ("PATCH", w.record, {"fields": {"title": "stolen"}}),
        ("POST", f"{w.record}/archive", {}),
        ("POST", w.record.rsplit("/", 1)[0], {"client_id": w.client_id, "fields": {"title": "x"}}),
        (
            "POST",
            "/v1/notifications",
            {
                "idempotency_key": f"steal/{uuid.uuid4()}",
                "client_id": w.client_id,
                "template_key": "welcome",
                "variables": {},
            },
        ),
    ]


@pytest.mark.parametrize("attacker", ["other_advisor", "other_manager"])
async def test_another_book_reads_nothing(
    http: httpx.AsyncClient, world: World, attacker: str
) -> None:
    headers = getattr(world, attacker)
    for path in reads(world):
        response = await http.get(path, headers=headers)
        assert response.status_code in (403, 404), (path, response.status_code, response.text)
        assert world.client_name not in response.text, path
    for path in ("/v1/clients?page_size=200", f"/v1/clients:search?q={world.client_name}"):
        listed = await http.get(path, headers=headers)
        assert listed.status_code == 200 and world.client_id not in listed.text, path
    for path in ("/v1/notifications?page_size=200", "/v1/tasks?page_size=200"):
        listed = await http.get(path, headers=headers)
        assert world.client_id not in listed.text and world.delivery_id not in listed.text, path
    records = world.record.rsplit("/", 1)[0]
    for path in (
        f"{records}?page_size=200",
        f"{records}/export?format=csv",
        f"{records}/totals?group_by=advisor&measure=amount",
        f"{records}?client_id={world.client_id}",
    ):
        listed = await http.get(path, headers=headers)
        assert listed.status_code == 200, (path, listed.text)
        assert world.client_id not in listed.text and "秘密合同" not in listed.text, path
        assert '"count"' not in listed.text, path  # no totals of another book


@pytest.mark.parametrize("attacker", ["other_advisor", "other_manager"])
async def test_another_book_changes_nothing(
    http: httpx.AsyncClient, world: World, attacker: str
) -> None:
    headers = getattr(world, attacker)
    for method, path, body in actions(world):
        response = await http.request(method, path, headers=headers, json=body)
        assert response.status_code in (403, 404), (method, path, response.text)
        assert world.client_name not in response.text, path
    still = await http.get(f"/v1/clients/{world.client_id}", headers=world.owner)
    assert still.json()["email"] != "stolen@example.com"


@pytest.mark.parametrize("who", ["owner", "manager"])
async def test_the_book_reads_its_own(http: httpx.AsyncClient, world: World, who: str) -> None:
    headers = getattr(world, who)
    for path in reads(world):
        if path.startswith("/v1/events/") and who == "owner":
            continue  # events are read by services, admins and whoever sees the client
        response = await http.get(path, headers=headers)
        assert response.status_code == 200, (path, response.status_code, response.text)


@pytest.mark.parametrize("role", ["partner", "accountant"])
async def test_firm_wide_roles_read_but_do_not_act_for_the_advisor(
    http: httpx.AsyncClient, world: World, role: str
) -> None:
    headers = token(f"{role}-bola", role)
    assert (
        await http.get(f"/v1/clients/{world.client_id}/view", headers=headers)
    ).status_code == 200
    assert (
        await http.get(f"/v1/processes/{world.workflow_id}/progress", headers=headers)
    ).status_code == 200
    cancel = await http.post(
        f"/v1/processes/{world.workflow_id}/cancel", headers=headers, json={"reason": "x"}
    )
    assert cancel.status_code == 403
    retry = await http.post(f"/v1/notifications/{world.delivery_id}/retry", headers=headers)
    assert retry.status_code in (403, 404)
