"""The record type designer's form, both ways: a type document as rows an admin edits (one
row a field: its key, kind, labels in both languages, flags, options and place), and the
submitted form as the document the gateway checks. Rows without a key are left out, so a
few blank rows are how a field is added; a row's place orders the form layout, and its
"in the list" box makes it a list column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData

KINDS = (
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
)
ROLES = ("admin", "manager", "advisor", "accountant", "partner", "service")
FLAGS = ("required", "unique", "indexed")
BLANK_ROWS = 3
MAX_ROWS = 50
SEPARATORS = ("\uff0c", "\u3001", ";", "\n")


@dataclass
class FieldRow:
    key: str = ""
    type: str = "text"
    zh: str = ""
    en: str = ""
    required: bool = False
    unique: bool = False
    indexed: bool = False
    in_list: bool = False
    options: str = ""
    currency: str = ""
    record_type: str = ""
    expression: str = ""
    place: int = 0


@dataclass
class TypeForm:
    name_zh: str = ""
    name_en: str = ""
    client: str = "required"
    roles: list[str] = field(default_factory=lambda: ["admin"])
    title_field: str = ""
    report: bool = False
    rows: list[FieldRow] = field(default_factory=list)


def form_of(document: dict[str, Any]) -> TypeForm:
    """The rows for a type document, plus blank rows for new fields."""
    layout = document.get("layout") or []
    columns = document.get("list_columns") or []
    rows = []
    for index, item in enumerate(document.get("fields") or []):
        key = str(item.get("key", ""))
        label = item.get("label") or {}
        rows.append(
            FieldRow(
                key=key,
                type=str(item.get("type", "text")),
                zh=str(label.get("zh-CN", "")),
                en=str(label.get("en", "")),
                required=bool(item.get("required")),
                unique=bool(item.get("unique")),
                indexed=bool(item.get("indexed")),
                in_list=key in columns,
                options=", ".join(item.get("options") or []),
                currency=str(item.get("currency") or ""),
                record_type=str(item.get("record_type") or ""),
                expression=str(item.get("expression") or ""),
                place=(layout.index(key) if key in layout else len(layout) + index) + 1,
            )
        )
    rows += [FieldRow(place=len(rows) + n + 1) for n in range(BLANK_ROWS)]
    name = document.get("name") or {}
    return TypeForm(
        name_zh=str(name.get("zh-CN", "")),
        name_en=str(name.get("en", "")),
        client=str(document.get("client", "required")),
        roles=list(document.get("roles") or ["admin"]),
        title_field=str(document.get("title_field", "")),
        report=bool(document.get("report")),
        rows=rows,
    )


def _options(text: str) -> list[str]:
    for separator in SEPARATORS:
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def _place(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def document_of(key: str, form: FormData) -> dict[str, Any]:
    """The type document the form describes (checked by the gateway, not here)."""
    fields, places, columns = [], {}, []
    for index in range(MAX_ROWS + BLANK_ROWS):

        def get(name: str, i: int = index) -> str:
            return str(form.get(f"f{i}_{name}") or "").strip()

        field_key = get("key")
        if not field_key:
            continue
        kind = get("type") or "text"
        item: dict[str, Any] = {
            "key": field_key,
            "type": kind,
            "label": {"zh-CN": get("zh") or field_key, "en": get("en") or field_key},
        }
        for flag in FLAGS:
            if get(flag):
                item[flag] = True
        if kind in ("single_choice", "multi_choice"):
            item["options"] = _options(get("options"))
        if kind == "money" and get("currency"):
            item["currency"] = get("currency").upper()
        if kind == "record":
            item["record_type"] = get("record_type") or None
        if kind == "computed":
            item["expression"] = get("expression")
        fields.append(item)
        places[field_key] = (_place(get("place"), index + 1), index)
        if get("in_list"):
            columns.append(field_key)
    layout = sorted(places, key=lambda k: places[k])
    document: dict[str, Any] = {
        "key": key,
        "name": {
            "zh-CN": str(form.get("name_zh") or key).strip(),
            "en": str(form.get("name_en") or key).strip(),
        },
        "client": "none" if form.get("client") == "none" else "required",
        "fields": fields,
        "title_field": str(form.get("title_field") or (fields[0]["key"] if fields else "")),
        "list_columns": [k for k in layout if k in columns][:10],
        "layout": layout,
    }
    if document["client"] == "none":
        document["roles"] = [r for r in form.getlist("roles") if r in ROLES] or ["admin"]
    if form.get("report"):
        document["report"] = True
    return document
