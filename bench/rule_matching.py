"""Rule matching per change: the CPU one client.changed event costs the rule engine with 200
enabled rules — rules found through the index by event type and changed field, from/to
values checked, then the CEL conditions of the candidates evaluated — against evaluating
every rule's condition for every change (no index), in the same process and run."""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import time
import uuid
from typing import Any

from services.workflows.service.automation.changes import RuleIndex, change_facts
from services.workflows.service.conditions import compile_condition, evaluate
from services.workflows.service.models import Rule

FIELDS = [f"custom_fields.f{i}" for i in range(40)] + [
    "tier",
    "lifecycle_stage",
    "tags",
    "risk_level",
]
TYPES = ["client.changed", "transaction.recorded", "interaction.logged", "holding.changed"]


def rules(count: int, rng: random.Random) -> list[Rule]:
    made = []
    for i in range(count):
        rule = Rule(id=uuid.uuid4(), name=f"r{i}", enabled=True)
        rule.event_type = rng.choice(TYPES)
        rule.field = rng.choice(FIELDS) if rule.event_type == "client.changed" else ""
        rule.from_values, rule.to_values = (["B"], ["A"]) if rng.random() < 0.5 else ([], [])
        rule.condition = rng.choice(
            [
                'client.tier == "STRATEGIC" && client.aum > 1000000.0',
                '"vip" in client.tags || event.after == "A"',
                "event.payload.amount > 500000.0",
                'client.stage in ["ACTIVE", "GROWING"]',
            ]
        )
        rule.team_id = ""
        made.append(rule)
    return made


def change(rng: random.Random) -> dict[str, Any]:
    field = rng.choice(FIELDS)
    return {
        "type": "client.changed",
        "payload": {
            "changes": {field: {"before": rng.choice("ABC"), "after": rng.choice("ABC")}},
            "fields": [field],
            "actor_id": "adv-li",
            "cause": {"event_id": "", "depth": 0},
        },
    }


CLIENT = {
    "id": "c",
    "tier": "CORE",
    "stage": "ACTIVE",
    "risk_level": "C3",
    "kyc_status": "verified",
    "tags": ["vip"],
    "custom_fields": {"f1": "A"},
    "aum": 2_500_000.0,
    "advisor_id": "adv-li",
    "team_id": "team-east",
    "status": "active",
    "locale": "zh-CN",
}


def indexed(index: RuleIndex, events: list[dict[str, Any]]) -> int:
    matched = 0
    for event in events:
        for rule in index.candidates(event["type"], event["payload"]):
            facts = {**event, **change_facts(rule, event["payload"])}
            with contextlib.suppress(Exception):
                matched += evaluate(compile_condition(rule.condition), facts, CLIENT)
    return matched


def naive(all_rules: list[Rule], events: list[dict[str, Any]]) -> int:
    matched = 0
    for event in events:
        for rule in all_rules:
            facts = {**event, **change_facts(rule, event["payload"])}
            with contextlib.suppress(Exception):
                matched += evaluate(compile_condition(rule.condition), facts, CLIENT)
    return matched


async def run(args: argparse.Namespace) -> list[str]:
    rng = random.Random(7)
    all_rules = rules(200, rng)
    index = RuleIndex(all_rules)
    events = [change(rng) for _ in range(args.workflows)]
    indexed(index, events[:20])  # warm the compiled-condition cache
    naive(all_rules, events[:5])
    ours, base = [], []
    for _ in range(args.rounds):
        started = time.process_time()
        indexed(index, events)
        ours.append((time.process_time() - started) / len(events) * 1000)
        started = time.process_time()
        naive(all_rules, events[: max(1, len(events) // 10)])
        base.append((time.process_time() - started) / max(1, len(events) // 10) * 1000)
    ms, naive_ms = statistics.median(ours), statistics.median(base)
    return [
        f"rule_matching: 200 enabled rules, {len(events)} client.changed events x {args.rounds} rounds",
        f"  indexed (type, field, from/to, then CEL): {ms:.3f} ms CPU per change",
        f"  every rule's condition per change:       {naive_ms:.3f} ms CPU per change",
        f"  ratio indexed/every rule: {ms / naive_ms:.3f}",
    ]
