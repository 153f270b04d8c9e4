"""What-if: the clients a rule would match now (or, for a date rule, within a horizon),
with the workflow id each would get; nothing is started or stored."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from clientflow.clients.v1 import clients_pb2

from services.common.errors import (
    InvalidArgument,
    PermissionDenied,
)
from services.common.identity import Actor, Role
from services.workflows.service.conditions import (
    ConditionError,
    client_facts,
    compile_condition,
    evaluate,
)
from services.workflows.service.date_rules import client_date, date_event, fire_dates
from services.workflows.service.models import Rule
from services.workflows.service.rule_actions import RuleActions
from services.workflows.service.rules import (
    PERIOD_ZONE,
    PERIODS,
    date_rule_fields,
    period_key,
    rule_workflow_id,
    yearly,
)


class RulePreview(RuleActions):
    async def preview(
        self,
        actor: Actor,
        rule: dict[str, Any],
        sample_payload: dict[str, Any],
        *,
        page_size: int,
        scan_limit: int,
        horizon_days: int = 0,
    ) -> dict[str, Any]:
        """How many clients in the caller's scope the rule would match now, and the first
        of them, with the workflow id each would get — nothing is started or stored."""
        if not actor.has(Role.ADMIN, Role.MANAGER):
            raise PermissionDenied("previewing rules is for admins and managers")
        program = compile_condition(rule["condition"])
        period, size, limit, horizon = preview_bounds(rule, page_size, scan_limit, horizon_days)
        trigger, date_field, offset = date_rule_fields(rule)
        now = datetime.now(UTC)
        today = now.astimezone(PERIOD_ZONE).date()
        preview_rule = Rule(id=uuid.UUID(rule["id"]) if rule.get("id") else uuid.UUID(int=0))
        preview_rule.target = rule.get("target") or "process"
        key = period_key(period, now, "preview")
        scanned = matched = errors = 0
        example = ""
        first: list[dict[str, str]] = []
        truncated = False
        latest = (
            await self.latest_record_dates(date_field)
            if trigger == "date" and date_field.startswith("records.")
            else None
        )
        async for client in self.all_clients(actor):
            if scanned >= limit:
                truncated = True
                break
            scanned += 1
            facts = client_facts(client)
            if trigger == "date":
                preview_rule.date_field = date_field
                candidates = date_candidates(
                    preview_rule,
                    client,
                    date_field,
                    offset,
                    today,
                    today + timedelta(days=horizon),
                    latest,
                )
            else:
                event = {
                    "type": rule.get("event_type", ""),
                    "client_id": client.id,
                    "occurred_at": now.isoformat(),
                    "payload": sample_payload,
                }
                candidates = [(key, event, "")]
            for candidate_key, event, fires_on in candidates:
                try:
                    ok = evaluate(program, event, facts)
                except ConditionError as error:
                    errors += 1
                    example = example or str(error)[:300]
                    continue
                if ok:
                    matched += 1
                    first.append(
                        {
                            "client_id": client.id,
                            "name": client.name,
                            "advisor_id": client.advisor_id,
                            "workflow_id": rule_workflow_id(preview_rule, client.id, candidate_key),
                            "fires_on": fires_on,
                        }
                    )
                    first.sort(key=lambda m: (m["fires_on"], m["client_id"]))
                    del first[size:]
        return {
            "scanned": scanned,
            "matched": matched,
            "errors": errors,
            "first_matches": first,
            "truncated": truncated,
            "example_error": example,
        }


def date_candidates(
    rule: Rule,
    client: clients_pb2.Client,
    date_field: str,
    offset: int,
    first: date,
    last: date,
    latest: dict[str, date] | None = None,
) -> list[tuple[str, dict[str, Any], str]]:
    """(period key, the event the condition sees, fires on) for each time a date rule would
    fire for the client between `first` and `last` (`latest`: each client's latest date of
    a record type's field, for a `records.` rule)."""
    base = latest.get(client.id) if latest is not None else client_date(client, date_field)
    if base is None:
        return []
    return [
        (
            occurrence.isoformat(),
            date_event(rule, client.id, fires, occurrence, base),
            fires.isoformat(),
        )
        for fires, occurrence in fire_dates(
            base,
            yearly=yearly(date_field, rule.parameters),
            offset_days=offset,
            first=first,
            last=last,
        )
    ]


def preview_bounds(
    rule: dict[str, Any], page_size: int, scan_limit: int, horizon_days: int
) -> tuple[str, int, int, int]:
    """The rule's period and the preview's page size, scan limit and horizon, each checked."""
    period = rule.get("period") or "once"
    if period not in PERIODS:
        raise InvalidArgument("rule.period", period, f"must be one of {', '.join(PERIODS)}")
    size = page_size or 20
    if not 1 <= size <= 200:
        raise InvalidArgument("page_size", size, "must be between 1 and 200")
    limit = scan_limit or 20_000
    if not 1 <= limit <= 200_000:
        raise InvalidArgument("scan_limit", limit, "must be between 1 and 200,000")
    horizon = horizon_days or 30
    if not 1 <= horizon <= 366:
        raise InvalidArgument("horizon_days", horizon, "must be between 1 and 366")
    return period, size, limit, horizon
