"""A type's numbers for a dashboard: the count of records and the sum of a number or money
field, by period (month or quarter of a date field, or of when the record was made), by
team and by advisor of the record's client — over the records the caller may see, with the
list's filters. Money is summed per currency (amounts in two currencies never add up)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, literal, literal_column, text

from services.clients.custom_records import CustomRecordService, Filter
from services.clients.models import Client
from services.clients.record_models import RecordRow
from services.clients.record_type_store import RecordTypeStore, field_sql
from services.common.errors import InvalidArgument, PermissionDenied
from services.common.identity import Actor, Role

GROUPS = ("month", "quarter", "team", "advisor")
MAX_GROUPS = 1000
FORMATS = {"month": "YYYY-MM", "quarter": 'YYYY-"Q"Q'}


@dataclass(frozen=True)
class Total:
    period: str
    team_id: str
    advisor_id: str
    currency: str
    count: int
    sum: float


class RecordSummary(CustomRecordService):
    async def totals(
        self,
        actor: Actor,
        type_key: str,
        *,
        measure: str = "",
        date_field: str = "",
        group_by: list[str],
        filters: list[Filter] | None = None,
    ) -> list[Total]:
        statement, kind = await self.query(actor, type_key, filters=filters)
        for index, group in enumerate(group_by):
            if group not in GROUPS:
                raise InvalidArgument(f"group_by[{index}]", group, f"must be one of {GROUPS}")
        if "month" in group_by and "quarter" in group_by:
            raise InvalidArgument("group_by", "month, quarter", "takes one period")
        if kind.client == "none" and {"team", "advisor"} & set(group_by):
            raise InvalidArgument("group_by", "team", f"{kind.key} records have no client")
        item = kind.field(measure) if measure else None
        if measure and (item is None or item.type not in ("number", "money")):
            raise InvalidArgument("measure", measure, "must be a number or money field")
        dated = kind.field(date_field) if date_field else None
        if date_field and (dated is None or dated.type != "date"):
            raise InvalidArgument("date_field", date_field, "must be a date field")
        period_of: Any = None
        for group in ("month", "quarter"):
            if group in group_by:
                moment = (
                    text(f"({field_sql(dated)})::date")
                    if dated is not None
                    else func.timezone("Asia/Shanghai", RecordRow.created_at)
                )
                period_of = func.to_char(moment, FORMATS[group])
        team = Client.team_id if "team" in group_by else None
        advisor = Client.advisor_id if "advisor" in group_by else None
        currency: Any = None
        amount: Any = literal(0)
        if item is not None:
            amount = literal_column(field_sql(item))
            if item.type == "money":
                currency = literal_column(f"(data -> '{item.key}' ->> 'currency')")
        # Only what is grouped by is selected (a constant in GROUP BY is an error).
        keys = [period_of, team, advisor, currency]
        present = [k for k in keys if k is not None]
        by_name = {"month": period_of, "quarter": period_of, "team": team, "advisor": advisor}
        ordered = [by_name[g] for g in group_by]  # rows in the order the groups were asked
        grouped = (
            statement.order_by(None)
            .with_only_columns(*present, func.count(), func.coalesce(func.sum(amount), 0))
            .group_by(*present)
            .order_by(*ordered, *(k for k in present if all(k is not o for o in ordered)))
            .limit(MAX_GROUPS + 1)
        )
        if dated is not None:
            grouped = grouped.where(text(f"(data ? '{dated.key}')"))
        rows = (await self.session.execute(grouped)).all()
        if len(rows) > MAX_GROUPS:
            raise InvalidArgument(
                "group_by", ", ".join(group_by), f"gives over {MAX_GROUPS} groups; narrow it"
            )
        totals = []
        for row in rows:
            values = iter(row)
            period, team_id, advisor_id, money = (
                str(next(values) or "") if k is not None else "" for k in keys
            )
            totals.append(
                Total(period, team_id, advisor_id, money, int(next(values)), float(next(values)))
            )
        return totals


async def latest_dates(
    session: Any, actor: Actor, type_key: str, field: str
) -> AsyncIterator[tuple[str, str]]:
    """(client id, latest date) of each client with an active record of the type that has
    the date field — for date rules; service and admin callers only."""
    if not actor.has(Role.SERVICE, Role.ADMIN):
        raise PermissionDenied("latest record dates are for the service and admins")
    view = await RecordTypeStore(session).latest(type_key)
    item = view.kind.field(field)
    if item is None or item.type != "date":
        raise InvalidArgument("field", field, f"is not a date field of {type_key}")
    statement = text(
        f"SELECT client_id, max({field_sql(item)}) FROM clients.records"
        " WHERE type_key = :type AND status = 'active' AND client_id IS NOT NULL"
        f" AND data ? '{item.key}' GROUP BY client_id"
    )
    result = await session.stream(statement, {"type": type_key})
    async for client_id, latest in result:
        yield str(client_id), str(latest)
