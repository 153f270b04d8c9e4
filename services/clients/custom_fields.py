"""Custom fields defined at run time: definitions and the validation of values.

A definition change never silently invalidates stored values: before a changed
definition is saved, every stored value of that field is checked against it (and,
when the field becomes required, every client must have a value); if any would
become invalid the change is refused with FAILED_PRECONDITION naming how many
clients and which, so the admin fixes the data first or chooses another change.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import re2  # type: ignore[import-untyped]

from services.clients.models import CustomFieldDefinition
from services.clients.validation import decimal, no_nul, text
from services.common.errors import InvalidArgument

KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_PATTERN = 500


@functools.lru_cache(maxsize=256)
def _compiled_pattern(pattern: str) -> Any:
    """Patterns run in RE2, in time linear in the value: a pattern like (a+)+ cannot make a
    write take seconds, as it would with backtracking."""
    return re2.compile(pattern, options=_RE2_OPTIONS)


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.max_mem = 8 << 20
_RE2_OPTIONS.log_errors = False


def _matches(pattern: str, value: str) -> bool:
    try:
        return _compiled_pattern(pattern).fullmatch(value) is not None
    except re2.error:
        # A pattern stored before patterns ran in RE2, in syntax RE2 lacks.
        raise InvalidArgument(
            "pattern", pattern, "is no longer supported; an admin must define the field again"
        ) from None


def plain_number(value: Decimal) -> str:
    """A limit as people write it: 1000000, not 1E+6."""
    return format(value.normalize(), "f")


TYPES = ("text", "number", "date", "single_choice", "multi_choice", "boolean")
MAX_TEXT = 2000


@dataclass(frozen=True)
class FieldSpec:
    """A validated definition, independent of the table row."""

    key: str
    label: str
    type: str
    required: bool
    min_value: Decimal | None
    max_value: Decimal | None
    pattern: str | None
    options: tuple[str, ...]

    @classmethod
    def from_row(cls, row: CustomFieldDefinition) -> FieldSpec:
        return cls(
            row.key,
            row.label,
            row.type,
            row.required,
            row.min_value,
            row.max_value,
            row.pattern,
            tuple(row.options),
        )


def parse_definition(raw: dict[str, Any]) -> FieldSpec:
    """Validate a definition as an admin sent it."""
    key = str(raw.get("key") or "")
    if not KEY.match(key):
        raise InvalidArgument(
            "key", key, "must start with a-z and contain only a-z, 0-9 and _ (max 64)"
        )
    kind = raw.get("type")
    if kind not in TYPES:
        raise InvalidArgument("type", kind, f"must be one of {', '.join(TYPES)}")
    label = text("label", raw.get("label") or key, max_length=200, required=True)
    minimum = decimal("min", raw.get("min"), required=False)
    maximum = decimal("max", raw.get("max"), required=False)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise InvalidArgument("min", str(minimum), f"must not exceed max {maximum}")
    pattern = raw.get("pattern") or None
    if pattern is not None:
        if kind != "text":
            raise InvalidArgument("pattern", pattern, "applies to text fields only")
        if len(pattern) > MAX_PATTERN:
            raise InvalidArgument(
                "pattern", f"{pattern[:20]}…", f"must be at most {MAX_PATTERN} characters"
            )
        try:
            _compiled_pattern(pattern)
        except re2.error as error:
            reason = error.args[0] if error.args else error
            if isinstance(reason, bytes):
                reason = reason.decode(errors="replace")
            raise InvalidArgument(
                "pattern",
                pattern,
                "is not a regular expression RE2 accepts (no backreferences or lookaround):"
                f" {reason}",
            ) from None
    options = tuple(
        dict.fromkeys(str(o).strip() for o in raw.get("options") or () if str(o).strip())
    )
    if kind in ("single_choice", "multi_choice") and not options:
        raise InvalidArgument("options", list(options), "a choice field needs at least one option")
    if kind not in ("single_choice", "multi_choice") and options:
        raise InvalidArgument("options", list(options), "apply to choice fields only")
    return FieldSpec(
        key, label or key, kind, bool(raw.get("required")), minimum, maximum, pattern, options
    )


def _bounded(spec: FieldSpec, where: str, raw: Any, number: Decimal) -> None:
    if spec.min_value is not None and number < spec.min_value:
        raise InvalidArgument(where, raw, f"must be at least {plain_number(spec.min_value)}")
    if spec.max_value is not None and number > spec.max_value:
        raise InvalidArgument(where, raw, f"must be at most {plain_number(spec.max_value)}")


def validate_value(spec: FieldSpec, value: Any) -> Any:
    """The value as stored (JSON), or InvalidArgument naming custom_fields.<key>."""
    where = f"custom_fields.{spec.key}"
    if spec.type == "text":
        if not isinstance(value, str):
            raise InvalidArgument(where, value, "must be text")
        no_nul(where, value)
        if len(value) > MAX_TEXT:
            raise InvalidArgument(where, f"{value[:20]}…", f"must be at most {MAX_TEXT} characters")
        if spec.pattern and not _matches(spec.pattern, value):
            raise InvalidArgument(where, value, f"must match {spec.pattern}")
        _bounded(spec, where, value, Decimal(len(value)))
        return value
    if spec.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise InvalidArgument(where, value, "must be a number")
        number = decimal(where, value)
        assert number is not None
        _bounded(spec, where, value, number)
        return float(number) if number != number.to_integral_value() else int(number)
    if spec.type == "date":
        try:
            parsed = date.fromisoformat(str(value))
        except ValueError:
            raise InvalidArgument(where, value, "must be a date as YYYY-MM-DD") from None
        return parsed.isoformat()
    if spec.type == "boolean":
        if not isinstance(value, bool):
            raise InvalidArgument(where, value, "must be true or false")
        return value
    if spec.type == "single_choice":
        if value not in spec.options:
            raise InvalidArgument(where, value, f"must be one of {', '.join(spec.options)}")
        return value
    # multi_choice
    if not isinstance(value, list) or any(item not in spec.options for item in value):
        raise InvalidArgument(where, value, f"must be a list of {', '.join(spec.options)}")
    return list(dict.fromkeys(value))


def apply_values(
    specs: dict[str, FieldSpec], current: dict[str, Any], changes: dict[str, Any], *, creating: bool
) -> dict[str, Any]:
    """Merge `changes` into `current` (null removes a value) and validate the result."""
    result = dict(current)
    for key, value in changes.items():
        spec = specs.get(key)
        if spec is None:
            raise InvalidArgument(f"custom_fields.{key}", value, "is not a defined custom field")
        if value is None:
            result.pop(key, None)
        else:
            result[key] = validate_value(spec, value)
    for spec in specs.values():
        if spec.required and spec.key not in result and (creating or spec.key in changes):
            raise InvalidArgument(f"custom_fields.{spec.key}", None, "is required")
    return result
