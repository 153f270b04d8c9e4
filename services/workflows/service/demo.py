"""A year of clients' requests for the demo book: closed requests of every built-in type with
their step tasks (some late), CSAT scores, detractor follow-ups. Historical records written
straight into this service's schema (no process runs for a request closed months ago);
seeded once, deterministic."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.db import session_factory
from services.workflows.service.models import ServiceRequest, Task, task_row_id
from services.workflows.service.request_types import BUILT_IN, RequestTypeDef

DEMO_BY = "demo"
NAMESPACE = uuid.UUID("7d3f1e2a-9b8c-4d5e-8f6a-1b2c3d4e5f60")
WEIGHTS = {"redemption": 5, "document-request": 4, "contact-change": 2, "complaint": 1}
SAMPLE_FIELDS: dict[str, dict[str, Any]] = {
    "redemption": {"product": "稳健债券A", "amount": 200000},
    "document-request": {"document": "statement", "period": "2026Q2"},
    "contact-change": {"phone": "13800000000", "reason": "new number"},
    "complaint": {"category": "fees", "description": "管理费扣收有误"},
}


async def seed_demo_requests(
    engine: AsyncEngine, clients: Sequence[tuple[str, str, str, str]], *, seed: int = 11
) -> list[dict[str, Any]]:
    """Requests over the past year for the demo clients (id, advisor, team, tier); returns
    the rows written ([] when the demo requests exist already)."""
    async with session_factory(engine)() as session:
        if await session.scalar(
            select(func.count())
            .select_from(ServiceRequest)
            .where(ServiceRequest.created_by == DEMO_BY)
        ):
            return []
        rng = random.Random(seed)
        now = datetime.now(UTC)
        kinds = [k for k, w in WEIGHTS.items() for _ in range(w)]
        requests: list[dict[str, Any]] = []
        tasks: list[dict[str, Any]] = []
        for client_id, advisor, team, tier in clients:
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                kind = rng.choice(kinds)
                definition = RequestTypeDef.model_validate(BUILT_IN[kind])
                opened = now - timedelta(days=rng.uniform(3, 360))
                request_id = uuid.UUID(int=rng.getrandbits(128), version=4)
                workflow_id = f"service-request/{client_id}/{request_id}"
                at, first_response = opened, None
                rejected = False
                for step in definition.steps:
                    budget = step.sla.by_tier.get(tier, step.sla.hours)  # type: ignore[call-overload]
                    hours = budget * rng.uniform(0.2, 1.6)
                    created, at = at, at + timedelta(hours=hours)
                    first_response = first_response or at
                    outcome = step.outcomes[0]
                    if "rejected" in step.outcomes and rng.random() < 0.05:
                        outcome, rejected = "rejected", True
                    tasks.append(
                        _task(
                            workflow_id,
                            step.key,
                            step.role,
                            client_id,
                            advisor,
                            team,
                            created,
                            at,
                            hours > budget,
                            outcome,
                        )
                    )
                    if rejected:
                        break
                csat = (
                    0 if rejected or not definition.csat else rng.choice((5, 5, 4, 4, 4, 3, 2, 1))
                )
                if csat and csat <= 2:
                    tasks.append(
                        _task(
                            workflow_id,
                            "detractor-follow-up-1",
                            "advisor",
                            client_id,
                            advisor,
                            team,
                            at,
                            at + timedelta(hours=rng.uniform(2, 30)),
                            rng.random() < 0.2,
                            "resolved",
                        )
                    )
                requests.append(
                    {
                        "id": request_id,
                        "workflow_id": workflow_id,
                        "type_key": kind,
                        "type_version": 1,
                        "client_id": client_id,
                        "advisor_id": advisor,
                        "team_id": team,
                        "tier": tier,
                        "subject": "",
                        "fields": SAMPLE_FIELDS[kind],
                        "channel": rng.choice(("portal", "portal", "staff", "event")),
                        "created_by": DEMO_BY,
                        "status": "rejected" if rejected else "closed",
                        "current_step": "closed",
                        "resolution": "rejected" if rejected else "resolved",
                        "due_at": None,
                        "opened_at": opened,
                        "first_response_at": first_response,
                        "resolved_at": at,
                        "closed_at": at + timedelta(days=definition.reopen_days),
                        "round": 1,
                        "csat_score": csat,
                        "progress": {"status": "closed", "steps": []},
                        "revision": 1,
                    }
                )
        for start in range(0, len(requests), 2000):
            await session.execute(insert(ServiceRequest), requests[start : start + 2000])
        for start in range(0, len(tasks), 2000):
            await session.execute(insert(Task), tasks[start : start + 2000])
        await session.commit()
        return requests


def _task(
    workflow_id: str,
    task_id: str,
    role: str,
    client_id: str,
    advisor: str,
    team: str,
    created: datetime,
    done: datetime,
    late: bool,
    outcome: str,
) -> dict[str, Any]:
    return {
        "id": task_row_id(workflow_id, task_id),
        "workflow_id": workflow_id,
        "task_id": task_id,
        "process_kind": "service-request",
        "title": task_id,
        "client_id": client_id,
        "assignee_user": advisor if role == "advisor" else "",
        "assignee_role": role,
        "team_id": team,
        "status": "done",
        "due_at": None,
        "sla": "",
        "outcome": outcome,
        "comment": "",
        "form_json": "{}",
        "claimed_by": "",
        "completed_by": advisor if role == "advisor" else f"{role}-demo",
        "reminders_sent": 0,
        "escalation_level": 1 if late else 0,
        "breached_at": done if late else None,
        "paused": False,
        "created_at": created,
        "updated_at": done,
        "revision": 1,
    }


def demo_ratings(requests: Sequence[dict[str, Any]]) -> list[tuple[str, str, int, datetime, str]]:
    """The CSAT answers the demo requests carry: (client, request type, score, when,
    invitation id), for the reporting service's own seeding."""
    return [
        (
            r["client_id"],
            r["type_key"],
            r["csat_score"],
            r["resolved_at"] + timedelta(hours=5),
            f"{r['workflow_id']}/csat-1",
        )
        for r in requests
        if r["csat_score"]
    ]
