"""Automatic lifecycle moves by configurable rules, each move explained like a tier change.

A rule: {"name", "from": [stages], "to": stage, "when": {condition: value, ...}}; all
conditions must hold; the first matching rule in order wins. Conditions:
  inactive_days_gte / inactive_days_lt   days since last activity (never active = infinite)
  net_outflow_quarters_gte               the last N complete quarters each had net outflows
  net_inflow_quarters_gte                the last N complete quarters each had net inflows
The explanation stored with the move holds the rule and the inputs it saw.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients import audit
from services.clients.definitions import DefinitionService
from services.clients.models import Client, Stage, StageChange, Transaction, net_flow_amount
from services.clients.validation import choice
from services.common.errors import InvalidArgument
from services.common.identity import Actor

RULES = "lifecycle_rules"
CONDITIONS = (
    "inactive_days_gte",
    "inactive_days_lt",
    "net_outflow_quarters_gte",
    "net_inflow_quarters_gte",
)
MAX_QUARTERS = 8
DEFAULT_RULES: dict[str, Any] = {
    "rules": [
        {
            "name": "net_outflows_two_quarters",
            "from": ["ACTIVE", "GROWING"],
            "to": "DECLINING",
            "when": {"net_outflow_quarters_gte": 2},
        },
        {
            "name": "net_inflows_two_quarters",
            "from": ["ACTIVE", "DECLINING"],
            "to": "GROWING",
            "when": {"net_inflow_quarters_gte": 2},
        },
    ]
}
BATCH = 1000


def validate_rules(config: dict[str, Any]) -> dict[str, Any]:
    """Every rule names known stages and conditions with sane values."""
    rules = config.get("rules")
    if not isinstance(rules, list):
        raise InvalidArgument("config.rules", rules, "must be a list of rules")
    names: set[str] = set()
    for index, rule in enumerate(rules):
        where = f"config.rules[{index}]"
        if not isinstance(rule, dict):
            raise InvalidArgument(where, rule, "must be an object")
        name = rule.get("name")
        if not isinstance(name, str) or not name or name in names:
            raise InvalidArgument(f"{where}.name", name, "must be a unique, non-empty name")
        names.add(name)
        choice(f"{where}.to", rule.get("to"), Stage, required=True)
        sources = rule.get("from") or []
        if not isinstance(sources, list) or not sources:
            raise InvalidArgument(
                f"{where}.from", sources, "must list the stages the rule moves clients from"
            )
        for stage in sources:
            choice(f"{where}.from", stage, Stage, required=True)
        when = rule.get("when")
        if not isinstance(when, dict) or not when:
            raise InvalidArgument(f"{where}.when", when, "must hold at least one condition")
        for condition, value in when.items():
            if condition not in CONDITIONS:
                raise InvalidArgument(
                    f"{where}.when.{condition}",
                    value,
                    f"is not a condition; use {', '.join(CONDITIONS)}",
                )
            limit = MAX_QUARTERS if "quarters" in condition else 36500
            if (
                not isinstance(value, int | float)
                or isinstance(value, bool)
                or not 1 <= value <= limit
            ):
                raise InvalidArgument(
                    f"{where}.when.{condition}", value, f"must be a number from 1 to {limit}"
                )
    return {"rules": rules}


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def previous_quarters(today: date, count: int) -> list[date]:
    """Starts of the last `count` complete quarters, most recent first."""
    starts = []
    start = quarter_start(today)
    for _ in range(count):
        month = start.month - 3
        start = date(start.year - 1, month + 12, 1) if month < 1 else date(start.year, month, 1)
        starts.append(start)
    return starts


@dataclass(frozen=True)
class Inputs:
    inactive_days: int | None
    quarter_flows: list[Decimal]  # most recent complete quarter first

    def streak(self, sign: int) -> int:
        count = 0
        for flow in self.quarter_flows:
            if (flow < 0 and sign < 0) or (flow > 0 and sign > 0):
                count += 1
            else:
                break
        return count

    def explain(self) -> dict[str, Any]:
        return {
            "inactive_days": self.inactive_days,
            "quarter_net_flows": [str(f) for f in self.quarter_flows],
        }


def matches(when: dict[str, Any], inputs: Inputs) -> bool:
    """Whether every condition of a rule holds for these inputs."""
    inactive = inputs.inactive_days if inputs.inactive_days is not None else 10**9
    tests = {
        "inactive_days_gte": lambda v: inactive >= v,
        "inactive_days_lt": lambda v: inactive < v,
        "net_outflow_quarters_gte": lambda v: inputs.streak(-1) >= v,
        "net_inflow_quarters_gte": lambda v: inputs.streak(1) >= v,
    }
    return all(tests[condition](value) for condition, value in when.items())


def first_match(rules: list[dict[str, Any]], stage: str, inputs: Inputs) -> dict[str, Any] | None:
    for rule in rules:
        if stage in rule["from"] and rule["to"] != stage and matches(rule["when"], inputs):
            return rule
    return None


@dataclass(frozen=True)
class EvaluateResult:
    evaluated: int
    changed: int


class LifecycleRuleService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.definitions = DefinitionService(session)

    async def rules(self) -> tuple[dict[str, Any], int]:
        entry = await self.definitions.get_config(RULES, DEFAULT_RULES)
        return dict(entry.value), entry.version

    async def evaluate(self, actor: Actor, client_ids: list[uuid.UUID] | None) -> EvaluateResult:
        """Apply the rules; every move records the rule and the inputs it saw."""
        config, version = await self.rules()
        now = datetime.now(UTC)
        quarters = previous_quarters(now.date(), MAX_QUARTERS)
        evaluated = changed = 0
        after: uuid.UUID | None = None
        while True:
            statement = (
                select(Client.id, Client.lifecycle_stage, Client.last_activity_at)
                .order_by(Client.id)
                .limit(BATCH)
            )
            if client_ids is not None:
                statement = statement.where(Client.id.in_(client_ids))
            if after is not None:
                statement = statement.where(Client.id > after)
            rows = list((await self.session.execute(statement)).all())
            if not rows:
                break
            flows = await self._quarter_flows(
                [r.id for r in rows], quarters[-1], quarter_start(now.date())
            )
            for row in rows:
                evaluated += 1
                per_quarter = flows.get(row.id, {})
                inputs = Inputs(
                    inactive_days=(now - row.last_activity_at).days
                    if row.last_activity_at
                    else None,
                    quarter_flows=[per_quarter.get(q, Decimal(0)) for q in quarters],
                )
                rule = first_match(config["rules"], row.lifecycle_stage, inputs)
                if rule is not None:
                    changed += 1
                    await self._move(actor, row.id, row.lifecycle_stage, rule, inputs, version)
            after = rows[-1].id
            if client_ids is not None:
                break
        await self.session.flush()
        return EvaluateResult(evaluated, changed)

    async def _quarter_flows(
        self, ids: list[uuid.UUID], since: date, until: date
    ) -> dict[uuid.UUID, dict[date, Decimal]]:
        quarter = func.date_trunc("quarter", func.timezone("UTC", Transaction.occurred_at))
        signed = net_flow_amount()
        statement = (
            select(Transaction.client_id, quarter.label("quarter"), func.sum(signed))
            .where(
                Transaction.client_id.in_(ids),
                Transaction.occurred_at >= since,
                Transaction.occurred_at < until,
            )
            .group_by(Transaction.client_id, quarter)
        )
        result: dict[uuid.UUID, dict[date, Decimal]] = {}
        for client_id, start, total in (await self.session.execute(statement)).all():
            result.setdefault(client_id, {})[start.date()] = Decimal(total)
        return result

    async def _move(
        self,
        actor: Actor,
        client_id: uuid.UUID,
        previous: str,
        rule: dict[str, Any],
        inputs: Inputs,
        version: int,
    ) -> None:
        client = await self.session.get(Client, client_id)
        assert client is not None
        client.lifecycle_stage = rule["to"]
        explanation = {"rule": rule, "inputs": inputs.explain(), "rules_version": version}
        self.session.add(
            StageChange(
                client_id=client_id,
                stage=rule["to"],
                previous_stage=previous,
                rule=rule["name"],
                explanation=explanation,
                reason="",
                by_user=actor.user_id,
            )
        )
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=client_id,
            entity="stage",
            entity_id=client_id,
            action="update",
            changes=audit.diff({"lifecycle_stage": previous}, {"lifecycle_stage": rule["to"]}),
        )
