"""Date-relative rules: a birthday rule previews when it would fire for which client, the
daily sweep fires it once on the day (and a later sweep within the catch-up window does not
fire it again), and `schedules sync` creates and updates the Temporal Schedules, keeping
an operator's pause."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from clientflow.clients.v1 import clients_pb2
from clientflow.workflows.v1 import workflows_pb2
from temporalio.client import Client, ScheduleActionStartWorkflow

from services.common.identity import SYSTEM_ACTOR
from services.workflows.service.date_rules import fire_dates
from services.workflows.service.schedules import ensure_schedules, schedules, sync_schedules
from services.workflows.worker.processes.date_sweep import SCHEDULE_ID
from services.workflows.worker.processes.dormant import SCAN_SCHEDULE_ID
from tests.support import Stack, create_client, token

ADMIN = token("admin-1", "admin")


def test_yearly_dates_recur_and_leap_days_fall_on_the_28th() -> None:
    fires = fire_dates(
        date(1984, 2, 29),
        yearly=True,
        offset_days=-3,
        first=date(2027, 2, 1),
        last=date(2027, 3, 31),
    )
    assert fires == [(date(2027, 2, 25), date(2027, 2, 28))]
    once = fire_dates(
        date(2027, 1, 31),
        yearly=False,
        offset_days=-30,
        first=date(2027, 1, 1),
        last=date(2027, 1, 2),
    )
    assert once == [(date(2027, 1, 1), date(2027, 1, 31))]


async def test_a_birthday_rule_previews_then_fires_once(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    services = stack.services
    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).date()
    birthday = (today + timedelta(days=10)).replace(year=1980)
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    client = await create_client(
        services.clients,
        advisor_id=advisor,
        fields=clients_pb2.ClientFields(birthday=birthday.isoformat()),
    )
    rule = {
        "name": f"birthday call {advisor}",
        "event_type": "date.birthday",
        "trigger": "date",
        "date_field": "birthday",
        "offset_days": -3,
        "condition": f'client.advisor_id == "{advisor}"',
        "action": "start_process",
        "target": "call-client",
        "parameters": {"reason": "birthday"},
        "period": "year",
    }
    bad = await gateway.post("/v1/rules", headers=ADMIN, json={**rule, "date_field": ""})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "date_field"

    preview = await gateway.post(
        "/v1/rules/preview", headers=ADMIN, json={"rule": rule, "horizon_days": 30}
    )
    assert preview.status_code == 200, preview.text
    [match] = [m for m in preview.json()["first_matches"] if m["client_id"] == client.id]
    fires_on = today + timedelta(days=7)
    assert match["fires_on"] == fires_on.isoformat()
    short = await gateway.post(
        "/v1/rules/preview", headers=ADMIN, json={"rule": rule, "horizon_days": 5}
    )
    assert client.id not in [m["client_id"] for m in short.json()["first_matches"]]

    created = await gateway.post("/v1/rules", headers=ADMIN, json=rule)
    assert created.status_code == 201, created.text
    rule_id = created.json()["id"]

    async def sweep(day: date) -> workflows_pb2.SweepDatesResponse:
        reply: workflows_pb2.SweepDatesResponse = await services.triggers.SweepDates(
            workflows_pb2.SweepDatesRequest(day=day.isoformat()),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=120,
        )
        return reply

    before = await sweep(fires_on - timedelta(days=1))
    assert before.started == 0
    on_the_day = await sweep(fires_on)
    assert on_the_day.started == 1, on_the_day
    later = await sweep(fires_on + timedelta(days=2))  # within the catch-up window
    assert (later.started, later.already_fired) == (0, 1)
    occurrence = (today + timedelta(days=10)).isoformat()
    workflow_id = f"call-client/{client.id}/rule-{uuid.UUID(rule_id).hex[:12]}/{occurrence}"
    process = await gateway.get(f"/v1/processes/{workflow_id}", headers=ADMIN)
    assert process.status_code == 200, process.text
    await gateway.delete(f"/v1/rules/{rule_id}", headers=ADMIN)


async def test_schedules_sync_creates_then_updates_and_keeps_a_pause(
    stack: Stack,
) -> None:
    client = stack.client
    assert isinstance(client, Client)
    queue = stack.task_queue
    try:
        every = set(schedules(queue))
        assert {SCHEDULE_ID, SCAN_SCHEDULE_ID} < every
        first = await sync_schedules(client, queue)
        assert set(first.created) | set(first.updated) == every
        # The service's start-up only creates what is missing.
        assert await ensure_schedules(client, queue) == []
        handle = client.get_schedule_handle(SCAN_SCHEDULE_ID)
        await handle.pause(note="operator: month-end freeze")
        second = await sync_schedules(client, queue)
        assert (second.created, sorted(second.updated)) == ([], sorted(every))
        scan = await handle.describe()
        assert scan.schedule.state.paused  # an operator's pause survives a sync
        assert scan.schedule.spec.time_zone_name == "Asia/Shanghai"
        sweep = await client.get_schedule_handle(SCHEDULE_ID).describe()
        action = sweep.schedule.action
        assert isinstance(action, ScheduleActionStartWorkflow)
        assert action.workflow == "DateTriggersSweep" and action.task_queue == queue
    finally:
        # Leave no schedule that could fire into the shared test database.
        for schedule_id in schedules(queue):
            await client.get_schedule_handle(schedule_id).delete()
