"""The 360° view's parts in one statement: the holdings' total and count, the top holdings,
the recent interactions and transactions, the latest tier and stage changes, the related
persons, the links and the net flows of the last 12 months, each a scalar subquery (the
lists as JSON), so the view costs one round trip instead of ten. The rows come back as the
same ORM classes (transient, never added to the session) the rest of the service uses."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import (
    Date,
    DateTime,
    Numeric,
    Select,
    Text,
    Uuid,
    cast,
    func,
    inspect,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from services.clients.models import (
    ClientLink,
    Holding,
    Interaction,
    RelatedPerson,
    StageChange,
    TierChange,
    Transaction,
    net_flow_amount,
)

T = TypeVar("T")


@dataclass(frozen=True)
class ViewParts:
    aum: Decimal
    holdings_count: int
    top_holdings: list[Holding]
    recent_interactions: list[Interaction]
    recent_transactions: list[Transaction]
    tier_reason: TierChange | None
    stage_reason: StageChange | None
    related_persons: list[RelatedPerson]
    links: list[ClientLink]
    net_flows: Decimal


def _rows(model: Any, where: Any, order: tuple[Any, ...], limit: int | None = None) -> Any:
    """The matching rows as one JSON array (text, so numbers keep their precision)."""
    inner: Select[Any] = select(model.__table__).where(where).order_by(*order)
    if limit is not None:
        inner = inner.limit(limit)
    sub = inner.subquery()
    aggregated = func.jsonb_agg(
        aggregate_order_by(func.to_jsonb(sub.table_valued()), *_same_order(sub, order))
    )
    return (
        select(cast(func.coalesce(aggregated, literal_column("'[]'::jsonb")), Text))
        .select_from(sub)
        .scalar_subquery()
    )


def _same_order(sub: Any, order: tuple[Any, ...]) -> list[Any]:
    """`order` (columns, or columns .desc()) over the subquery's columns."""
    out = []
    for item in order:
        if isinstance(item, UnaryExpression) and item.modifier is operators.desc_op:
            out.append(sub.c[item.element.name].desc())
        else:
            out.append(sub.c[item.name])
    return out


def _instance(model: type[T], data: dict[str, Any]) -> T:
    """An ORM object from its row as JSON: the columns' own Python types."""
    values: dict[str, Any] = {}
    mapper: Any = inspect(model)
    for attribute in mapper.column_attrs:
        column = attribute.columns[0]
        value = data.get(column.name)
        if value is not None:
            kind = column.type
            if isinstance(kind, DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(kind, Date):
                value = date.fromisoformat(value)
            elif isinstance(kind, Uuid):
                value = uuid.UUID(value)
            elif isinstance(kind, Numeric) and not isinstance(value, Decimal):
                value = Decimal(str(value))
        values[attribute.key] = value
    return model(**values)


def _list(model: type[T], raw: str | None) -> list[T]:
    return [_instance(model, row) for row in json.loads(raw or "[]", parse_float=Decimal)]


async def view_parts(
    session: AsyncSession, client_id: uuid.UUID, *, recent: int, since: datetime
) -> ViewParts:
    holdings_order = (Holding.market_value.desc(), Holding.product_code)
    statement = select(
        select(func.coalesce(func.sum(Holding.market_value), 0))
        .where(Holding.client_id == client_id)
        .scalar_subquery(),
        select(func.count())
        .select_from(Holding)
        .where(Holding.client_id == client_id)
        .scalar_subquery(),
        _rows(Holding, Holding.client_id == client_id, holdings_order, 5),
        _rows(
            Interaction,
            Interaction.client_id == client_id,
            (Interaction.occurred_at.desc(), Interaction.id.desc()),
            recent,
        ),
        _rows(
            Transaction,
            Transaction.client_id == client_id,
            (Transaction.occurred_at.desc(), Transaction.id.desc()),
            recent,
        ),
        _rows(
            TierChange,
            TierChange.client_id == client_id,
            (TierChange.changed_at.desc(), TierChange.id.desc()),
            1,
        ),
        _rows(
            StageChange,
            StageChange.client_id == client_id,
            (StageChange.changed_at.desc(), StageChange.id.desc()),
            1,
        ),
        _rows(RelatedPerson, RelatedPerson.client_id == client_id, (RelatedPerson.name,)),
        _rows(
            ClientLink,
            or_(ClientLink.client_id == client_id, ClientLink.related_client_id == client_id),
            (ClientLink.id,),
        ),
        select(func.coalesce(func.sum(net_flow_amount()), 0))
        .where(Transaction.client_id == client_id, Transaction.occurred_at >= since)
        .scalar_subquery(),
    )
    row = (await session.execute(statement)).one()
    tiers = _list(TierChange, row[5])
    stages = _list(StageChange, row[6])
    return ViewParts(
        aum=Decimal(row[0]),
        holdings_count=int(row[1]),
        top_holdings=_list(Holding, row[2]),
        recent_interactions=_list(Interaction, row[3]),
        recent_transactions=_list(Transaction, row[4]),
        tier_reason=tiers[0] if tiers else None,
        stage_reason=stages[0] if stages else None,
        related_persons=_list(RelatedPerson, row[7]),
        links=_list(ClientLink, row[8]),
        net_flows=Decimal(row[9]),
    )
