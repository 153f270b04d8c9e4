"""Calls and distributions as lists, and the money coming in: payments recorded by hand and
bank statements matched to calls.

A statement entry is matched when its text holds a payment reference (`CF-xxxxxxxx-yyyyyyyy`,
see bank_statements.payment_reference: the call's and the investor's ids) of an approved call
and its amount is at most what the investor still owes on it; a smaller amount is a partial
payment and is kept as one. An entry recorded before (the same call, investor, day, amount and
reference) is skipped, so importing a statement twice records nothing twice. Anything else —
no reference, an unknown or ambiguous one, more than is owed — is reported unmatched with the
reason, for an accountant to record by hand.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, cast, func, select

from services.clients import validation as v
from services.clients.bank_statements import REFERENCE, Entry, parse, payment_reference
from services.clients.fund_models import CapitalAllocation, CapitalEvent, CapitalPayment, Fund
from services.clients.funds import FIRM_ZONE, EventView, FundService, _amount, _require
from services.clients.models import Client
from services.clients.scope import ClientScope
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound
from services.common.identity import Actor, Role

PAYERS = (Role.ACCOUNTANT, Role.MANAGER, Role.ADMIN)
MAX_EVENTS = 500


class CapitalEvents(FundService):
    async def events(
        self,
        actor: Actor,
        *,
        fund_code: str = "",
        client_id: str = "",
        status: str = "",
        overdue: bool = False,
    ) -> list[EventView]:
        """Newest first, at most 500. With a client: the events that allocate to them, each
        with their allocation only (the client read as the actor may: NOT_FOUND otherwise)."""
        scope = ClientScope.for_actor(actor)
        statement = select(CapitalEvent).order_by(CapitalEvent.created_at.desc())
        if fund_code:
            statement = statement.where(CapitalEvent.fund_code == fund_code)
        if status:
            v.choice("status", status, ("draft", "approved", "rejected"), required=True)
            statement = statement.where(CapitalEvent.status == status)
        client: Client | None = None
        if client_id:
            client = await self.get(actor, client_id)
            statement = statement.where(
                CapitalEvent.id.in_(
                    select(CapitalAllocation.event_id).where(
                        CapitalAllocation.client_id == client.id
                    )
                )
            )
        if overdue:
            today = datetime.now(FIRM_ZONE).date()
            statement = statement.where(
                CapitalEvent.kind == "call",
                CapitalEvent.status == "approved",
                CapitalEvent.due_on < today,
            )
        found = list(await self.session.scalars(statement.limit(MAX_EVENTS)))
        paid = await self._paid_by_allocation([e.id for e in found], client)
        views = []
        for event in found:
            allocations = [
                (a, paid.get((a.event_id, a.client_id), Decimal(0)))
                for a in await self._allocations(event.id, client, scope)
            ]
            if overdue and all(p >= a.amount for a, p in allocations):
                continue
            views.append(
                EventView(event, allocations, await self.session.get(Fund, event.fund_code))
            )
        return views

    async def _allocations(
        self, event_id: uuid.UUID, client: Client | None, scope: ClientScope
    ) -> list[CapitalAllocation]:
        statement = select(CapitalAllocation).where(CapitalAllocation.event_id == event_id)
        if client is not None:
            statement = statement.where(CapitalAllocation.client_id == client.id)
        elif scope.advisor_id is not None:
            statement = statement.join(Client, Client.id == CapitalAllocation.client_id).where(
                Client.advisor_id == scope.advisor_id
            )
        return list(await self.session.scalars(statement.order_by(CapitalAllocation.client_id)))

    async def _paid_by_allocation(
        self, event_ids: list[uuid.UUID], client: Client | None
    ) -> dict[tuple[uuid.UUID, uuid.UUID], Decimal]:
        statement = (
            select(
                CapitalPayment.event_id, CapitalPayment.client_id, func.sum(CapitalPayment.amount)
            )
            .where(CapitalPayment.event_id.in_(event_ids))
            .group_by(CapitalPayment.event_id, CapitalPayment.client_id)
        )
        if client is not None:
            statement = statement.where(CapitalPayment.client_id == client.id)
        rows = await self.session.execute(statement)
        return {(e, c): Decimal(total) for e, c, total in rows}

    async def pay(self, actor: Actor, raw: dict[str, Any]) -> EventView:
        _require(actor, PAYERS, "recording payments")
        event = await self._event(str(raw.get("event_id") or ""), for_update=True)
        client = await self.get(actor, str(raw.get("client_id") or ""), for_update=True)
        amount = _amount("amount", raw.get("amount"))
        allocation, paid = await self._owed(event, client.id, "event_id")
        if paid + amount > allocation.amount:
            raise InvalidArgument(
                "amount",
                str(amount),
                f"would pay {paid + amount} against an allocation of {allocation.amount}",
            )
        await self._record(
            actor,
            client,
            event,
            amount,
            v.iso_date("paid_on", raw.get("paid_on") or None) or datetime.now(UTC).date(),
            v.text("reference", raw.get("reference"), max_length=140) or "",
        )
        return await self.event(actor, str(event.id))

    async def _owed(
        self, event: CapitalEvent, client_id: uuid.UUID, field_name: str
    ) -> tuple[CapitalAllocation, Decimal]:
        if event.status != "approved":
            raise FailedPrecondition(
                f"capital event {event.id} is {event.status}; payments are for approved ones",
                field=field_name,
                value=str(event.id),
            )
        allocation = await self.session.get(CapitalAllocation, (event.id, client_id))
        if allocation is None:
            raise NotFound(
                f"client {client_id} has no allocation in {event.id}",
                field="client_id",
                value=str(client_id),
            )
        paid = Decimal(
            await self.session.scalar(
                select(func.coalesce(func.sum(CapitalPayment.amount), 0)).where(
                    CapitalPayment.event_id == event.id, CapitalPayment.client_id == client_id
                )
            )
        )
        return allocation, paid

    async def _record(
        self,
        actor: Actor,
        client: Client,
        event: CapitalEvent,
        amount: Decimal,
        paid_on: date,
        reference: str,
    ) -> None:
        payment = CapitalPayment(
            id=uuid.uuid4(),
            event_id=event.id,
            client_id=client.id,
            amount=amount,
            paid_on=paid_on,
            reference=reference,
            recorded_by=actor.user_id,
        )
        self.session.add(payment)
        await self.session.flush()
        self._audit(
            actor,
            client,
            "capital_payment",
            payment.id,
            "create",
            {"event": [None, str(event.id)], "amount": [None, str(amount)]},
        )

    async def import_statement(
        self, actor: Actor, content: bytes, fmt: str
    ) -> list[tuple[Entry, str, str, str, str]]:
        """Each entry with (status, event id, client id, reason), in the file's order. All
        of it is recorded or, on a malformed file, none of it."""
        _require(actor, PAYERS, "importing bank statements")
        ClientScope.for_actor(actor)
        results = []
        for entry in parse(content, fmt):
            results.append((entry, *await self._match(actor, entry)))
        return results

    async def _match(self, actor: Actor, entry: Entry) -> tuple[str, str, str, str]:
        found = REFERENCE.search(entry.reference)
        if found is None:
            return "unmatched", "", "", "no payment reference (CF-…) in the entry"
        event_prefix, client_prefix = (part.lower() for part in found.groups())
        rows = (
            await self.session.execute(
                select(CapitalEvent, CapitalAllocation.client_id)
                .join(CapitalAllocation, CapitalAllocation.event_id == CapitalEvent.id)
                .where(
                    CapitalEvent.kind == "call",
                    cast(CapitalEvent.id, String).startswith(event_prefix),
                    cast(CapitalAllocation.client_id, String).startswith(client_prefix),
                )
                .limit(2)
            )
        ).all()
        reference = payment_reference(event_prefix, client_prefix)
        if len(rows) != 1:
            why = "matches no call's investor" if not rows else "matches more than one call"
            return "unmatched", "", "", f"reference {reference} {why}"
        event, client_id = rows[0]
        try:
            client = await self.get(actor, str(client_id), for_update=True)
            event = await self._event(str(event.id), for_update=True)
            allocation, paid = await self._owed(event, client.id, "content")
        except (NotFound, FailedPrecondition) as error:
            return "unmatched", str(event.id), str(client_id), error.message
        note = f"{reference} {entry.bank_reference}".strip()
        repeat = await self.session.scalar(
            select(func.count()).where(
                CapitalPayment.event_id == event.id,
                CapitalPayment.client_id == client.id,
                CapitalPayment.paid_on == entry.booked_on,
                CapitalPayment.amount == entry.amount,
                CapitalPayment.reference == note,
            )
        )
        if repeat:
            return "already_recorded", str(event.id), str(client.id), "recorded before"
        if paid + entry.amount > allocation.amount:
            return (
                "unmatched",
                str(event.id),
                str(client.id),
                f"{entry.amount} is more than the {allocation.amount - paid} still owed",
            )
        await self._record(actor, client, event, entry.amount, entry.booked_on, note)
        return "matched", str(event.id), str(client.id), ""
