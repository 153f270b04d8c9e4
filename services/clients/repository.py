"""Every SQL statement of the clients service."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.filters import like_prefix
from services.clients.models import (
    AuditEntry,
    Client,
    ClientLink,
    ConfigEntry,
    CustomFieldDefinition,
    ExternalId,
    Holding,
    RelatedPerson,
    Segment,
    StageChange,
    TierChange,
    Transaction,
    net_flow_amount,
)
from services.clients.scope import ClientScope


def scoped(statement: Select[Any], scope: ClientScope) -> Select[Any]:
    """Restrict a query over Client to what the scope may see."""
    if scope.advisor_id is not None:
        statement = statement.where(Client.advisor_id == scope.advisor_id)
    if scope.team_ids is not None:
        statement = statement.where(Client.team_id.in_(sorted(scope.team_ids)))
    return statement


class ClientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- clients ------------------------------------------------------------------------

    async def get(
        self, client_id: uuid.UUID, scope: ClientScope, *, for_update: bool = False
    ) -> Client | None:
        """The client, if it exists and is inside `scope`."""
        statement = scoped(select(Client).where(Client.id == client_id), scope)
        if for_update:
            statement = statement.with_for_update()
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def of_ids(self, client_ids: list[uuid.UUID], scope: ClientScope) -> list[Client]:
        """Those of the clients that exist and are inside `scope`, in no order."""
        statement = scoped(select(Client).where(Client.id.in_(client_ids)), scope)
        return list((await self.session.execute(statement)).scalars())

    async def get_with_external_ids(
        self, client_id: uuid.UUID, scope: ClientScope
    ) -> tuple[Client, list[ExternalId]] | None:
        """The client and its external ids in one statement, if it is inside `scope`."""
        pair = func.jsonb_build_array(ExternalId.source, ExternalId.external_id)
        external_ids = (
            select(func.jsonb_agg(aggregate_order_by(pair, ExternalId.source)))
            .where(ExternalId.client_id == Client.id)
            .scalar_subquery()
        )
        statement = scoped(select(Client, external_ids).where(Client.id == client_id), scope)
        row = (await self.session.execute(statement)).first()
        if row is None:
            return None
        client, pairs = row
        return client, [
            ExternalId(client_id=client.id, source=source, external_id=value)
            for source, value in pairs or []
        ]

    async def add(self, client: Client) -> Client:
        """Insert and flush so database defaults are loaded."""
        self.session.add(client)
        await self.session.flush()
        await self.session.refresh(client)
        return client

    async def page(
        self,
        scope: ClientScope,
        condition: ColumnElement[bool],
        *,
        limit: int,
        after: tuple[datetime, uuid.UUID] | None,
    ) -> list[Client]:
        """Newest first, keyset on (created_at, id)."""
        statement = scoped(select(Client).where(condition), scope)
        if after is not None:
            statement = statement.where(tuple_(Client.created_at, Client.id) < after)
        statement = statement.order_by(Client.created_at.desc(), Client.id.desc()).limit(limit)
        return list((await self.session.execute(statement)).scalars())

    async def count(self, scope: ClientScope, condition: ColumnElement[bool]) -> int:
        statement = scoped(select(func.count()).select_from(Client).where(condition), scope)
        return int((await self.session.execute(statement)).scalar_one())

    async def stream(
        self, scope: ClientScope, condition: ColumnElement[bool]
    ) -> AsyncIterator[Client]:
        """Every match, fetched in batches (memory stays flat)."""
        statement = scoped(select(Client).where(condition), scope).order_by(Client.id)
        result = await self.session.stream_scalars(statement.execution_options(yield_per=500))
        async for client in result:
            yield client

    async def search(
        self, scope: ClientScope, query: str, *, limit: int, after: tuple[str, uuid.UUID] | None
    ) -> list[Client]:
        """Prefix match on name or e-mail address (case-insensitive), or phone digits."""
        pattern = like_prefix(query.lower())
        digits = "".join(ch for ch in query if ch.isdigit() or ch == "+")
        options: list[ColumnElement[bool]] = [
            func.lower(Client.name).like(pattern, escape="\\"),
            # the start of an e-mail address finds it (ix_clients_email_prefix)
            func.lower(Client.email).like(pattern, escape="\\"),
        ]
        if len(digits) >= 3 and len(digits) >= len(query.replace(" ", "").replace("-", "")):
            options.append(Client.phone.like(like_prefix(digits), escape="\\"))
        statement = scoped(select(Client).where(or_(*options)), scope)
        if after is not None:
            statement = statement.where(tuple_(func.lower(Client.name), Client.id) > after)
        statement = statement.order_by(func.lower(Client.name), Client.id).limit(limit)
        return list((await self.session.execute(statement)).scalars())

    async def external_ids(self, client_id: uuid.UUID) -> list[ExternalId]:
        statement = (
            select(ExternalId).where(ExternalId.client_id == client_id).order_by(ExternalId.source)
        )
        return list((await self.session.execute(statement)).scalars())

    async def external_ids_of(
        self, client_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, list[ExternalId]]:
        """The external ids of several clients, in one query."""
        if not client_ids:
            return {}
        statement = (
            select(ExternalId)
            .where(ExternalId.client_id.in_(client_ids))
            .order_by(ExternalId.client_id, ExternalId.source)
        )
        found: dict[uuid.UUID, list[ExternalId]] = {}
        for row in (await self.session.execute(statement)).scalars():
            found.setdefault(row.client_id, []).append(row)
        return found

    async def owner_of_external_id(self, source: str, external_id: str) -> uuid.UUID | None:
        statement = select(ExternalId.client_id).where(
            ExternalId.source == source, ExternalId.external_id == external_id
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    # -- sub-records --------------------------------------------------------------------

    async def related_persons(self, client_id: uuid.UUID) -> list[RelatedPerson]:
        statement = (
            select(RelatedPerson)
            .where(RelatedPerson.client_id == client_id)
            .order_by(RelatedPerson.name)
        )
        return list((await self.session.execute(statement)).scalars())

    async def delete_related_person(
        self, client_id: uuid.UUID, person_id: uuid.UUID
    ) -> RelatedPerson | None:
        person = await self.session.get(RelatedPerson, person_id)
        if person is None or person.client_id != client_id:
            return None
        await self.session.delete(person)
        return person

    async def links(self, client_id: uuid.UUID) -> list[ClientLink]:
        statement = select(ClientLink).where(
            or_(ClientLink.client_id == client_id, ClientLink.related_client_id == client_id)
        )
        return list((await self.session.execute(statement)).scalars())

    async def holding(self, client_id: uuid.UUID, product_code: str) -> Holding | None:
        statement = select(Holding).where(
            Holding.client_id == client_id, Holding.product_code == product_code
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def top_holdings(
        self, client_id: uuid.UUID, limit: int
    ) -> tuple[list[Holding], Decimal, int]:
        """The largest `limit` holdings with the total value and count of all of them, in one
        statement (the window sums every row before the limit applies)."""
        statement = (
            select(Holding, func.sum(Holding.market_value).over(), func.count().over())
            .where(Holding.client_id == client_id)
            .order_by(Holding.market_value.desc(), Holding.product_code)
            .limit(limit)
        )
        rows = (await self.session.execute(statement)).all()
        if not rows:
            return [], Decimal(0), 0
        return [row[0] for row in rows], Decimal(rows[0][1] or 0), int(rows[0][2])

    async def holdings_total(self, client_id: uuid.UUID) -> tuple[Decimal, int]:
        statement = select(func.coalesce(func.sum(Holding.market_value), 0), func.count()).where(
            Holding.client_id == client_id
        )
        total, count = (await self.session.execute(statement)).one()
        return Decimal(total), int(count)

    async def insert_transaction(self, values: dict[str, Any]) -> Transaction | None:
        """Insert unless the external id exists; None when it did (the caller reads the first)."""
        statement = (
            insert(Transaction)
            .values(**values)
            .on_conflict_do_nothing(constraint="uq_transactions_external_id")
            .returning(Transaction)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def transaction_by_external_id(self, external_id: str) -> Transaction | None:
        statement = select(Transaction).where(Transaction.external_id == external_id)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def net_flows(self, client_id: uuid.UUID, since: datetime) -> Decimal:
        """Subscriptions minus redemptions since `since`."""
        signed = net_flow_amount()
        statement = select(func.coalesce(func.sum(signed), 0)).where(
            Transaction.client_id == client_id, Transaction.occurred_at >= since
        )
        return Decimal((await self.session.execute(statement)).scalar_one())

    async def touch_activity(
        self, client_id: uuid.UUID, at: datetime, *, contact: bool = False
    ) -> None:
        """Move last_activity_at (and, for a real contact, last_contact_at) forward, never
        back, without bumping the record version."""
        values: dict[str, Any] = {"last_activity_at": func.greatest(Client.last_activity_at, at)}
        behind = [Client.last_activity_at.is_(None), Client.last_activity_at < at]
        if contact:
            values["last_contact_at"] = func.greatest(Client.last_contact_at, at)
            behind += [Client.last_contact_at.is_(None), Client.last_contact_at < at]
        statement = (
            update(Client)
            .where(Client.id == client_id, or_(*behind))
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        await self.session.execute(statement)

    async def set_aum(self, client_id: uuid.UUID, aum: Decimal) -> None:
        statement = (
            update(Client)
            .where(Client.id == client_id)
            .values(aum=aum)
            .execution_options(synchronize_session=False)
        )
        await self.session.execute(statement)

    async def page_of(
        self,
        model: Any,
        client_id: uuid.UUID,
        order: Any,
        *,
        limit: int,
        after: tuple[Any, Any] | None,
    ) -> list[Any]:
        """Newest first by (order, id) for a per-client table."""
        statement = select(model).where(model.client_id == client_id)
        if after is not None:
            statement = statement.where(tuple_(order, model.id) < after)
        statement = statement.order_by(order.desc(), model.id.desc()).limit(limit)
        return list((await self.session.execute(statement)).scalars())

    async def of_clients(
        self,
        model: Any,
        client_ids: list[uuid.UUID],
        order: Any,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[Any]:
        """Rows of a per-client table for several clients, each client's newest first by
        (order, id) as `page_of` gives them; `order` within [since, until] when given."""
        statement = select(model).where(model.client_id.in_(client_ids))
        if since is not None:
            statement = statement.where(order >= since)
        if until is not None:
            statement = statement.where(order <= until)
        statement = statement.order_by(model.client_id, order.desc(), model.id.desc())
        return list((await self.session.execute(statement)).scalars())

    async def recent(self, model: Any, client_id: uuid.UUID, order: Any, limit: int) -> list[Any]:
        return await self.page_of(model, client_id, order, limit=limit, after=None)

    async def latest_tier_change(self, client_id: uuid.UUID) -> TierChange | None:
        rows = await self.recent(TierChange, client_id, TierChange.changed_at, 1)
        return rows[0] if rows else None

    async def latest_stage_change(self, client_id: uuid.UUID) -> StageChange | None:
        rows = await self.recent(StageChange, client_id, StageChange.changed_at, 1)
        return rows[0] if rows else None

    async def audit_page(
        self, client_id: uuid.UUID, *, limit: int, after: int | None
    ) -> list[AuditEntry]:
        statement = select(AuditEntry).where(AuditEntry.client_id == client_id)
        if after is not None:
            statement = statement.where(AuditEntry.id < after)
        statement = statement.order_by(AuditEntry.id.desc()).limit(limit)
        return list((await self.session.execute(statement)).scalars())

    # -- definitions, configuration, segments ------------------------------------------

    async def field_definitions(self) -> list[CustomFieldDefinition]:
        statement = select(CustomFieldDefinition).order_by(CustomFieldDefinition.key)
        return list((await self.session.execute(statement)).scalars())

    async def clients_with_field(self, key: str) -> AsyncIterator[tuple[uuid.UUID, Any]]:
        statement = select(Client.id, Client.custom_fields[key]).where(
            Client.custom_fields.has_key(key)
        )
        result = await self.session.stream(statement.execution_options(yield_per=1000))
        async for client_id, value in result:
            yield client_id, value

    async def clients_without_field(self, key: str, limit: int) -> tuple[int, list[uuid.UUID]]:
        condition = ~Client.custom_fields.has_key(key)
        count = (
            await self.session.execute(select(func.count()).select_from(Client).where(condition))
        ).scalar_one()
        sample = (
            await self.session.execute(select(Client.id).where(condition).limit(limit))
        ).scalars()
        return int(count), list(sample)

    async def config(self, key: str) -> ConfigEntry | None:
        return await self.session.get(ConfigEntry, key)

    async def segment(self, segment_id: uuid.UUID) -> Segment | None:
        return await self.session.get(Segment, segment_id)

    async def segment_by_name(self, name: str) -> Segment | None:
        return (
            await self.session.execute(select(Segment).where(Segment.name == name))
        ).scalar_one_or_none()

    async def segments(self) -> list[Segment]:
        return list((await self.session.execute(select(Segment).order_by(Segment.name))).scalars())
