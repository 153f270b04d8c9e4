"""Sub-records of a client: related persons, links, holdings, transactions, interactions,
the audit trail, and the 360° view that brings them together."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from services.clients import access_log, audit, validation as v
from services.clients.holdings import HoldingRecords, currency as _currency
from services.clients.lifecycle import LifecycleRuleService
from services.clients.models import (
    AuditEntry,
    Client,
    ClientLink,
    ExternalId,
    Holding,
    Interaction,
    RelatedPerson,
    StageChange,
    TierChange,
    Transaction,
)
from services.clients.service import ClientService
from services.common.errors import AlreadyExists, InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.common.pagination import encode_cursor, page_size, parse_cursor

RELATED_ROLES = ("decision_maker", "influencer", "family_member", "assistant")
LINK_KINDS = ("family", "same_group", "referred_by")
TRANSACTION_KINDS = ("subscription", "redemption", "dividend", "fee")
INTERACTION_CHANNELS = ("call", "email", "wechat", "meeting", "event", "portal_login")
# What counts as a real contact with the client (last_contact_at, the dormant scan).
CONTACT_CHANNELS = frozenset(INTERACTION_CHANNELS) - {"portal_login"}
DIRECTIONS = ("inbound", "outbound")
RECENT = 10


def _timestamp(field: str, value: datetime | None) -> datetime:
    if value is None:
        raise InvalidArgument(field, None, "is required")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if value > datetime.now(UTC) + timedelta(days=1):
        raise InvalidArgument(field, value.isoformat(), "must not be in the future")
    return value


def _position(values: list[Any]) -> tuple[Any, Any]:
    """(order value, id) from a sub-record page token: a timestamp or a date, a uuid or an int."""
    order_text, key = values
    order_value = (
        datetime.fromisoformat(order_text) if "T" in order_text else date.fromisoformat(order_text)
    )
    return order_value, key if isinstance(key, int) else uuid.UUID(str(key))


@dataclass(frozen=True)
class ClientView:
    client: Client
    external_ids: list[ExternalId]
    aum: Decimal
    holdings_count: int
    top_holdings: list[Holding]
    recent_interactions: list[Interaction]
    recent_transactions: list[Transaction]
    tier_reason: TierChange | None
    stage_reason: StageChange | None
    related_persons: list[RelatedPerson]
    links: list[ClientLink]
    net_flows_12m: Decimal


LIFECYCLE_ACTOR = Actor(user_id="system:lifecycle", roles=frozenset({Role.SERVICE}))


class RecordService(HoldingRecords):
    """Everything hanging off a client; each write is audited against the client."""

    async def add_related_person(
        self, actor: Actor, client_id: str, raw: dict[str, Any]
    ) -> RelatedPerson:
        client = await self.get(actor, client_id)
        person = RelatedPerson(
            client_id=client.id,
            name=v.text("person.name", raw.get("name"), max_length=200, required=True),
            role=v.choice("person.role", raw.get("role"), RELATED_ROLES, required=True),
            phone=v.phone("person.phone", raw.get("phone")),
            email=v.email("person.email", raw.get("email")),
            notes=v.text("person.notes", raw.get("notes"), max_length=2000) or "",
        )
        self.session.add(person)
        await self.session.flush()
        self._audit(
            actor,
            client,
            "related_person",
            person.id,
            "create",
            audit.diff({}, {"name": person.name, "role": person.role}),
        )
        return person

    async def remove_related_person(self, actor: Actor, client_id: str, person_id: str) -> None:
        client = await self.get(actor, client_id)
        key = parse_id("person_id", person_id)
        person = await self.repository.delete_related_person(client.id, key)
        if person is None:
            raise NotFound(
                f"related person {person_id} not found", field="person_id", value=person_id
            )
        self._audit(
            actor,
            client,
            "related_person",
            key,
            "delete",
            audit.diff({"name": person.name, "role": person.role}, {}),
        )

    async def link(self, actor: Actor, client_id: str, related_id: str, kind: str) -> ClientLink:
        """Link two clients the actor can both see."""
        client = await self.get(actor, client_id)
        try:
            related = await self.get(actor, related_id)
        except NotFound:
            raise NotFound(
                f"client {related_id} not found", field="related_client_id", value=related_id
            ) from None
        except InvalidArgument:
            raise InvalidArgument(
                "related_client_id", related_id, "is not a client id (a UUID)"
            ) from None
        if related.id == client.id:
            raise InvalidArgument("related_client_id", related_id, "must be another client")
        kind = v.choice("kind", kind, LINK_KINDS, required=True)  # type: ignore[assignment]
        for existing in await self.repository.links(client.id):
            if existing.related_client_id == related.id and existing.kind == kind:
                return existing
        link = ClientLink(client_id=client.id, related_client_id=related.id, kind=kind)
        self.session.add(link)
        await self.session.flush()
        self._audit(
            actor,
            client,
            "link",
            link.id,
            "create",
            audit.diff({}, {"related_client_id": related.id, "kind": kind}),
        )
        return link

    async def record_transaction(
        self,
        actor: Actor,
        client_id: str,
        raw: dict[str, Any],
        *,
        evaluate_lifecycle: bool = True,
    ) -> tuple[Transaction, bool]:
        """Idempotent on external_id: a repeat returns the first record (created=False);
        the same id with different content is ALREADY_EXISTS."""
        client = await self.get(actor, client_id)
        external_id = v.text(
            "transaction.external_id", raw.get("external_id"), max_length=128, required=True
        )
        assert external_id is not None
        values = {
            "client_id": client.id,
            "external_id": external_id,
            "kind": v.choice("transaction.kind", raw.get("kind"), TRANSACTION_KINDS, required=True),
            "product_code": v.text(
                "transaction.product_code", raw.get("product_code"), max_length=64
            ),
            "amount": v.scaled(
                "transaction.amount",
                raw.get("amount"),
                places=v.MONEY_PLACES,
                minimum=Decimal(0),
            ),
            "currency": _currency("transaction.currency", raw.get("currency")),
            "occurred_at": _timestamp("transaction.occurred_at", raw.get("occurred_at")),
        }
        inserted = await self.repository.insert_transaction(values)
        if inserted is None:
            first = await self.repository.transaction_by_external_id(external_id)
            assert first is not None
            compared = {
                "client": (first.client_id, client.id),
                "kind": (first.kind, values["kind"]),
                "product_code": (first.product_code or None, values["product_code"] or None),
                "amount": (first.amount, values["amount"]),
                "currency": (first.currency, values["currency"]),
                "occurred_at": (first.occurred_at, values["occurred_at"]),
            }
            differs = [name for name, (was, now) in compared.items() if was != now]
            if differs:
                # Names what differs, never the first record's values (it may be another
                # advisor's client's).
                raise AlreadyExists(
                    f"transaction external_id={external_id!r} was already recorded with another "
                    + ", ".join(differs),
                    field="transaction.external_id",
                    value=external_id,
                )
            return first, False
        await self.repository.touch_activity(client.id, inserted.occurred_at)
        if evaluate_lifecycle:
            await self._evaluate_lifecycle(client.id)
        self._audit(
            actor,
            client,
            "transaction",
            external_id,
            "create",
            audit.diff({}, {k: values[k] for k in ("kind", "amount", "currency")}),
        )
        return inserted, True

    async def record_interaction(
        self, actor: Actor, client_id: str, raw: dict[str, Any]
    ) -> Interaction:
        client = await self.get(actor, client_id)
        interaction = Interaction(
            client_id=client.id,
            channel=v.choice(
                "interaction.channel", raw.get("channel"), INTERACTION_CHANNELS, required=True
            ),
            direction=v.choice(
                "interaction.direction",
                raw.get("direction") or "outbound",
                DIRECTIONS,
                required=True,
            ),
            summary=v.text("interaction.summary", raw.get("summary"), max_length=5000) or "",
            occurred_at=_timestamp(
                "interaction.occurred_at", raw.get("occurred_at") or datetime.now(UTC)
            ),
            by_user=v.text("interaction.by_user", raw.get("by_user"), max_length=64)
            or actor.user_id,
        )
        self.session.add(interaction)
        await self.session.flush()
        await self.repository.touch_activity(
            client.id, interaction.occurred_at, contact=interaction.channel in CONTACT_CHANNELS
        )
        await self._evaluate_lifecycle(client.id)
        self._audit(
            actor,
            client,
            "interaction",
            interaction.id,
            "create",
            audit.diff({}, {"channel": interaction.channel}),
        )
        return interaction

    async def _evaluate_lifecycle(self, client_id: uuid.UUID) -> None:
        """The facts the lifecycle rules read changed: apply them now (a move is recorded
        with its rule and inputs, as `system:lifecycle`)."""
        await self.session.flush()
        await LifecycleRuleService(self.session).evaluate(LIFECYCLE_ACTOR, [client_id])

    async def person_meetings(
        self, actor: Actor, user_id: str, since: datetime, until: datetime, limit: int
    ) -> list[Interaction]:
        """The meetings `user_id` logged in [since, until), oldest first (services only)."""
        if not actor.has(Role.SERVICE):
            raise PermissionDenied("a person's meetings are read by services")
        if not 1 <= limit <= 500:
            raise InvalidArgument("limit", limit, "must be between 1 and 500")
        statement = (
            select(Interaction)
            .where(
                Interaction.channel == "meeting",
                Interaction.by_user == user_id,
                Interaction.occurred_at >= since,
                Interaction.occurred_at < until,
            )
            .order_by(Interaction.occurred_at)
            .limit(limit)
        )
        return list(await self.session.scalars(statement))

    async def page(
        self, actor: Actor, client_id: str, kind: str, *, size: int, token: str
    ) -> tuple[list[Any], str]:
        """A newest-first page of one kind of sub-record."""
        client = await self.get(actor, client_id)
        if kind in ("holdings", "transactions", "audit"):
            await access_log.record(self.session, actor, client.id, kind)
        limit = page_size(size)
        models: dict[str, tuple[Any, Any]] = {
            "holdings": (Holding, Holding.as_of),
            "transactions": (Transaction, Transaction.occurred_at),
            "interactions": (Interaction, Interaction.occurred_at),
            "tier_history": (TierChange, TierChange.changed_at),
            "stage_history": (StageChange, StageChange.changed_at),
        }
        if kind == "audit":
            after_id = parse_cursor(token, lambda c: int(c[0]), length=1)
            audit_rows: list[AuditEntry] = await self.repository.audit_page(
                client.id, limit=limit + 1, after=after_id
            )
            more = len(audit_rows) > limit
            audit_rows = audit_rows[:limit]
            return audit_rows, encode_cursor([audit_rows[-1].id]) if more else ""
        model, order = models[kind]
        after = parse_cursor(token, _position)
        rows = await self.repository.page_of(model, client.id, order, limit=limit + 1, after=after)
        if len(rows) <= limit:
            return rows, ""
        rows = rows[:limit]
        last = rows[-1]
        last_key = last.id if isinstance(last.id, int) else str(last.id)
        return rows, encode_cursor([getattr(last, order.key).isoformat(), last_key])

    async def view(self, actor: Actor, client_id: str) -> ClientView:
        """The 360° view in one call."""
        client, external_ids = await self.get_with_external_ids(actor, client_id)
        await access_log.record(self.session, actor, client.id, "view")
        repo = self.repository
        top, total, count = await repo.top_holdings(client.id, 5)
        return ClientView(
            client=client,
            external_ids=external_ids,
            aum=total,
            holdings_count=count,
            top_holdings=top,
            recent_interactions=await repo.recent(
                Interaction, client.id, Interaction.occurred_at, RECENT
            ),
            recent_transactions=await repo.recent(
                Transaction, client.id, Transaction.occurred_at, RECENT
            ),
            tier_reason=await repo.latest_tier_change(client.id),
            stage_reason=await repo.latest_stage_change(client.id),
            related_persons=await repo.related_persons(client.id),
            links=await repo.links(client.id),
            net_flows_12m=await repo.net_flows(client.id, datetime.now(UTC) - timedelta(days=365)),
        )


class LifecycleService(ClientService):
    """Manual lifecycle moves, each recorded with who, why and from what."""

    async def set_stage(self, actor: Actor, client_id: str, stage: str, reason: str) -> Client:
        client = await self.get(actor, client_id, for_update=True)
        target = v.stage("stage", stage)
        if target == client.lifecycle_stage:
            return client
        previous = client.lifecycle_stage
        client.lifecycle_stage = target
        self.session.add(
            StageChange(
                client_id=client.id,
                stage=target,
                previous_stage=previous,
                rule=None,
                explanation={},
                reason=v.text("reason", reason, max_length=2000) or "",
                by_user=actor.user_id,
            )
        )
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=client.id,
            entity="stage",
            entity_id=client.id,
            action="update",
            changes=audit.diff({"lifecycle_stage": previous}, {"lifecycle_stage": target}),
        )
        await self._flush_unique()
        return client
