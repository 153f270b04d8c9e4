"""The client's records in their report: each record type marked `report` (已投项目 for a
GP's LP) becomes a table of its list columns, titled and headed in the report's language —
as the clients service's GetReportData chose them, at most MAX_TYPES types and MAX_ROWS records
each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from clientflow.clients.v1 import clients_pb2

from services.reporting.pdf import RecordSection

MAX_TYPES = 5
MAX_ROWS = 100


def _words(words: dict[str, str], locale: str) -> str:
    return words.get(locale) or words.get("en") or words.get("zh-CN") or ""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        try:
            amount = f"{Decimal(str(value.get('amount'))):,.2f}"
        except InvalidOperation:
            amount = str(value.get("amount"))
        return f"{value.get('currency', '')} {amount}".strip()
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "✓" if value else "—"
    return str(value)[:200]


def record_sections(
    types: Sequence[clients_pb2.RecordType],
    found: Sequence[clients_pb2.ReportRecords],
    locale: str,
) -> tuple[RecordSection, ...]:
    """The client's tables, from the report data the clients service chose: its records of
    each report type (at most MAX_TYPES, MAX_ROWS each), in the columns it named."""
    documents = {t.key: json.loads(t.document_json) for t in types}
    sections = []
    for records in found[:MAX_TYPES]:
        document = documents.get(records.type)
        if document is None or not records.records:
            continue
        fields = {f["key"]: f for f in document["fields"]}
        columns = [c for c in records.columns if c in fields]
        rows = []
        for record in records.records[:MAX_ROWS]:
            values = json.loads(record.fields_json or "{}")
            rows.append(tuple(_cell(values.get(c)) for c in columns))
        sections.append(
            RecordSection(
                title=_words(document["name"], locale),
                columns=tuple(_words(fields[c]["label"], locale) for c in columns),
                rows=tuple(rows),
            )
        )
    return tuple(sections)
