"""An insert that skips (or updates) a conflicting row, compiled once: the same statement for
the same columns, and SQLAlchemy's cache hit from its second execution on (a
postgresql.insert with ON CONFLICT has no cache key and would be compiled every time)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, cast

import pytest
from clientflow.notifications.v1 import notifications_pb2 as pb
from clientflow.workflows.v1 import workflows_pb2
from sqlalchemy import Table, event
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.common.grpc_client import ServiceClients
from services.common.insert_once import InsertOnce
from services.common.statement_cache import UNCACHED, kind
from services.workflows.service.models import Event, task_row_id
from services.workflows.service.repository import TaskRepository
from services.workflows.service.tasks import task_values_from
from tests.integration.test_notifications import make_template, send, struct, to_address

EVENTS = cast(Table, Event.__table__)


async def test_a_conflicting_row_is_skipped_and_the_statement_compiled_once(
    engine: AsyncEngine,
) -> None:
    once = InsertOnce(EVENTS, ["event_id"], returning=["event_id"])
    hits: list[Any] = []

    def seen(*args: Any) -> None:
        context = cast(DefaultExecutionContext, args[4])
        if "INSERT INTO" in args[2]:
            hits.append(context.cache_hit)

    event.listen(engine.sync_engine, "before_cursor_execute", seen)
    try:
        event_id = f"once-{uuid.uuid4()}"
        now = datetime.now(UTC)
        row = {
            "event_id": event_id,
            "type": "client.changed",
            "client_id": "",
            "occurred_at": now,
            "received_at": now,
            "payload": {"n": 1},
            "published_by": "svc-test",
            "firings": None,
        }
        async with AsyncSession(engine) as session:
            first = await session.execute(once.statement(row), row)
            assert first.scalar_one() == event_id
            again = await session.execute(once.statement(row), row | {"payload": {"n": 2}})
            assert again.scalar_one_or_none() is None
            stored = await session.get(Event, event_id)
            assert stored is not None and stored.payload == {"n": 1}
            await session.rollback()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", seen)
    assert once.statement(reversed(list(row))) is once.statement(row)
    dialect = engine.dialect
    # Cached: the second execution at the latest is a hit (the first may be one too when
    # another test ran the same statement on this engine), and none lacks a cache key.
    assert len(hits) == 2 and hits[1] == dialect.CACHE_HIT
    assert dialect.NO_CACHE_KEY not in hits
    # What it replaces: SQLAlchemy 2.0 cannot cache this construct at all, and the engine
    # counts each execution of it.
    assert insert(EVENTS).on_conflict_do_nothing()._generate_cache_key() is None
    UNCACHED.clear()
    async with AsyncSession(engine) as session:
        await session.execute(insert(EVENTS).on_conflict_do_nothing(), row)
        await session.rollback()
    assert UNCACHED == {"INSERT workflows.events": 1}


async def test_a_send_runs_no_statement_sqlalchemy_compiles_every_time(
    services: ServiceClients,
) -> None:
    """A message to an address and one to a client: accepted, routed, sent and recorded
    without a statement that has no cache key."""
    name = await make_template(services)
    UNCACHED.clear()
    delivery = await send(
        services,
        pb.SendRequest(
            idempotency_key=f"cache/{uuid.uuid4()}",
            address=to_address(f"{uuid.uuid4().hex[:8]}@example.com"),
            template_key=name,
            variables=struct(name="王"),
        ),
    )
    assert delivery.status == "sent", delivery.reason
    # (Only the notifications schema's: other servers of this process may run meanwhile.)
    assert not [k for k in UNCACHED if "notifications." in k], UNCACHED
    assert (
        kind('INSERT INTO "workflows"."events" ("a") VALUES (1)') == 'INSERT "workflows"."events"'
    )
    assert kind("SELECT x.a, x.b \nFROM clients.clients AS x") == "SELECT clients.clients"


async def test_the_task_projection_takes_a_newer_revision_and_keeps_it_from_a_late_one(
    engine: AsyncEngine,
) -> None:
    """The projection's upsert (ON CONFLICT DO UPDATE, compiled once): a late activity
    retry carrying an older revision changes nothing."""
    values = task_values_from(
        workflows_pb2.Task(
            workflow_id=f"wf-{uuid.uuid4()}",
            task_id="data",
            process_kind="quarterly-report",
            title="Upload the holdings",
            status="open",
            revision=2,
        )
    )
    values["id"] = task_row_id(values["workflow_id"], values["task_id"])
    async with AsyncSession(engine) as session:
        tasks = TaskRepository(session)
        assert (await tasks.upsert(values)).status == "open"
        late = await tasks.upsert(values | {"status": "completed", "revision": 1})
        assert (late.status, late.revision) == ("open", 2)
        newer = await tasks.upsert(values | {"status": "completed", "revision": 3})
        assert (newer.status, newer.revision) == ("completed", 3)
        with pytest.raises(ValueError, match="title"):
            await tasks.upsert({k: v for k, v in values.items() if k != "title"})
        await session.rollback()
