"""What a rule would have done over the events already received ("over the last 1,000
events this rule would have tagged 37 clients"), and the bulk confirmation a rule needs
when that is more clients than the firm's limit. Nothing is changed or stored."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from clientflow.clients.v1 import clients_pb2
from sqlalchemy import select

from services.common.errors import (
    ClientflowError,
    FailedPrecondition,
    NotFound,
    PermissionDenied,
)
from services.common.identity import Actor, Role
from services.workflows.service.automation.actions import Action, parse_actions
from services.workflows.service.automation.changes import (
    RuleIndex,
    cause_of,
    change_facts,
    rule_actor_id,
)
from services.workflows.service.conditions import (
    ConditionError,
    client_facts,
    compile_condition,
    evaluate,
)
from services.workflows.service.models import Event, Rule
from services.workflows.service.rule_actions import RuleActions
from services.workflows.service.rules import change_trigger

MAX_RECENT = 1000
# More distinct clients than this changed by one action over the recent events needs
# `confirm_bulk` on save.
BULK_LIMIT = 100


def unsaved_rule(values: dict[str, Any]) -> tuple[Rule, list[Action]]:
    rule = Rule(id=uuid.UUID(values["id"]) if values.get("id") else uuid.UUID(int=0))
    rule.name, rule.event_type = values.get("name", ""), values.get("event_type", "")
    rule.condition = values.get("condition", "")
    rule.field, rule.from_values, rule.to_values = change_trigger(values)
    rule.team_id = values.get("team_id") or ""
    actions = parse_actions(values.get("actions") or [])
    rule.actions = [a.to_dict() for a in actions]
    return rule, actions


class RecentPreview(RuleActions):
    async def preview_recent(
        self, actor: Actor, values: dict[str, Any], limit: int
    ) -> dict[str, Any]:
        """Evaluate the rule over the last `limit` events of its type whose clients the
        caller may see: matches, and the distinct clients each action would change."""
        if not actor.has(Role.ADMIN, Role.MANAGER):
            raise PermissionDenied("previewing rules is for admins and managers")
        rule, actions = unsaved_rule(values)
        program = compile_condition(rule.condition)
        index = RuleIndex([rule])
        events = (
            await self.session.execute(
                select(Event)
                .where(Event.type == rule.event_type)
                .order_by(Event.received_at.desc())
                .limit(min(max(limit, 1), MAX_RECENT))
            )
        ).scalars()
        clients: dict[str, clients_pb2.Client | None] = {}
        changed: dict[str, set[str]] = defaultdict(set)
        scanned = matched = errors = 0
        example = ""
        first: list[dict[str, str]] = []
        for event in events:
            scanned += 1
            payload = event.payload or {}
            if not index.candidates(event.type, payload):
                continue
            if event.client_id not in clients:
                try:
                    clients[event.client_id] = await self.client(event.client_id, actor)
                except (NotFound, ClientflowError):
                    clients[event.client_id] = None
            client = clients[event.client_id]
            changed_by, _depth = cause_of(payload)
            if client is None or changed_by == rule_actor_id(rule):
                continue
            if rule.team_id and client.team_id != rule.team_id:
                continue
            facts_event = {
                "type": event.type,
                "client_id": event.client_id,
                "occurred_at": event.occurred_at.isoformat(),
                "payload": payload,
                **change_facts(rule, payload),
            }
            try:
                if not evaluate(program, facts_event, client_facts(client)):
                    continue
            except ConditionError as error:
                errors += 1
                example = example or str(error)[:300]
                continue
            matched += 1
            for action in actions:
                changed[action.kind].add(client.id)
            if len(first) < 20:
                first.append(
                    {
                        "client_id": client.id,
                        "name": client.name,
                        "advisor_id": client.advisor_id,
                        "workflow_id": "",
                        "fires_on": "",
                    }
                )
        return {
            "scanned": scanned,
            "matched": matched,
            "errors": errors,
            "first_matches": first,
            "truncated": False,
            "example_error": example,
            "clients_changed": {kind: len(ids) for kind, ids in changed.items()},
        }

    async def check_bulk(self, actor: Actor, values: dict[str, Any]) -> None:
        """Refuse (FAILED_PRECONDITION) an enabled rule whose data actions would have changed
        more than BULK_LIMIT clients over the recent events, unless confirmed."""
        if (
            values.get("confirm_bulk")
            or not values.get("enabled")
            or values.get("trigger") == "date"
        ):
            return
        _rule, actions = unsaved_rule(values)
        if not any(a.changes_data for a in actions):
            return
        result = await self.preview_recent(actor, values, MAX_RECENT)
        widest = max(
            (n for kind, n in result["clients_changed"].items() if kind in _data_kinds(actions)),
            default=0,
        )
        if widest > BULK_LIMIT:
            raise FailedPrecondition(
                f"over the last {result['scanned']:,} events this rule would have changed"
                f" {widest:,} clients (more than {BULK_LIMIT}); save it with confirm_bulk",
                field="confirm_bulk",
                value=False,
            )


def _data_kinds(actions: list[Action]) -> set[str]:
    return {a.kind for a in actions if a.changes_data}
