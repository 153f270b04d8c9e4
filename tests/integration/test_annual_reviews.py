"""January's annual reviews through the stack: one page starts a review for each CORE and
STRATEGIC client and a second pass starts none again; the review waits on the advisor, and
the client-safe view shows its named steps and nothing internal."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from clientflow.clients.v1 import clients_pb2
from clientflow.workflows.v1 import workflows_pb2

from services.common.identity import SYSTEM_ACTOR, Actor, Role
from tests.support import Stack, create_client, eventually, token


async def test_reviews_start_once_per_core_and_strategic_client(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    services = stack.services
    team = f"team-r{uuid.uuid4().hex[:6]}"
    advisor = f"adv-annual-{uuid.uuid4().hex[:4]}"
    manager = Actor(user_id="mgr-r", roles=frozenset({Role.MANAGER}), team_id=team)
    reviewed = await create_client(services.clients, advisor_id=advisor, team_id=team)
    growth = await create_client(services.clients, advisor_id=advisor, team_id=team)
    for client in (reviewed, growth):
        await services.clients.SetLifecycleStage(
            clients_pb2.SetLifecycleStageRequest(client_id=client.id, stage="ACTIVE", reason="t"),
            metadata=SYSTEM_ACTOR.to_metadata(),
        )
    await services.clients.OverrideTier(
        clients_pb2.OverrideTierRequest(client_id=reviewed.id, tier="CORE", reason="t"),
        metadata=manager.to_metadata(),
    )
    year = 2031  # a year no other test uses

    async def start_all() -> tuple[int, int]:
        started = already = 0
        token_ = ""
        while True:
            page = await services.triggers.StartAnnualReviews(
                workflows_pb2.StartAnnualReviewsRequest(year=year, page_token=token_),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=120,
            )
            started, already = started + page.started, already + page.already_started
            token_ = page.next_page_token
            if not token_:
                return started, already

    first = await start_all()
    assert first[0] >= 1
    again = await start_all()
    assert again[0] == 0 and again[1] == first[0] + first[1]

    workflow_id = f"annual-review/{reviewed.id}/{year}"
    me = token(advisor, "advisor", team=team)

    async def asking() -> dict[str, Any] | None:
        progress = await gateway.get(f"/v1/processes/{workflow_id}/progress", headers=me)
        found: dict[str, Any] = progress.json()
        return found if progress.status_code == 200 and found["tasks"] else None

    staff = await eventually(asking, "the review to ask the advisor", seconds=10)
    assert staff["tasks"][0]["task_id"] == "book-meeting"
    assert staff["tasks"][0]["assignee_user"] == advisor
    client_view = (
        await gateway.get(
            f"/v1/processes/{workflow_id}/progress", params={"view": "client"}, headers=me
        )
    ).json()
    assert [s["detail"] for s in client_view["steps"] if s["event"] == "step"] == [
        "review meeting being booked"
    ]
    assert client_view["tasks"][0]["assignee_user"] == "" and client_view["waiting_on"] == ""
    growth_review = await gateway.get(f"/v1/processes/annual-review/{growth.id}/{year}", headers=me)
    assert growth_review.status_code == 404  # a GROWTH client has no annual review
    cancelled = await gateway.post(
        f"/v1/processes/{workflow_id}/cancel",
        headers=token("mgr-r", "manager", team=team),
        json={"reason": "test over"},
    )
    assert cancelled.status_code == 200, cancelled.text
