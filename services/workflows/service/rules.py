"""Trigger rules: what a rule is (event or date trigger, condition, action, period) and
the admin's changes to them; the workflow id a rule's start gets, one per client and period."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import (
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.workflows.service.automation.actions import parse_actions
from services.workflows.service.automation.changes import CHANGE_EVENT
from services.workflows.service.conditions import compile_condition
from services.workflows.service.models import Rule
from services.workflows.service.repository import RuleRepository
from services.workflows.worker.processes.registry import PROCESS_KINDS

PERIODS = ("once", "day", "month", "quarter", "year", "always")
TRIGGERS = ("event", "date")
# Date fields of a client record; the yearly ones recur (birthdays, signing anniversaries).
DATE_FIELDS = {"birthday": True, "signed_on": True, "contract_end": False, "kyc_expires_on": False}
# A custom date field is a date trigger too: once, or yearly with `parameters.yearly = "true"`.
CUSTOM_DATE = re.compile(r"^custom_fields\.[a-z][a-z0-9_]{0,63}$")
# The client's latest value of a record type's date field: "30 days after the last order".
RECORD_DATE = re.compile(r"^records\.[a-z][a-z0-9_]{0,39}\.[a-z][a-z0-9_]{0,39}$")
DEFAULT_CATCH_UP_DAYS = 7
ACTIONS = ("start_process", "signal_process", "notify")
CHANGE_FIELD = re.compile(r"^(custom_fields\.[a-z][a-z0-9_]{0,63}|[a-z][a-z_]{0,63})$")
TEAM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_.-]{0,99}$")
# Period boundaries (a month, a quarter) follow the firm's home time zone.
PERIOD_ZONE = ZoneInfo("Asia/Shanghai")


def period_key(period: str, occurred_at: datetime, event_id: str) -> str:
    local = occurred_at.astimezone(PERIOD_ZONE)
    if period == "once":
        return "once"
    if period == "day":
        return local.strftime("%Y-%m-%d")
    if period == "month":
        return local.strftime("%Y-%m")
    if period == "quarter":
        return f"{local.year}Q{(local.month - 1) // 3 + 1}"
    if period == "year":
        return str(local.year)
    return f"event-{event_id}"


def yearly(rule_date_field: str, parameters: Mapping[str, str]) -> bool:
    """Whether a date trigger recurs every year (birthdays, anniversaries)."""
    if rule_date_field in DATE_FIELDS:
        return DATE_FIELDS[rule_date_field]
    if rule_date_field.startswith("records."):
        return False
    return parameters.get("yearly", "") == "true"


def rule_workflow_id(rule: Rule, client_id: str, key: str) -> str:
    return f"{rule.target}/{client_id}/rule-{rule.id.hex[:12]}/{key}"


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": str(rule.id),
        "name": rule.name,
        "event_type": rule.event_type,
        "condition": rule.condition,
        "action": rule.action,
        "target": rule.target,
        "parameters": dict(rule.parameters),
        "period": rule.period,
        "enabled": rule.enabled,
        "updated_by": rule.updated_by,
        "updated_at": rule.updated_at,
        "version": rule.version,
        "trigger": rule.trigger,
        "date_field": rule.date_field,
        "offset_days": rule.offset_days,
        "error_count": rule.error_count or 0,
        "last_error": rule.last_error or "",
        "last_error_at": rule.last_error_at,
        "field": rule.field or "",
        "from_values": list(rule.from_values or []),
        "to_values": list(rule.to_values or []),
        "actions": [dict(a) for a in rule.actions or []],
        "team_id": rule.team_id or "",
    }


def date_rule_fields(values: Mapping[str, Any]) -> tuple[str, str, int]:
    trigger = values.get("trigger") or "event"
    if trigger not in TRIGGERS:
        raise InvalidArgument("trigger", trigger, "must be event or date")
    if trigger == "event":
        return trigger, "", 0
    field = values.get("date_field", "")
    if field not in DATE_FIELDS and not CUSTOM_DATE.match(field) and not RECORD_DATE.match(field):
        raise InvalidArgument(
            "date_field",
            field,
            f"must be one of {', '.join(DATE_FIELDS)}, custom_fields.<key> or"
            " records.<type>.<date field> (a client's latest)",
        )
    offset = int(values.get("offset_days", 0))
    if not -366 <= offset <= 366:
        raise InvalidArgument("offset_days", offset, "must be between -366 and 366")
    return trigger, field, offset


def check_action(action: str, target: str) -> None:
    """A rule's own (first) action: start, signal or notify."""
    if action not in ACTIONS:
        raise InvalidArgument(
            "action", action, f"must be one of {', '.join(ACTIONS)} (or give actions)"
        )
    if action == "start_process" and target not in PROCESS_KINDS:
        raise InvalidArgument(
            "target", target, f"must be a process kind: {', '.join(sorted(PROCESS_KINDS))}"
        )
    if not target or len(target) > 200:
        raise InvalidArgument("target", target, "must be 1-200 characters")


def change_trigger(values: Mapping[str, Any]) -> tuple[str, list[str], list[str]]:
    """The changed field a rule watches and its from / to values."""
    field = values.get("field") or ""
    if field and not CHANGE_FIELD.match(field):
        raise InvalidArgument("field", field, "must be a client field name or custom_fields.<key>")
    if field and values.get("event_type") != CHANGE_EVENT:
        raise InvalidArgument("field", field, f"a changed field needs event_type {CHANGE_EVENT}")
    lists = []
    for name in ("from_values", "to_values"):
        items = [str(v) for v in values.get(name) or []]
        if len(items) > 50 or any(len(v) > 200 for v in items):
            raise InvalidArgument(name, len(items), "at most 50 values of ≤ 200 characters")
        if items and not field:
            raise InvalidArgument(name, items[0], "needs the field whose values these are")
        lists.append(items)
    return field, lists[0], lists[1]


class RuleBook:
    """Admins write rules; admins, managers and services read them."""

    session: AsyncSession

    async def put_rule(self, actor: Actor, values: dict[str, Any]) -> Rule:
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("only an admin may change rules")
        name = values["name"].strip()
        if not 1 <= len(name) <= 200:
            raise InvalidArgument("name", values["name"], "must be 1-200 characters")
        if not EVENT_TYPE.match(values["event_type"]):
            raise InvalidArgument(
                "event_type", values["event_type"], "must look like client.activity"
            )
        compile_condition(values["condition"])
        actions = parse_actions(values.get("actions") or [])
        if values["action"] or not actions:
            check_action(values["action"], values["target"])
        field, from_values, to_values = change_trigger(values)
        team_id = values.get("team_id") or ""
        if team_id and not TEAM_ID.match(team_id):
            raise InvalidArgument("team_id", team_id, "is not a team id")
        period = values["period"] or "once"
        if period not in PERIODS:
            raise InvalidArgument("period", period, f"must be one of {', '.join(PERIODS)}")
        trigger, date_field, offset = date_rule_fields(values)
        now = datetime.now(UTC)
        rule: Rule | None = None
        if values.get("id"):
            try:
                key = uuid.UUID(values["id"])
            except ValueError:
                raise InvalidArgument("id", values["id"], "is not a rule id (a UUID)") from None
            rule = await RuleRepository(self.session).live(key)
            if rule is None:
                raise NotFound(f"rule {values['id']} not found", field="id", value=values["id"])
            rule.version += 1
        else:
            rule = Rule(id=uuid.uuid4(), version=1)
            self.session.add(rule)
        rule.name, rule.event_type, rule.condition = name, values["event_type"], values["condition"]
        rule.action, rule.target, rule.parameters = (
            values["action"],
            values["target"],
            dict(values["parameters"]),
        )
        rule.period, rule.enabled = period, bool(values["enabled"])
        rule.trigger, rule.date_field, rule.offset_days = trigger, date_field, offset
        rule.field, rule.from_values, rule.to_values = field, from_values, to_values
        rule.actions, rule.team_id = [a.to_dict() for a in actions], team_id
        rule.updated_by, rule.updated_at = actor.user_id, now
        await self.session.flush()
        return rule

    async def list_rules(self, actor: Actor, event_type: str) -> list[Rule]:
        if not actor.has(Role.ADMIN, Role.MANAGER, Role.SERVICE):
            raise PermissionDenied("rules are for admins and managers")
        return await RuleRepository(self.session).listed(event_type)

    async def delete_rule(self, actor: Actor, rule_id: str) -> Rule:
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("only an admin may change rules")
        key = parse_id("id", rule_id, "a rule id")
        rule = await RuleRepository(self.session).live(key)
        if rule is None:
            raise NotFound(f"rule {rule_id} not found", field="id", value=rule_id)
        rule.deleted_at, rule.enabled = datetime.now(UTC), False
        rule.version += 1
        await self.session.flush()
        return rule
