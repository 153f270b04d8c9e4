"""The client's records in their report: each record type marked `report` (已投项目 for a
GP's LP) becomes a table of its list columns, titled and headed in the report's language —
read from the clients service, at most MAX_TYPES types and MAX_ROWS records each."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.common.identity import SYSTEM_ACTOR
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


async def record_sections(
    records: clients_pb2_grpc.CustomRecordsServiceStub, client_id: str, locale: str
) -> tuple[RecordSection, ...]:
    metadata = SYSTEM_ACTOR.to_metadata()
    listed = await records.ListRecordTypes(
        clients_pb2.ListRecordTypesRequest(), metadata=metadata, timeout=10
    )
    sections = []
    for kind in listed.types:
        document = json.loads(kind.document_json)
        if not document.get("report") or document.get("client", "required") == "none":
            continue
        fields = {f["key"]: f for f in document["fields"]}
        columns = [
            c for c in document.get("list_columns") or [document["title_field"]] if c in fields
        ]
        page = await records.ListRecords(
            clients_pb2.ListRecordsRequest(
                type=kind.key,
                client_id=client_id,
                sort="" if fields[columns[0]]["type"] == "computed" else columns[0],
                page_size=MAX_ROWS,
            ),
            metadata=metadata,
            timeout=10,
        )
        if not page.records:
            continue
        rows = []
        for record in page.records:
            values = json.loads(record.fields_json or "{}")
            rows.append(tuple(_cell(values.get(c)) for c in columns))
        sections.append(
            RecordSection(
                title=_words(document["name"], locale),
                columns=tuple(_words(fields[c]["label"], locale) for c in columns),
                rows=tuple(rows),
            )
        )
        if len(sections) >= MAX_TYPES:
            break
    return tuple(sections)
