"""Records in and out of spreadsheets: an export of the records a list shows (what the
caller may see, filtered and sorted), and an all-or-nothing import with a row report.

Columns are the type's fields, headed by the label in the caller's language; an import
matches a header to a field by its key or either label, and a record of a client by
`client_id` or `client_external_id` (客户编号). Cells are read as the form reads them: a
money cell is an amount with an optional currency ("1,000,000" or "250 USD"), a multi-choice
cell is separated by commas or 、, a boolean is true/false/是/否. Computed fields are
exported, never imported.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text

from services.clients.custom_records import CustomRecordService, Filter
from services.clients.import_rows import ImportReport, RowError
from services.clients.models import Client, ExternalId
from services.clients.outbox import bulk_lane
from services.clients.record_models import RecordRow
from services.clients.record_type_store import field_sql
from services.clients.record_types import (
    FieldDef,
    RecordType,
    apply_fields,
    computed_values,
    title_of,
)
from services.clients.repository import scoped
from services.clients.scope import ClientScope
from services.clients.spreadsheets import TAG_SEPARATORS, read_rows, write_csv, write_xlsx
from services.common.errors import ClientflowError, InvalidArgument, PermissionDenied
from services.common.identity import Actor, Role

# An upload's rows at most: each is checked like a form and audited one by one.
MAX_ROWS = 20_000
# An export's rows at most (a list's filters narrow a larger type).
MAX_EXPORT = 100_000
CLIENT_COLUMNS = {
    "client_id": ("client_id", "client id", "客户id"),
    "client_external_id": ("client_external_id", "client number", "客户编号", "客户号"),
}
TRUE = {"true", "yes", "y", "1", "是", "对"}
FALSE = {"false", "no", "n", "0", "否", "不"}


def _label(item: FieldDef, locale: str) -> str:
    return item.label.zh_CN if locale.startswith("zh") else item.label.en


def _cell(item: FieldDef, value: Any) -> Any:
    if value is None:
        return ""
    if item.type == "money" and isinstance(value, dict):
        amount = value.get("amount")
        currency = value.get("currency")
        return amount if currency == item.currency else f"{amount} {currency}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _value(item: FieldDef, cell: str) -> Any:
    """A cell as the API takes the field's value ("" leaves the field empty)."""
    if item.type == "money":
        amount, _, currency = cell.partition(" ")
        return {"amount": amount, "currency": currency.strip() or item.currency}
    if item.type == "boolean":
        lowered = cell.lower()
        if lowered not in TRUE | FALSE:
            raise InvalidArgument(f"fields.{item.key}", cell, "must be true or false (是/否)")
        return lowered in TRUE
    if item.type == "multi_choice":
        for separator in TAG_SEPARATORS[1:]:
            cell = cell.replace(separator, ",")
        return [part.strip() for part in cell.split(",") if part.strip()]
    return cell


@dataclass
class _Row:
    number: int
    client: str
    external: str
    data: dict[str, Any]


class RecordSpreadsheets(CustomRecordService):
    # -- export ------------------------------------------------------------------------

    async def export(
        self,
        actor: Actor,
        type_key: str,
        *,
        fmt: str,
        locale: str = "en",
        client_id: str = "",
        filters: list[Filter] | None = None,
        sort: str = "",
    ) -> AsyncIterator[bytes]:
        """Chunks of the file; formula-like cells are neutralised."""
        if fmt not in ("xlsx", "csv"):
            raise InvalidArgument("format", fmt, "must be xlsx or csv")
        statement, kind = await self.query(
            actor, type_key, client_id=client_id, filters=filters, sort=sort
        )
        rows = list((await self.session.execute(statement.limit(MAX_EXPORT + 1))).scalars())
        if len(rows) > MAX_EXPORT:
            raise InvalidArgument(
                "filter", len(rows), f"an export is at most {MAX_EXPORT:,} records; narrow it"
            )
        header = ["id", *(["client_id"] if kind.client == "required" else [])]
        header += [_label(item, locale) for item in kind.fields]
        lines = (
            [
                str(row.id),
                *([str(row.client_id)] if kind.client == "required" else []),
                *(_cell(item, values.get(item.key)) for item in kind.fields),
            ]
            for row in rows
            for values in (computed_values(kind, dict(row.data)),)
        )
        if fmt == "csv":
            for chunk in write_csv(header, lines):
                yield chunk
            return
        data = write_xlsx(header, lines)
        for start in range(0, len(data), 1 << 20):
            yield data[start : start + (1 << 20)]

    # -- import ------------------------------------------------------------------------

    async def run_import(
        self, actor: Actor, type_key: str, content: bytes, filename: str
    ) -> ImportReport:
        """Every row checked as the API checks a record; any row refused and nothing is
        written (the report names each row, column and value)."""
        view = await self.types.latest(type_key)
        kind = view.kind
        if kind.client == "none":
            if not self._firm_wide_allowed(actor, kind):
                raise PermissionDenied(f"{kind.key} records are for {', '.join(kind.roles)}")
        elif not actor.has(Role.ADMIN, Role.MANAGER, Role.SERVICE):
            raise PermissionDenied("imports are for managers and admins")
        header, numbered = read_rows(content, filename)
        columns, titles = self._columns(kind, header)
        await bulk_lane(self.session)
        report = ImportReport()
        parsed: list[_Row] = []
        for number, cells in numbered:
            report.rows += 1
            if report.rows > MAX_ROWS:
                raise InvalidArgument(
                    "file", filename, f"has more than {MAX_ROWS:,} rows; split it into parts"
                )
            try:
                parsed.append(self._parse(kind, number, cells, columns))
            except ClientflowError as error:
                report.reject(_row_error(number, error, titles))
        if report.rows == 0:
            raise InvalidArgument("file", filename, "has a header but no rows")
        owners = await self._owners(actor, kind, parsed, report, titles)
        await self._unique(kind, parsed, report, titles)
        if report.rejected:
            report.committed = False
            return report
        now = datetime.now(UTC)
        written = []
        for row in parsed:
            await self._check_relations(actor, kind, row.data)
            record = RecordRow(
                id=uuid.uuid4(),
                type_key=kind.key,
                client_id=owners.get(row.number),
                title=title_of(kind, row.data),
                data=row.data,
                status="active",
                version=1,
                created_by=actor.user_id,
                updated_by=actor.user_id,
                created_at=now,
                updated_at=now,
            )
            self.session.add(record)
            written.append(record)
        await self._flush(kind)
        for record in written:
            self._audit_created(actor, record, kind)
        report.created = len(written)
        report.committed = True
        return report

    @staticmethod
    def _columns(kind: RecordType, header: list[str]) -> tuple[dict[int, str], dict[str, str]]:
        """Column index -> field key (or client_id / client_external_id); field -> title."""
        lookup = {alias: name for name, aliases in CLIENT_COLUMNS.items() for alias in aliases}
        for item in kind.fields:
            if item.type != "computed":
                for alias in (item.key, item.label.en, item.label.zh_CN):
                    lookup.setdefault(alias.strip().lower(), item.key)
        columns: dict[int, str] = {}
        for index, title in enumerate(header):
            name = lookup.get(title.strip().lower())
            if name is not None and name not in columns.values():
                columns[index] = name
        if kind.client == "required" and not set(CLIENT_COLUMNS) & set(columns.values()):
            raise InvalidArgument(
                "file", ", ".join(header)[:200], "needs a client_id or client_external_id column"
            )
        if not set(columns.values()) - set(CLIENT_COLUMNS):
            raise InvalidArgument("file", ", ".join(header)[:200], f"names no {kind.key} field")
        titles = {f"fields.{name}": header[index] for index, name in columns.items()}
        titles |= {name: header[index] for index, name in columns.items()}
        return columns, titles

    @staticmethod
    def _parse(kind: RecordType, number: int, cells: list[str], columns: dict[int, str]) -> _Row:
        values = {name: (cells[i] if i < len(cells) else "").strip() for i, name in columns.items()}
        changes: dict[str, Any] = {}
        for key, cell in values.items():
            item = kind.field(key)
            if item is not None and cell:
                changes[key] = _value(item, cell)
        data = apply_fields(kind, {}, changes, creating=True)
        return _Row(number, values.get("client_id", ""), values.get("client_external_id", ""), data)

    async def _owners(
        self,
        actor: Actor,
        kind: RecordType,
        rows: list[_Row],
        report: ImportReport,
        titles: dict[str, str],
    ) -> dict[int, uuid.UUID]:
        """Row number -> the client it belongs to, each one the actor may see (a client
        they may not see is one there is not)."""
        if kind.client == "none":
            for row in rows:
                if row.client or row.external:
                    report.reject(RowError(row.number, "client_id", row.client, "has none"))
            return {}
        wanted: dict[int, uuid.UUID] = {}
        externals = {row.external for row in rows if row.external and not row.client}
        by_number: dict[str, uuid.UUID] = {}
        if externals:
            found = await self.session.execute(
                select(ExternalId.external_id, ExternalId.client_id).where(
                    ExternalId.external_id.in_(externals)
                )
            )
            for number, client in found:
                by_number[number] = client if number not in by_number else uuid.UUID(int=0)
        for row in rows:
            try:
                if row.client:
                    wanted[row.number] = uuid.UUID(row.client)
                elif row.external in by_number:
                    wanted[row.number] = by_number[row.external]
            except ValueError:
                pass
        visible: set[uuid.UUID] = set()
        ids = list(set(wanted.values()))
        scope = ClientScope.for_actor(actor)
        for start in range(0, len(ids), 5000):
            found = await self.session.execute(
                scoped(select(Client.id).where(Client.id.in_(ids[start : start + 5000])), scope)
            )
            visible.update(found.scalars())
        for row in rows:
            if wanted.get(row.number) not in visible:
                column = "client_id" if row.client else "client_external_id"
                value = row.client or row.external
                report.reject(
                    RowError(row.number, titles.get(column, column), value, "matches no client")
                )
        return wanted

    async def _unique(
        self, kind: RecordType, rows: list[_Row], report: ImportReport, titles: dict[str, str]
    ) -> None:
        """A unique field's value used twice in the file, or by an active record."""
        for item in kind.fields:
            if not item.unique:
                continue
            first: dict[str, int] = {}
            for row in rows:
                value = row.data.get(item.key)
                if value is None:
                    continue
                shown = str(value)
                column = titles.get(item.key, item.key)
                if shown in first:
                    report.reject(
                        RowError(row.number, column, shown, f"is used by row {first[shown]} too")
                    )
                else:
                    first[shown] = row.number
            if not first:
                continue
            taken = await self.session.execute(
                text(
                    f"SELECT {field_sql(item)}::text FROM clients.records"
                    f" WHERE type_key = :type AND status = 'active'"
                    f" AND {field_sql(item)}::text = ANY(:values)"
                ),
                {"type": kind.key, "values": list(first)},
            )
            for (value,) in taken:
                column = titles.get(item.key, item.key)
                report.reject(
                    RowError(first[value], column, value, "is used by another active record")
                )


def _row_error(number: int, error: ClientflowError, titles: dict[str, str]) -> RowError:
    field = error.field or ""
    base = ".".join(field.split(".")[:2])  # fields.<key>, not its .amount or .currency
    column = titles.get(base, field)
    value = "" if error.value is None else str(error.value)
    return RowError(number, column, value, getattr(error, "reason", error.message))
