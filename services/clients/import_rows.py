"""An import's rows: one parsed and validated (naming the column and the value), and the
row-level report — every rejected row counted, the first thousand reported in full."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.clients.custom_fields import FieldSpec, apply_values
from services.clients.service import FIELDS
from services.clients.spreadsheets import KIND_VALUES, TAG_SEPARATORS

MAX_REPORTED_ERRORS = 1000
# A reported value or column; messages get twice as much.
MAX_REPORTED_CHARS = 100


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: int = 0
    committed: bool = False
    errors: list[RowError] = field(default_factory=list)

    def reject(self, error: RowError) -> None:
        """Count every rejected row; report the first MAX_REPORTED_ERRORS in full, with the
        value and message cut short, so the report stays small whatever the file holds
        (`rejected` minus the errors listed is how many more there were)."""
        self.rejected += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(
                RowError(
                    error.row,
                    error.column[:MAX_REPORTED_CHARS],
                    _cut(error.value, MAX_REPORTED_CHARS),
                    _cut(error.message, 2 * MAX_REPORTED_CHARS),
                )
            )


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    custom: dict[str, Any]
    external_id: str | None


def _split_tags(value: str) -> list[str]:
    for separator in TAG_SEPARATORS[1:]:
        value = value.replace(separator, TAG_SEPARATORS[0])
    return [t.strip() for t in value.split(TAG_SEPARATORS[0]) if t.strip()]


def parse_row(
    number: int, cells: list[str], columns: dict[int, str], specs: dict[str, FieldSpec]
) -> ParsedRow:
    """Validate one row; raises InvalidArgument naming the column and value."""
    raw: dict[str, str] = {}
    for index, name in columns.items():
        raw[name] = cells[index].strip() if index < len(cells) else ""
    values: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    for name, text in raw.items():
        if not text and name != "name":
            continue
        if name.startswith("custom_fields."):
            key = name.split(".", 1)[1]
            spec = specs[key]
            value: Any = text
            if spec.type == "number":
                value = text.replace(",", "")
            elif spec.type == "boolean":
                value = text.lower() in ("true", "yes", "1", "是", "y")
            elif spec.type == "multi_choice":
                value = _split_tags(text)
            custom[key] = value
        elif name == "tags":
            values["tags"] = FIELDS["tags"][1](_split_tags(text))
        elif name == "kind":
            values["kind"] = FIELDS["kind"][1](KIND_VALUES.get(text.lower(), text))
        elif name != "external_id":
            values[name] = FIELDS[name][1](text)
    custom = apply_values(specs, {}, custom, creating=False)
    external = raw.get("external_id") or None
    return ParsedRow(number, values, custom, external[:128] if external else None)
