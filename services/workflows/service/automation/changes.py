"""Which rules a change event concerns, without evaluating any CEL: rules are indexed by
event type and changed field, and a field rule's from/to values are checked on the event's
before and after. What a condition then sees of the change (`event.before`, `event.after`),
and the bounds on chains of rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from services.workflows.service.automation.payloads import changes_of
from services.workflows.service.models import Rule

CHANGE_EVENT = "client.changed"
# A rule acting on an event causes events of its own; rules answer them up to this depth
# (a person's change is depth 0), and a rule never answers a change it made itself.
MAX_DEPTH = 3


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def field_matches(rule: Rule, payload: Mapping[str, Any]) -> bool:
    """The rule's field changed, from one of its from-values to one of its to-values (tags:
    a to-value added, a from-value removed)."""
    if not rule.field:
        return True
    change = changes_of(payload).get(rule.field)
    if not isinstance(change, dict):
        return False
    if rule.field == "tags":
        added, removed = change.get("added") or [], change.get("removed") or []
        return (not rule.to_values or any(t in added for t in rule.to_values)) and (
            not rule.from_values or any(t in removed for t in rule.from_values)
        )
    before, after = _text(change.get("before")), _text(change.get("after"))
    return (not rule.from_values or before in rule.from_values) and (
        not rule.to_values or after in rule.to_values
    )


def cause_of(payload: Mapping[str, Any]) -> tuple[str, int]:
    """(the actor who made the change, the rule chain's depth) of a change event."""
    cause = payload.get("cause")
    depth = cause.get("depth", 0) if isinstance(cause, dict) else 0
    try:
        depth = int(depth)
    except (TypeError, ValueError):
        depth = 0
    return str(payload.get("actor_id", "")), depth


def rule_actor_id(rule: Rule) -> str:
    return f"rule:{rule.id}"


def change_facts(rule: Rule, payload: Mapping[str, Any]) -> dict[str, Any]:
    """`event.before` / `event.after` for a condition: the named field's values, or every
    changed field's (`event.before['custom_fields.intent']`) for a rule on any change."""
    changes = changes_of(payload)
    if rule.field:
        change = changes.get(rule.field) or {}
        return {"before": change.get("before"), "after": change.get("after"), "field": rule.field}
    return {
        "before": {k: c.get("before") for k, c in changes.items() if isinstance(c, dict)},
        "after": {k: c.get("after") for k, c in changes.items() if isinstance(c, dict)},
        "field": "",
    }


class RuleIndex:
    """Enabled event rules by event type, then by field ("" = any change)."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._by_type: dict[str, dict[str, list[Rule]]] = defaultdict(lambda: defaultdict(list))
        for rule in rules:
            self._by_type[rule.event_type][rule.field].append(rule)

    def types(self) -> set[str]:
        return set(self._by_type)

    def candidates(self, event_type: str, payload: Mapping[str, Any]) -> list[Rule]:
        """The rules whose type and field trigger match (conditions not yet evaluated)."""
        by_field = self._by_type.get(event_type)
        if not by_field:
            return []
        found = list(by_field.get("", ()))
        for name in changes_of(payload):
            found.extend(r for r in by_field.get(name, ()) if field_matches(r, payload))
        return sorted(found, key=lambda r: (r.name, str(r.id)))
