"""Record types the firm defines at run time (合同, 订单, 商机, 已投项目): a key, names in both
languages, whether a record belongs to a client, fields, a display title, list columns and a
form layout. A type is a versioned document; its values are checked here, field by field,
naming `fields.<key>` and the value.

Field kinds: the custom-field kinds (text, number, date, single_choice, multi_choice,
boolean), `money` (an amount and a currency), `person` (a person in the directory, by user
id), `record` (another record, by id, of a named type) and `computed` (read-only: a bounded
CEL expression over the record's other fields, `record.amount * 0.02`, worked out whenever
the record is read or written — never stored, so never stale after the type changes). A field may be required, unique
among the type's active records, and indexed (at most five per type: an expression index for
lists filtered or sorted by it).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from services.common import cel
from services.common.errors import InvalidArgument

MAX_TYPES = 50
MAX_FIELDS = 50
MAX_INDEXED = 5
MAX_COMPUTED = 3
MAX_RECORD_BYTES = 16 * 1024
MAX_TEXT = 2000
KEY = r"^[a-z][a-z0-9_]{0,39}$"
FIELD_KEY = r"^[a-z][a-z0-9_]{0,39}$"
KINDS = Literal[
    "text",
    "number",
    "date",
    "single_choice",
    "multi_choice",
    "boolean",
    "money",
    "person",
    "record",
    "computed",
]
ROLES = Literal["admin", "manager", "advisor", "accountant", "partner", "service"]
CURRENCY = re.compile(r"^[A-Z]{3}$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Words(Strict):
    zh_CN: str = Field(alias="zh-CN", min_length=1, max_length=100)
    en: str = Field(min_length=1, max_length=100)


class FieldDef(Strict):
    key: str = Field(pattern=FIELD_KEY)
    type: KINDS
    label: Words
    required: bool = False
    unique: bool = False
    indexed: bool = False
    options: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=100
    )
    min: float | None = None
    max: float | None = None
    # money: the currency when a value names none
    currency: str = Field("CNY", pattern=r"^[A-Z]{3}$")
    # record: the type a value points to
    record_type: str | None = Field(None, pattern=KEY)
    # computed: CEL over `record` (money fields as their amount)
    expression: str | None = Field(None, max_length=cel.MAX_CHARS)


def _admins() -> list[ROLES]:
    return ["admin"]


class RecordType(Strict):
    key: str = Field(pattern=KEY)
    name: Words
    # Each record belongs to a client (seen by whoever sees the client), or none (firm-wide,
    # seen by `roles`).
    client: Literal["required", "none"] = "required"
    roles: list[ROLES] = Field(default_factory=_admins, max_length=6)
    fields: list[FieldDef] = Field(min_length=1, max_length=MAX_FIELDS)
    title_field: str = Field(pattern=FIELD_KEY)
    list_columns: list[Annotated[str, Field(pattern=FIELD_KEY)]] = Field(
        default_factory=list, max_length=10
    )
    layout: list[Annotated[str, Field(pattern=FIELD_KEY)]] = Field(
        default_factory=list, max_length=MAX_FIELDS
    )
    # Listed (its list columns) in each of its client's reports, after the transactions.
    report: bool = False

    def field(self, key: str) -> FieldDef | None:
        return next((f for f in self.fields if f.key == key), None)


def parse_type(raw: Any) -> RecordType:
    """The type, or INVALID_ARGUMENT naming the first problem's place."""
    if not isinstance(raw, dict):
        raise InvalidArgument("document", type(raw).__name__, "must be a JSON object")
    try:
        parsed = RecordType.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        place = ".".join(str(p) for p in first["loc"] if p != "[key]")
        value = first.get("input")
        shown = value if isinstance(value, str | int | float | bool) or value is None else "…"
        raise InvalidArgument(place or "document", shown, first["msg"].lower()) from None
    check_type(parsed)
    return parsed


def check_type(kind: RecordType) -> None:
    """What the schema cannot say: unique keys, the title, columns and layout name fields,
    choices have options, relations name a type, five indexed fields at most."""
    seen: set[str] = set()
    for index, item in enumerate(kind.fields):
        where = f"fields[{index}]"
        if item.key in seen:
            raise InvalidArgument(f"{where}.key", item.key, "is used by another field")
        seen.add(item.key)
        if item.type in ("single_choice", "multi_choice") and not item.options:
            raise InvalidArgument(f"{where}.options", [], "a choice field needs options")
        if item.type == "record" and not item.record_type:
            raise InvalidArgument(f"{where}.record_type", None, "a relation names its type")
        if item.type == "computed":
            _check_computed(where, item)
        elif item.expression is not None:
            raise InvalidArgument(f"{where}.expression", item.expression, "only a computed field")
        if item.min is not None and item.max is not None and item.min > item.max:
            raise InvalidArgument(f"{where}.min", item.min, f"must not exceed max {item.max}")
    if kind.title_field not in seen:
        raise InvalidArgument("title_field", kind.title_field, "names no field")
    for name in ("list_columns", "layout"):
        for key in getattr(kind, name):
            if key not in seen:
                raise InvalidArgument(name, key, "names no field")
    computed = [f.key for f in kind.fields if f.type == "computed"]
    if len(computed) > MAX_COMPUTED:
        raise InvalidArgument(
            "fields", len(computed), f"at most {MAX_COMPUTED} fields may be computed"
        )
    indexed = [f.key for f in kind.fields if f.indexed or f.unique]
    if len(indexed) > MAX_INDEXED:
        raise InvalidArgument(
            "fields", len(indexed), f"at most {MAX_INDEXED} fields may be indexed or unique"
        )


def _check_computed(where: str, item: FieldDef) -> None:
    if not item.expression:
        raise InvalidArgument(f"{where}.expression", item.expression, "a computed field needs one")
    for flag in ("required", "unique", "indexed"):
        if getattr(item, flag):
            raise InvalidArgument(
                f"{where}.{flag}", True, "a computed field is worked out, not stored"
            )
    cel.compile_expression(item.expression, f"{where}.expression")


def computed_values(kind: RecordType, data: dict[str, Any]) -> dict[str, Any]:
    """`data` with each computed field's value (a number, text or true/false; left out
    when the expression cannot be evaluated over this record, e.g. a field it reads is
    empty)."""
    fields = [f for f in kind.fields if f.type == "computed" and f.expression]
    if not fields:
        return data
    plain = {k: v.get("amount") if isinstance(v, dict) else v for k, v in data.items()}
    result = dict(data)
    for item in fields:
        try:
            value = cel.run(
                cel.compile_expression(item.expression or "", "expression"), {"record": plain}
            )
        except cel.ExpressionError:
            continue
        if isinstance(value, bool):
            result[item.key] = bool(value)
        elif isinstance(value, int | float):
            number = round(float(value), 6)
            result[item.key] = int(number) if number.is_integer() else number
        elif isinstance(value, str):
            result[item.key] = str(value)[:MAX_TEXT]
    return result


def _number(where: str, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidArgument(where, value, "must be a number")
    try:
        number = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        raise InvalidArgument(where, value, "must be a number") from None
    if not number.is_finite() or abs(number) >= Decimal("1e18"):
        raise InvalidArgument(where, value, "must be a finite number below 10^18")
    return number


def _plain(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def value_of(item: FieldDef, value: Any) -> Any:
    """A field's value as stored (JSON), or INVALID_ARGUMENT naming fields.<key>."""
    where = f"fields.{item.key}"
    if item.type in ("text", "person", "record"):
        if not isinstance(value, str) or not value.strip():
            raise InvalidArgument(where, value, "must be text")
        if "\x00" in value or len(value) > MAX_TEXT:
            raise InvalidArgument(where, value[:20], f"must be at most {MAX_TEXT} characters")
        return value.strip()
    if item.type == "number":
        number = _number(where, value)
        if item.min is not None and number < Decimal(str(item.min)):
            raise InvalidArgument(where, value, f"must be at least {item.min:g}")
        if item.max is not None and number > Decimal(str(item.max)):
            raise InvalidArgument(where, value, f"must be at most {item.max:g}")
        return _plain(number)
    if item.type == "money":
        amount, currency = (
            (value.get("amount"), value.get("currency"))
            if isinstance(value, dict)
            else (value, None)
        )
        number = _number(f"{where}.amount", amount)
        currency = currency or item.currency
        if not isinstance(currency, str) or not CURRENCY.match(currency):
            raise InvalidArgument(f"{where}.currency", currency, "must be a code like CNY")
        if item.min is not None and number < Decimal(str(item.min)):
            raise InvalidArgument(where, amount, f"must be at least {item.min:g}")
        return {"amount": _plain(number), "currency": currency}
    if item.type == "date":
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise InvalidArgument(where, value, "must be a date as YYYY-MM-DD") from None
    if item.type == "boolean":
        if not isinstance(value, bool):
            raise InvalidArgument(where, value, "must be true or false")
        return value
    if item.type == "single_choice":
        if value not in item.options:
            raise InvalidArgument(where, value, f"must be one of {', '.join(item.options)}")
        return value
    if not isinstance(value, list) or any(v not in item.options for v in value):
        raise InvalidArgument(where, value, f"must be a list of {', '.join(item.options)}")
    return list(dict.fromkeys(value))


def apply_fields(
    kind: RecordType, current: dict[str, Any], changes: dict[str, Any], *, creating: bool
) -> dict[str, Any]:
    """`changes` merged into `current` (null removes a value), each checked; a required
    field missing is named; the record bounded in size."""
    result = dict(current)
    for key, value in changes.items():
        item = kind.field(key)
        if item is None:
            raise InvalidArgument(f"fields.{key}", value, f"is not a field of {kind.key}")
        if item.type == "computed":
            if value is None:
                continue  # a form's empty value for it: nothing to write
            raise InvalidArgument(f"fields.{key}", value, "is computed from the other fields")
        if value is None or value == "":
            result.pop(key, None)
        else:
            result[key] = value_of(item, value)
    for item in kind.fields:
        if item.required and item.key not in result and (creating or item.key in changes):
            raise InvalidArgument(f"fields.{item.key}", None, "is required")
    if len(repr(result).encode()) > MAX_RECORD_BYTES:
        raise InvalidArgument("fields", "…", f"a record is at most {MAX_RECORD_BYTES} bytes")
    return result


def title_of(kind: RecordType, data: dict[str, Any]) -> str:
    value = computed_values(kind, data).get(kind.title_field)
    if isinstance(value, dict):
        value = f"{value.get('amount')} {value.get('currency')}"
    return str(value if value is not None else "")[:200]
