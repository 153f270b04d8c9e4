"""Funds, commitments, capital calls and distributions, payments, and capital accounts.

Who: admins and managers define funds and commitments and draft calls and distributions;
partners (or admins) decide them, never their own draft; accountants, managers and admins
record payments. Firm-wide roles and managers see every allocation of an event; an advisor
sees their own clients' (the event's total stays visible). A capital account is read as its
client is (another advisor's client: NOT_FOUND).

A draft's allocations are fixed when drafted (`allocation.py`: pro rata to commitments, exact
cents, largest remainder); nothing is owed until approved. A call may not ask an investor for
more than their uncalled commitment. Payments may be partial and never exceed the allocation.
Every change is audited: commitments and payments against their client, events firm-wide.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from services.clients import audit, validation as v
from services.clients.allocation import CENT, allocate
from services.clients.fund_models import (
    CapitalAllocation,
    CapitalEvent,
    CapitalPayment,
    Commitment,
    Fund,
)
from services.clients.holdings import HoldingRecords, currency
from services.clients.models import Client
from services.clients.scope import ClientScope
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.common.workdays import add_workdays

DISTRIBUTION_KINDS = ("return_of_capital", "gain", "income")
CODE = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
# Due dates in business days follow the firm's calendar (mainland China's, swaps included).
FIRM_REGION, FIRM_ZONE = "CN", ZoneInfo("Asia/Shanghai")


def _require(actor: Actor, roles: tuple[Role, ...], what: str) -> None:
    if not actor.has(*roles):
        names = ", ".join(r.value for r in roles)
        raise PermissionDenied(f"{what} needs one of the roles {names}")


def _amount(field_name: str, raw: Any) -> Decimal:
    value = v.scaled(field_name, raw, places=v.MONEY_PLACES, minimum=Decimal("0.01"))
    assert value is not None
    return value


def _due_on(raw: dict[str, Any]) -> date | None:
    """A date, or a number of the firm's working days after today (1-90)."""
    days = int(raw.get("due_in_business_days") or 0)
    if days and raw.get("due_on"):
        raise InvalidArgument("due_in_business_days", days, "is for a draft without due_on")
    if days:
        if not 1 <= days <= 90:
            raise InvalidArgument("due_in_business_days", days, "must be 1-90")
        return add_workdays(FIRM_REGION, datetime.now(FIRM_ZONE).date(), days)
    return v.iso_date("due_on", raw.get("due_on") or None)


@dataclass
class EventView:
    event: CapitalEvent
    allocations: list[tuple[CapitalAllocation, Decimal]] = field(default_factory=list)
    fund: Fund | None = None


class FundService(HoldingRecords):
    async def put_fund(self, actor: Actor, raw: dict[str, Any]) -> tuple[Fund, Decimal]:
        _require(actor, (Role.ADMIN, Role.MANAGER), "defining funds")
        code = v.text("code", raw.get("code"), max_length=64, required=True)
        assert code is not None
        if not re.fullmatch(CODE, code):
            raise InvalidArgument("code", code, "must be letters, digits, '.', '_' or '-'")
        vintage = int(raw.get("vintage") or 0)
        if not 1900 <= vintage <= 2200:
            raise InvalidArgument("vintage", vintage, "must be a year")
        values = {
            "name": v.text("name", raw.get("name"), max_length=200, required=True),
            "currency": currency("currency", raw.get("currency")),
            "vintage": vintage,
            "size": _amount("size", raw.get("size")),
        }
        fund = await self.session.get(Fund, code)
        before = {} if fund is None else {k: getattr(fund, k) for k in values}
        if fund is None:
            fund = Fund(code=code, **values)
            self.session.add(fund)
        else:
            for key, value in values.items():
                setattr(fund, key, value)
        await self.session.flush()
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=None,
            entity="fund",
            entity_id=code,
            action="update" if before else "create",
            changes=audit.diff(before, values),
        )
        return fund, await self._committed(code)

    async def _committed(self, code: str) -> Decimal:
        total = await self.session.scalar(
            select(func.coalesce(func.sum(Commitment.amount), 0)).where(
                Commitment.fund_code == code
            )
        )
        return Decimal(total or 0)

    async def funds(self, actor: Actor) -> list[tuple[Fund, Decimal]]:
        """Every fund with what is committed to it, in one statement."""
        ClientScope.for_actor(actor)  # staff only
        committed = (
            select(Commitment.fund_code, func.sum(Commitment.amount).label("total"))
            .group_by(Commitment.fund_code)
            .subquery()
        )
        rows = await self.session.execute(
            select(Fund, func.coalesce(committed.c.total, 0))
            .outerjoin(committed, committed.c.fund_code == Fund.code)
            .order_by(Fund.vintage, Fund.code)
        )
        return [(fund, Decimal(total)) for fund, total in rows]

    async def _fund(self, code: str) -> Fund:
        fund = await self.session.get(Fund, code)
        if fund is None:
            raise NotFound(f"fund {code} not found", field="fund_code", value=code)
        return fund

    async def put_commitment(self, actor: Actor, raw: dict[str, Any]) -> Commitment:
        _require(actor, (Role.ADMIN, Role.MANAGER), "recording commitments")
        fund = await self._fund(str(raw.get("fund_code") or ""))
        client = await self.get(actor, str(raw.get("client_id") or ""), for_update=True)
        amount = _amount("amount", raw.get("amount"))
        on = v.iso_date("committed_on", raw.get("committed_on") or None)
        found = await self.session.get(Commitment, (fund.code, client.id))
        called = await self._called(fund.code, client.id)
        if amount < called:
            raise InvalidArgument(
                "amount", str(amount), f"must be at least what was already called ({called})"
            )
        before = (
            {} if found is None else {"amount": found.amount, "committed_on": found.committed_on}
        )
        day = on or datetime.now(UTC).date()
        values: dict[str, Any] = {"amount": amount, "committed_on": day}
        if found is None:
            found = Commitment(
                fund_code=fund.code, client_id=client.id, amount=amount, committed_on=day
            )
            self.session.add(found)
        else:
            found.amount, found.committed_on = amount, day
        await self.session.flush()
        self._audit(
            actor,
            client,
            "commitment",
            fund.code,
            "update" if before else "create",
            audit.diff(before, values),
        )
        return found

    async def _called(self, code: str, client_id: uuid.UUID) -> Decimal:
        return (await self._called_by_client(code, client_id)).get(client_id, Decimal(0))

    async def _called_by_client(
        self, code: str, client_id: uuid.UUID | None = None
    ) -> dict[uuid.UUID, Decimal]:
        """What approved calls of the fund asked of each investor (or of one)."""
        statement = (
            select(CapitalAllocation.client_id, func.sum(CapitalAllocation.amount))
            .join(CapitalEvent, CapitalEvent.id == CapitalAllocation.event_id)
            .where(
                CapitalEvent.fund_code == code,
                CapitalEvent.kind == "call",
                CapitalEvent.status == "approved",
            )
            .group_by(CapitalAllocation.client_id)
        )
        if client_id is not None:
            statement = statement.where(CapitalAllocation.client_id == client_id)
        return {key: Decimal(total) for key, total in await self.session.execute(statement)}

    async def draft(self, actor: Actor, raw: dict[str, Any]) -> EventView:
        _require(actor, (Role.ADMIN, Role.MANAGER), "drafting calls and distributions")
        fund = await self._fund(str(raw.get("fund_code") or ""))
        kind = v.choice("kind", raw.get("kind"), ("call", "distribution"), required=True)
        commitments = {
            str(c.client_id): c.amount
            for c in await self.session.scalars(
                select(Commitment).where(Commitment.fund_code == fund.code)
            )
        }
        if not commitments:
            raise FailedPrecondition(
                f"fund {fund.code} has no commitments to allocate over",
                field="fund_code",
                value=fund.code,
            )
        if raw.get("percent"):
            if kind != "call":
                raise InvalidArgument("percent", raw["percent"], "is for calls only")
            percent = v.scaled("percent", raw["percent"], places=4, minimum=Decimal("0.0001"))
            assert percent is not None
            if percent > 100:
                raise InvalidArgument("percent", str(percent), "must be at most 100")
            total = (sum(commitments.values()) * percent / 100).quantize(CENT, ROUND_HALF_UP)
        else:
            total = _amount("amount", raw.get("amount"))
        distribution_kind = ""
        if kind == "distribution":
            distribution_kind = (
                v.choice(
                    "distribution_kind",
                    raw.get("distribution_kind"),
                    DISTRIBUTION_KINDS,
                    required=True,
                )
                or ""
            )
        split = allocate(total, commitments)
        if kind == "call":
            called = await self._called_by_client(fund.code)
            for client_id, amount in sorted(split.items()):
                uncalled = commitments[client_id] - called.get(uuid.UUID(client_id), Decimal(0))
                if amount > uncalled:
                    raise InvalidArgument(
                        "amount",
                        str(total),
                        f"would call {amount} from client {client_id}, whose uncalled commitment"
                        f" is {uncalled}",
                    )
        event = CapitalEvent(
            id=uuid.uuid4(),
            fund_code=fund.code,
            kind=kind,
            distribution_kind=distribution_kind,
            amount=total,
            purpose=v.text("purpose", raw.get("purpose"), max_length=500) or "",
            due_on=_due_on(raw),
            status="draft",
            created_by=actor.user_id,
            decided_by="",
            reason="",
        )
        self.session.add(event)
        await self.session.flush()
        for client_id, amount in split.items():
            self.session.add(
                CapitalAllocation(event_id=event.id, client_id=uuid.UUID(client_id), amount=amount)
            )
        await self.session.flush()
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=None,
            entity="capital_event",
            entity_id=event.id,
            action="create",
            changes={"kind": [None, kind], "amount": [None, str(total)], "fund": [None, fund.code]},
        )
        return await self.event(actor, str(event.id))

    async def _event(self, event_id: str, *, for_update: bool = False) -> CapitalEvent:
        key = parse_id("id", event_id, "a capital event id")
        statement = select(CapitalEvent).where(CapitalEvent.id == key)
        if for_update:
            statement = statement.with_for_update()
        event = await self.session.scalar(statement)
        if event is None:
            raise NotFound(f"capital event {event_id} not found", field="id", value=event_id)
        return event

    async def event(self, actor: Actor, event_id: str, client_id: str = "") -> EventView:
        """The event with the allocations the actor sees; with a client, theirs only
        (NOT_FOUND when they have none)."""
        scope = ClientScope.for_actor(actor)
        event = await self._event(event_id)
        only = (await self.get(actor, client_id)).id if client_id else None
        statement = (
            select(CapitalAllocation, func.coalesce(func.sum(CapitalPayment.amount), 0))
            .outerjoin(
                CapitalPayment,
                (CapitalPayment.event_id == CapitalAllocation.event_id)
                & (CapitalPayment.client_id == CapitalAllocation.client_id),
            )
            .where(CapitalAllocation.event_id == event.id)
            .group_by(CapitalAllocation.event_id, CapitalAllocation.client_id)
            .order_by(CapitalAllocation.client_id)
        )
        if only is not None:
            statement = statement.where(CapitalAllocation.client_id == only)
        allocations = [(a, Decimal(paid)) for a, paid in await self.session.execute(statement)]
        if only is not None and not allocations:
            raise NotFound(
                f"client {client_id} has no allocation in {event_id}",
                field="client_id",
                value=client_id,
            )
        if scope.advisor_id is not None:  # an advisor: their own clients' allocations
            mine = set(
                await self.session.scalars(
                    select(Client.id).where(
                        Client.advisor_id == scope.advisor_id,
                        Client.id.in_([a.client_id for a, _ in allocations]),
                    )
                )
            )
            allocations = [(a, p) for a, p in allocations if a.client_id in mine]
        return EventView(event, allocations, await self.session.get(Fund, event.fund_code))

    async def decide(self, actor: Actor, event_id: str, approve: bool, reason: str) -> EventView:
        _require(actor, (Role.PARTNER, Role.ADMIN), "approving calls and distributions")
        event = await self._event(event_id, for_update=True)
        if event.status != "draft":
            raise FailedPrecondition(
                f"capital event {event.id} is {event.status}; only drafts are decided",
                field="id",
                value=str(event.id),
            )
        if event.created_by == actor.user_id:
            raise PermissionDenied("a draft is decided by someone other than who drafted it")
        if not approve and not reason.strip():
            raise InvalidArgument("reason", reason, "is required to reject a draft")
        event.status = "approved" if approve else "rejected"
        event.decided_by, event.reason = actor.user_id, reason.strip()[:500]
        event.decided_at = datetime.now(UTC)
        await self.session.flush()
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=None,
            entity="capital_event",
            entity_id=event.id,
            action="update",
            changes={"status": ["draft", event.status], "reason": [None, event.reason or None]},
        )
        return await self.event(actor, event_id)
