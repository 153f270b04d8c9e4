"""Tiers by a configurable scorecard, with the inputs and score of every change kept.

score = 100 * sum(weight_i * clamp(input_i / scale_i, 0, 1)), weights normalised to sum 1;
tier = STRATEGIC when score >= thresholds.STRATEGIC, CORE when >= thresholds.CORE, else GROWTH.
Inputs: aum, net_flows_12m (subscriptions - redemptions), tenure_years (since signed_on),
engagement_90d (interactions in the last 90 days).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients import audit
from services.clients.definitions import DefinitionService
from services.clients.models import (
    Client,
    Interaction,
    Tier,
    TierChange,
    Transaction,
    net_flow_amount,
)
from services.clients.validation import text
from services.common.errors import InvalidArgument
from services.common.identity import Actor

SCORECARD = "tier_scorecard"
INPUTS = ("aum", "net_flows_12m", "tenure_years", "engagement_90d")
DEFAULT_SCORECARD: dict[str, Any] = {
    "weights": {"aum": 0.5, "net_flows_12m": 0.2, "tenure_years": 0.1, "engagement_90d": 0.2},
    "scales": {
        "aum": 10_000_000,
        "net_flows_12m": 2_000_000,
        "tenure_years": 10,
        "engagement_90d": 12,
    },
    "thresholds": {"STRATEGIC": 70, "CORE": 40},
}
BATCH = 1000


def validate_scorecard(config: dict[str, Any]) -> dict[str, Any]:
    """Weights ≥ 0 summing above 0, scales > 0, STRATEGIC threshold above CORE."""
    for section in ("weights", "scales", "thresholds"):
        if not isinstance(config.get(section), dict):
            raise InvalidArgument(f"config.{section}", config.get(section), "must be an object")
    weights, scales, thresholds = config["weights"], config["scales"], config["thresholds"]
    for name in weights:
        if name not in INPUTS:
            raise InvalidArgument(
                f"config.weights.{name}",
                weights[name],
                f"is not an input; inputs: {', '.join(INPUTS)}",
            )
    for name in INPUTS:
        weight, scale = weights.get(name, 0), scales.get(name, 1)
        if not isinstance(weight, int | float) or weight < 0:
            raise InvalidArgument(f"config.weights.{name}", weight, "must be a number ≥ 0")
        if not isinstance(scale, int | float) or scale <= 0:
            raise InvalidArgument(f"config.scales.{name}", scale, "must be a number > 0")
    if sum(weights.get(n, 0) for n in INPUTS) <= 0:
        raise InvalidArgument("config.weights", weights, "must not all be zero")
    strategic, core = thresholds.get("STRATEGIC"), thresholds.get("CORE")
    for name, value in (("STRATEGIC", strategic), ("CORE", core)):
        if not isinstance(value, int | float) or not 0 <= value <= 100:
            raise InvalidArgument(
                f"config.thresholds.{name}", value, "must be a number from 0 to 100"
            )
    if strategic <= core:
        raise InvalidArgument(
            "config.thresholds.STRATEGIC", strategic, f"must be above CORE ({core})"
        )
    return {"weights": dict(weights), "scales": dict(scales), "thresholds": dict(thresholds)}


def score(config: dict[str, Any], inputs: dict[str, float]) -> tuple[Decimal, Tier]:
    """The score (0-100, 2 decimals) and tier for one client's inputs."""
    weights, scales = config["weights"], config["scales"]
    total_weight = sum(float(weights.get(n, 0)) for n in INPUTS)
    value = 0.0
    for name in INPUTS:
        ratio = min(1.0, max(0.0, inputs[name] / float(scales.get(name, 1))))
        value += float(weights.get(name, 0)) / total_weight * ratio
    result = Decimal(str(round(100 * value, 2)))
    thresholds = config["thresholds"]
    if result >= Decimal(str(thresholds["STRATEGIC"])):
        return result, Tier.STRATEGIC
    if result >= Decimal(str(thresholds["CORE"])):
        return result, Tier.CORE
    return result, Tier.GROWTH


def tenure_years(signed_on: date | None, today: date) -> float:
    return 0.0 if signed_on is None else max(0.0, (today - signed_on).days / 365.25)


@dataclass(frozen=True)
class RecomputeResult:
    evaluated: int
    changed: int


class TierService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.definitions = DefinitionService(session)

    async def scorecard(self) -> tuple[dict[str, Any], int]:
        entry = await self.definitions.get_config(SCORECARD, DEFAULT_SCORECARD)
        return dict(entry.value), entry.version

    async def recompute(self, actor: Actor, client_ids: list[uuid.UUID] | None) -> RecomputeResult:
        """Score the given clients (or all, in batches); record every tier change."""
        config, version = await self.scorecard()
        now = datetime.now(UTC)
        evaluated = changed = 0
        after: uuid.UUID | None = None
        while True:
            rows = await self._inputs(now, client_ids, after)
            if not rows:
                break
            for row in rows:
                evaluated += 1
                if row.tier_override:
                    continue
                inputs = {
                    "aum": float(row.aum),
                    "net_flows_12m": float(row.net_flows),
                    "tenure_years": round(tenure_years(row.signed_on, now.date()), 2),
                    "engagement_90d": float(row.engagement),
                }
                value, tier = score(config, inputs)
                if tier != row.tier:
                    changed += 1
                    await self._change(actor, row.id, row.tier, tier, value, inputs, version)
            after = rows[-1].id
            if client_ids is not None:
                break
        await self.session.flush()
        return RecomputeResult(evaluated, changed)

    async def _inputs(
        self, now: datetime, client_ids: list[uuid.UUID] | None, after: uuid.UUID | None
    ) -> list[Any]:
        flows = (
            select(
                func.coalesce(
                    func.sum(net_flow_amount()),
                    0,
                )
            )
            .where(
                Transaction.client_id == Client.id,
                Transaction.occurred_at >= now - timedelta(days=365),
            )
            .scalar_subquery()
        )
        engagement = (
            select(func.count())
            .where(
                Interaction.client_id == Client.id,
                Interaction.occurred_at >= now - timedelta(days=90),
            )
            .scalar_subquery()
        )
        statement = (
            select(
                Client.id,
                Client.aum,
                Client.signed_on,
                Client.tier,
                Client.tier_override,
                flows.label("net_flows"),
                engagement.label("engagement"),
            )
            .order_by(Client.id)
            .limit(BATCH)
        )
        if client_ids is not None:
            statement = statement.where(Client.id.in_(client_ids))
        if after is not None:
            statement = statement.where(Client.id > after)
        return list((await self.session.execute(statement)).all())

    async def _change(
        self,
        actor: Actor,
        client_id: uuid.UUID,
        previous: str | None,
        tier: str,
        value: Decimal | None,
        inputs: dict[str, Any],
        version: int | None,
        *,
        manual: bool = False,
        reason: str = "",
    ) -> None:
        client = await self.session.get(Client, client_id)
        assert client is not None
        client.tier = tier
        self.session.add(
            TierChange(
                client_id=client_id,
                tier=tier,
                previous_tier=previous,
                score=value,
                inputs=inputs,
                scorecard_version=version,
                manual=manual,
                reason=reason,
                by_user=actor.user_id,
            )
        )
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=client_id,
            entity="tier",
            entity_id=client_id,
            action="update",
            changes=audit.diff({"tier": previous}, {"tier": tier}),
        )

    async def override(self, actor: Actor, client: Client, tier: str | None, reason: str) -> Client:
        """Pin a tier with a reason, or clear the pin and re-score."""
        if tier is None:
            client.tier_override = False
            await self.session.flush()
            await self.recompute(actor, [client.id])
            return client
        reason = text("reason", reason, max_length=2000) or ""
        if not reason:
            raise InvalidArgument("reason", reason, "an override needs a reason")
        previous = client.tier
        client.tier_override = True
        await self._change(
            actor, client.id, previous, tier, None, {}, None, manual=True, reason=reason
        )
        await self.session.flush()
        return client
