"""Date rules: birthdays, anniversaries, contract ends and KYC expiries — and a client's
latest date of a record type's field (`records.order.ordered_on` + 30 days: a dealer with no
order for 30 days) — fired by the daily sweep for the day and the days it missed; the occurrence in the workflow id and the
idempotency key keeps each to once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from clientflow.clients.v1 import clients_pb2

from services.common.errors import (
    ClientflowError,
    PermissionDenied,
)
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from services.workflows.service.automation.data_actions import DataActions
from services.workflows.service.conditions import (
    ConditionError,
    client_facts,
    compile_condition,
    evaluate,
)
from services.workflows.service.models import Event, Rule
from services.workflows.service.rule_actions import Firing
from services.workflows.service.rules import yearly

DEFAULT_CATCH_UP_DAYS = 7


def client_date(client: clients_pb2.Client, field: str) -> date | None:
    if field.startswith("custom_fields."):
        value = client.custom_fields.fields.get(field.removeprefix("custom_fields."))
        text = value.string_value if value is not None else ""
    elif field == "kyc_expires_on":
        text = client.kyc.expires_on
    else:
        text = getattr(client, field, "")
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def fire_dates(
    base: date, *, yearly: bool, offset_days: int, first: date, last: date
) -> list[tuple[date, date]]:
    """(fires on, occurrence) pairs with `first` <= fires on <= `last`. A yearly date on
    29 February falls on 28 February in other years."""
    if not yearly:
        fires = base + timedelta(days=offset_days)
        return [(fires, base)] if first <= fires <= last else []
    found = []
    for year in range(first.year - 1, last.year + 2):
        try:
            occurrence = base.replace(year=year)
        except ValueError:
            occurrence = base.replace(year=year, day=28)
        fires = occurrence + timedelta(days=offset_days)
        if first <= fires <= last:
            found.append((fires, occurrence))
    return found


def date_event(
    rule: Rule, client_id: str, fires: date, occurrence: date, base: date
) -> dict[str, Any]:
    """What a date rule's condition sees as `event`; `years` counts the recurrences (0 on
    the date itself, 1 on the first anniversary)."""
    return {
        "type": f"date.{rule.date_field}",
        "client_id": client_id,
        "occurred_at": fires.isoformat(),
        "payload": {
            "date_field": rule.date_field,
            "occurrence": occurrence.isoformat(),
            "fires_on": fires.isoformat(),
            "years": occurrence.year - base.year,
        },
    }


class DateSweep(DataActions):
    async def sweep_dates(self, actor: Actor, day: date, catch_up_days: int) -> dict[str, int]:
        """Fire every enabled date rule due on `day` or in the `catch_up_days` before it (a
        day the sweep did not run is caught up; the occurrence in the workflow id and the
        idempotency key keeps it to once)."""
        if not actor.has(Role.SERVICE, Role.ADMIN):
            raise PermissionDenied("sweeping date rules needs the service or admin role")
        rules = await self.enabled_rules("date")
        counts = {"rules": len(rules), "scanned": 0, "started": 0, "already_fired": 0}
        counts.update({"notified": 0, "errors": 0})
        if not rules:
            return counts
        first = day - timedelta(days=catch_up_days)
        latest = {
            rule.date_field: await self.latest_record_dates(rule.date_field)
            for rule in rules
            if rule.date_field.startswith("records.")
        }
        async for client in self.all_clients(SYSTEM_ACTOR):
            counts["scanned"] += 1
            facts = client_facts(client)
            for rule in rules:
                if rule.date_field in latest:
                    base = latest[rule.date_field].get(client.id)
                else:
                    base = client_date(client, rule.date_field)
                if base is None:
                    continue
                for fires, occurrence in fire_dates(
                    base,
                    yearly=yearly(rule.date_field, rule.parameters),
                    offset_days=rule.offset_days,
                    first=first,
                    last=day,
                ):
                    event = date_event(rule, client.id, fires, occurrence, base)
                    try:
                        if not evaluate(compile_condition(rule.condition), event, facts):
                            continue
                    except (ConditionError, ClientflowError):
                        counts["errors"] += 1
                        continue
                    for firing in await self._act_on_date(rule, client, occurrence):
                        outcome = firing.outcome
                        if outcome in counts or outcome == "error":
                            counts[outcome if outcome in counts else "errors"] += 1
        return counts

    async def _act_on_date(
        self, rule: Rule, client: clients_pb2.Client, occurrence: date
    ) -> list[Firing]:
        stand_in = Event(
            event_id=f"date/{rule.id}/{client.id}/{occurrence.isoformat()}",
            type=f"date.{rule.date_field}",
            client_id=client.id,
            occurred_at=datetime.now(UTC),
            payload={"date_field": rule.date_field, "occurrence": occurrence.isoformat()},
        )
        return await self.apply_rule(rule, client, stand_in, occurrence.isoformat())
