"""Clients by their records: "at least N active records of a type whose fields meet these
conditions", as an EXISTS / count over `clients.records` for a segment or a client list.
Field keys are checked identifiers; a comparison with a number compares the field's number
(or a money field's amount) and skips records where it is not one, any other compares text
(dates compare as ISO text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, bindparam, text

from services.common.errors import InvalidArgument

KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
OPS = {"eq": "=", "ne": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
MAX_PREDICATES = 3
MAX_CONDITIONS = 5


@dataclass(frozen=True)
class RecordPredicate:
    """At least `count` (or, with `at_most`, at most that many) active records of `type`
    whose fields meet every condition."""

    type: str
    count: int
    where: tuple[tuple[str, str, str], ...] = ()
    at_most: int | None = None


RELATIVE = re.compile(r"^today(?:([+-])(\d{1,4}))?$")
FIRM_ZONE = ZoneInfo("Asia/Shanghai")


def _value(value: str) -> str:
    """A relative date (today, today-30) as the ISO date it is now in the firm's zone."""
    found = RELATIVE.match(value)
    if found is None:
        return value
    days = int(found[2] or 0) * (-1 if found[1] == "-" else 1)
    return (datetime.now(FIRM_ZONE).date() + timedelta(days=days)).isoformat()


def record_predicates(raw: Any) -> tuple[RecordPredicate, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_PREDICATES:
        raise InvalidArgument("filter.records", "…", f"at most {MAX_PREDICATES} conditions")
    found = []
    for index, item in enumerate(raw):
        where = f"filter.records[{index}]"
        if not isinstance(item, dict) or not KEY.match(str(item.get("type") or "")):
            raise InvalidArgument(f"{where}.type", (item or {}).get("type"), "names no type")
        at_most = item.get("count_lte")
        if at_most is not None and not 0 <= int(at_most) <= 100_000:
            raise InvalidArgument(f"{where}.count_lte", at_most, "must be 0 to 100,000")
        count = int(item.get("count_gte") or (0 if at_most is not None else 1))
        if not 0 <= count <= 100_000:
            raise InvalidArgument(f"{where}.count_gte", count, "must be 0 to 100,000")
        conditions = item.get("where") or []
        if not isinstance(conditions, list) or len(conditions) > MAX_CONDITIONS:
            raise InvalidArgument(f"{where}.where", "…", f"at most {MAX_CONDITIONS} conditions")
        parsed = []
        for number, condition in enumerate(conditions):
            place = f"{where}.where[{number}]"
            field, op = str(condition.get("field") or ""), str(condition.get("op") or "eq")
            if not KEY.match(field):
                raise InvalidArgument(f"{place}.field", field, "is not a field key")
            if op not in OPS:
                raise InvalidArgument(f"{place}.op", op, f"must be one of {', '.join(OPS)}")
            parsed.append((field, op, _value(str(condition.get("value") or "")[:200])))
        found.append(
            RecordPredicate(
                str(item["type"]),
                count,
                tuple(parsed),
                None if at_most is None else int(at_most),
            )
        )
    return tuple(found)


def _number(value: str) -> Decimal | None:
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


_SEQUENCE = iter(range(1, 1 << 62))


def record_condition(predicate: RecordPredicate) -> ColumnElement[bool]:
    """The client has at least `count` matching records (bound parameters, unique names)."""
    tag = next(_SEQUENCE)
    parts = [f"r.type_key = :rt{tag}", "r.status = 'active'", "r.client_id = clients.clients.id"]
    params: dict[str, Any] = {f"rt{tag}": predicate.type}
    for index, (field, op, value) in enumerate(predicate.where):
        name = f"rv{tag}_{index}"
        number = _number(value)
        if number is not None and op in ("gt", "gte", "lt", "lte", "eq", "ne"):
            parts.append(
                f"(CASE WHEN jsonb_typeof(r.data -> '{field}') = 'number'"
                f" THEN (r.data ->> '{field}')::numeric"
                f" WHEN jsonb_typeof(r.data -> '{field}' -> 'amount') = 'number'"
                f" THEN (r.data -> '{field}' ->> 'amount')::numeric END) {OPS[op]} :{name}"
            )
            params[name] = number
        else:
            parts.append(f"(r.data ->> '{field}') {OPS[op]} :{name}")
            params[name] = value
    count, most = f"cnt{tag}", f"most{tag}"
    matching = f"SELECT 1 FROM clients.records AS r WHERE {' AND '.join(parts)}"
    checks = []
    if predicate.count:
        params[count] = predicate.count
        checks.append(f"(SELECT count(*) FROM ({matching} LIMIT :{count}) AS found) >= :{count}")
    if predicate.at_most is not None:
        params[most] = predicate.at_most
        checks.append(f"(SELECT count(*) FROM ({matching} LIMIT :{most} + 1) AS found) <= :{most}")
    sql = " AND ".join(checks) or "true"
    return and_(text(sql).bindparams(*(bindparam(k, v) for k, v in params.items())))
