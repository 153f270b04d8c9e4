"""Export clients (a segment or a filter) as .xlsx or .csv within the caller's scope."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from services.clients.filters import conditions, parse_filter
from services.clients.models import Client
from services.clients.scope import ClientScope
from services.clients.segments import SegmentService
from services.clients.spreadsheets import write_csv, write_xlsx
from services.common.errors import InvalidArgument
from services.common.identity import Actor

COLUMNS = [
    "id",
    "name",
    "kind",
    "advisor_id",
    "team_id",
    "phone",
    "email",
    "tier",
    "lifecycle_stage",
    "aum",
    "risk_level",
    "tags",
    "birthday",
    "contract_end",
    "last_activity_at",
]


def _row(client: Client, custom_keys: list[str]) -> list[Any]:
    values: list[Any] = []
    for column in COLUMNS:
        value = getattr(client, column)
        if column == "tags":
            value = ", ".join(value or [])
        elif column == "aum":
            value = format(value, "f")
        elif value is not None and not isinstance(value, str):
            value = value.isoformat() if hasattr(value, "isoformat") else str(value)
        values.append(value if value is not None else "")
    custom = client.custom_fields or {}
    for key in custom_keys:
        value = custom.get(key, "")
        values.append(", ".join(map(str, value)) if isinstance(value, list) else value)
    return values


class ClientExporter(SegmentService):
    async def export(
        self, actor: Actor, segment_id: str, raw_filter: dict[str, Any], fmt: str
    ) -> AsyncIterator[bytes]:
        """Chunks of the file; formula-like cells are neutralised."""
        if fmt not in ("xlsx", "csv"):
            raise InvalidArgument("format", fmt, "must be xlsx or csv")
        scope = ClientScope.for_actor(actor)
        specs = await self.field_specs()
        custom_keys = sorted(specs)
        header = COLUMNS + [f"cf:{key}" for key in custom_keys]
        if segment_id:
            clients = [c async for c in self.stream(actor, segment_id)]
        else:
            condition = conditions(parse_filter(raw_filter, specs), specs)
            clients = [c async for c in self.repository.stream(scope, condition)]
        rows = (_row(client, custom_keys) for client in clients)
        if fmt == "csv":
            for chunk in write_csv(header, rows):
                yield chunk
            return
        data = write_xlsx(header, rows)
        for start in range(0, len(data), 1 << 20):
            yield data[start : start + (1 << 20)]
