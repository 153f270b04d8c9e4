"""ClientFilter -> SQL. The same filter drives lists and saved segments, so a segment's
count and members are exactly what the list shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Numeric,
    String as SqlString,
    and_,
    cast,
    func,
    not_,
    or_,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from services.clients import validation as v
from services.clients.custom_fields import FieldSpec, validate_value
from services.clients.models import RISK_LEVELS, Client, Stage, Tier
from services.clients.record_filters import RecordPredicate, record_condition, record_predicates
from services.common.errors import InvalidArgument

OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "contains", "exists")


@dataclass(frozen=True)
class CustomPredicate:
    key: str
    op: str
    value: Any


@dataclass(frozen=True)
class ClientFilterSpec:
    tiers: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    tags_any: tuple[str, ...] = ()
    tags_all: tuple[str, ...] = ()
    advisor_ids: tuple[str, ...] = ()
    team_ids: tuple[str, ...] = ()
    risk_levels: tuple[str, ...] = ()
    aum_min: Decimal | None = None
    aum_max: Decimal | None = None
    last_activity_before: datetime | None = None
    last_activity_after: datetime | None = None
    custom: tuple[CustomPredicate, ...] = field(default_factory=tuple)
    include_never_active: bool = False
    records: tuple[RecordPredicate, ...] = field(default_factory=tuple)
    last_contact_before: datetime | None = None
    last_contact_after: datetime | None = None


def _strings(raw: dict[str, Any], name: str, allowed: Any = None) -> tuple[str, ...]:
    values = raw.get(name) or []
    if not isinstance(values, list):
        raise InvalidArgument(f"filter.{name}", values, "must be a list")
    for value in values:
        if allowed is not None:
            v.choice(f"filter.{name}", value, allowed, required=True)
        elif not isinstance(value, str) or not value:
            raise InvalidArgument(f"filter.{name}", value, "must be a non-empty string")
    return tuple(values)


def _timestamp(raw: dict[str, Any], name: str) -> datetime | None:
    value = raw.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise InvalidArgument(f"filter.{name}", value, "must be an ISO 8601 timestamp") from None
    if parsed.tzinfo is None:
        raise InvalidArgument(f"filter.{name}", value, "must include a time zone offset")
    return parsed


def parse_filter(raw: dict[str, Any], specs: dict[str, FieldSpec]) -> ClientFilterSpec:
    """Validate a filter (as JSON) against the known tiers, stages and custom fields."""
    known = {f for f in ClientFilterSpec.__dataclass_fields__}
    for name in raw:
        if name not in known:
            raise InvalidArgument(f"filter.{name}", raw[name], "is not a filter field")
    custom = []
    for index, item in enumerate(raw.get("custom") or []):
        where = f"filter.custom[{index}]"
        if not isinstance(item, dict):
            raise InvalidArgument(where, item, "must be an object with key, op and value")
        spec = specs.get(str(item.get("key")))
        if spec is None:
            raise InvalidArgument(f"{where}.key", item.get("key"), "is not a defined custom field")
        op = item.get("op") or "eq"
        if op not in OPS:
            raise InvalidArgument(f"{where}.op", op, f"must be one of {', '.join(OPS)}")
        if op in ("gt", "gte", "lt", "lte") and spec.type not in ("number", "date"):
            raise InvalidArgument(
                f"{where}.op", op, f"orders only number and date fields, not {spec.type}"
            )
        if op == "contains" and spec.type not in ("text", "multi_choice"):
            raise InvalidArgument(f"{where}.op", op, "applies to text and multi_choice fields")
        value = item.get("value")
        if op == "contains" and spec.type == "multi_choice":
            value = validate_value(spec, [value])[0]
        elif op == "contains":
            if not isinstance(value, str):
                raise InvalidArgument(f"{where}.value", value, "must be text")
        elif op != "exists":
            value = validate_value(spec, value)
        custom.append(CustomPredicate(spec.key, op, value))
    return ClientFilterSpec(
        tiers=_strings(raw, "tiers", Tier),
        stages=_strings(raw, "stages", Stage),
        tags_any=_strings(raw, "tags_any"),
        tags_all=_strings(raw, "tags_all"),
        advisor_ids=_strings(raw, "advisor_ids"),
        team_ids=_strings(raw, "team_ids"),
        risk_levels=_strings(raw, "risk_levels", RISK_LEVELS),
        aum_min=v.decimal("filter.aum_min", raw.get("aum_min"), required=False),
        aum_max=v.decimal("filter.aum_max", raw.get("aum_max"), required=False),
        last_activity_before=_timestamp(raw, "last_activity_before"),
        last_activity_after=_timestamp(raw, "last_activity_after"),
        custom=tuple(custom),
        include_never_active=bool(raw.get("include_never_active")),
        records=record_predicates(raw.get("records") or []),
        last_contact_before=_timestamp(raw, "last_contact_before"),
        last_contact_after=_timestamp(raw, "last_contact_after"),
    )


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _custom_condition(
    predicate: CustomPredicate, specs: dict[str, FieldSpec]
) -> ColumnElement[bool]:
    column = Client.custom_fields
    key = predicate.key
    spec = specs[key]
    if predicate.op == "exists":
        exists: ColumnElement[bool] = column.has_key(key)
        return exists
    if predicate.op in ("eq", "ne"):
        condition = column[key] == cast(func.to_jsonb(predicate.value), JSONB)
        if spec.type in ("text", "single_choice", "date"):
            condition = column[key].astext == str(predicate.value)
        return (
            condition if predicate.op == "eq" else or_(not_(column.has_key(key)), not_(condition))
        )
    if predicate.op == "contains":
        if spec.type == "multi_choice":
            contains: ColumnElement[bool] = column[key].contains(
                cast(func.jsonb_build_array(predicate.value), JSONB)
            )
            return contains
        matches: ColumnElement[bool] = column[key].astext.ilike(
            f"%{_escape_like(str(predicate.value))}%", escape="\\"
        )
        return matches
    typed: ColumnElement[Any]
    if spec.type == "number":
        typed = cast(column[key].astext, Numeric)
        bound: Any = Decimal(str(predicate.value))
    else:
        typed = func.to_date(column[key].astext, "YYYY-MM-DD")
        bound = func.to_date(str(predicate.value), "YYYY-MM-DD")
    compare = {
        "gt": typed > bound,
        "gte": typed >= bound,
        "lt": typed < bound,
        "lte": typed <= bound,
    }
    return and_(column.has_key(key), compare[predicate.op])


def conditions(spec: ClientFilterSpec, specs: dict[str, FieldSpec]) -> ColumnElement[bool]:
    """One SQL condition for the whole filter (all parts AND-ed)."""
    parts: list[ColumnElement[bool]] = []
    if spec.tiers:
        parts.append(Client.tier.in_(spec.tiers))
    if spec.stages:
        parts.append(Client.lifecycle_stage.in_(spec.stages))
    if spec.tags_any:
        parts.append(Client.tags.overlap(cast(list(spec.tags_any), ARRAY(SqlString))))
    if spec.tags_all:
        parts.append(Client.tags.contains(cast(list(spec.tags_all), ARRAY(SqlString))))
    if spec.advisor_ids:
        parts.append(Client.advisor_id.in_(spec.advisor_ids))
    if spec.team_ids:
        parts.append(Client.team_id.in_(spec.team_ids))
    if spec.risk_levels:
        parts.append(Client.risk_level.in_(spec.risk_levels))
    if spec.aum_min is not None:
        parts.append(Client.aum >= spec.aum_min)
    if spec.aum_max is not None:
        parts.append(Client.aum <= spec.aum_max)
    if spec.last_activity_before is not None:
        before = Client.last_activity_at < spec.last_activity_before
        parts.append(
            or_(before, Client.last_activity_at.is_(None)) if spec.include_never_active else before
        )
    if spec.last_activity_after is not None:
        parts.append(Client.last_activity_at >= spec.last_activity_after)
    # A client never contacted counts from when it became a client (the same expression as
    # the index ix_clients_contact_or_created).
    contact = func.coalesce(Client.last_contact_at, Client.created_at)
    if spec.last_contact_before is not None:
        parts.append(contact < spec.last_contact_before)
    if spec.last_contact_after is not None:
        parts.append(contact >= spec.last_contact_after)
    parts.extend(_custom_condition(p, specs) for p in spec.custom)
    parts.extend(record_condition(p) for p in spec.records)
    return and_(true(), *parts)


def like_prefix(value: str) -> str:
    """A LIKE pattern matching values that start with `value` literally."""
    return f"{_escape_like(value)}%"
