"""Bulk import of clients with a row-level report.

Rows are read as a stream, validated in Python, then written in batches: one lookup per
key kind, COPY for new clients with their external ids and audit entries, one executemany
update for matched clients, so the cost per row stays small. All-or-nothing imports run in
the caller's transaction and roll back when any row failed; otherwise failed rows are skipped
and reported.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Text, any_, bindparam, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients import audit
from services.clients.custom_fields import FieldSpec
from services.clients.import_completed import CompletedEvents
from services.clients.import_keys import SeenKeys
from services.clients.import_rows import ImportReport, ParsedRow, RowError, parse_row
from services.clients.models import AuditEntry, Client, ExternalId
from services.clients.outbox import bulk_lane
from services.clients.repository import ClientRepository
from services.clients.scope import ClientScope
from services.clients.service import FIELDS, snapshot
from services.clients.spreadsheets import map_headers, read_rows
from services.common.db import driver_connection
from services.common.errors import ClientflowError, InvalidArgument, PermissionDenied
from services.common.identity import Actor, Role

BATCH = 1000
# Rows of one file at most: bounds the memory and time one upload can take (the sheet is held
# in memory while it is read), whatever a 20 MB file decompresses to.
MAX_ROWS = 200_000
JSON_COLUMNS = {"custom_fields", "risk_answers"}


class ClientImporter:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repository = ClientRepository(session)
        self.completed: CompletedEvents | None = None

    async def run(
        self,
        actor: Actor,
        content: bytes,
        filename: str,
        *,
        all_or_nothing: bool,
        source: str,
    ) -> ImportReport:
        scope = ClientScope.for_actor(actor)
        if not actor.has(Role.ADMIN, Role.MANAGER, Role.SERVICE):
            raise PermissionDenied("imports are for managers and admins")
        source = (source or "import").strip()[:64]
        await bulk_lane(self.session)
        self.completed = CompletedEvents(actor, source, filename)
        specs = {
            row.key: FieldSpec.from_row(row) for row in await self.repository.field_definitions()
        }
        header, rows = read_rows(content, filename)
        columns = map_headers(header, {key: spec.label for key, spec in specs.items()})
        titles = {field_name: header[index] for index, field_name in columns.items()}
        report = ImportReport()
        seen = SeenKeys()
        batch: list[ParsedRow] = []
        for number, cells in rows:
            report.rows += 1
            if report.rows > MAX_ROWS:
                raise InvalidArgument(
                    "file", filename, f"has more than {MAX_ROWS} rows; split it into parts"
                )
            try:
                parsed = parse_row(number, cells, columns, specs)
            except ClientflowError as error:
                report.reject(self._row_error(number, error, titles))
                continue
            duplicate = self._seen_before(parsed, seen)
            if duplicate is not None:
                report.reject(RowError(number, "", "", f"is the same client as row {duplicate}"))
                continue
            batch.append(parsed)
            if len(batch) >= BATCH:
                await self._write(actor, scope, batch, source, report, titles)
                batch = []
        if batch:
            await self._write(actor, scope, batch, source, report, titles)
        if report.rows == 0:
            raise InvalidArgument("file", filename, "has a header but no rows")
        if all_or_nothing and report.rejected:
            await self.session.rollback()
            report.created = report.updated = 0
            report.committed = False
        else:
            report.committed = True
            if report.created or report.updated:
                await self.session.execute(text("SELECT pg_notify('clients_outbox', '')"))
        return report

    @staticmethod
    def _row_error(number: int, error: ClientflowError, titles: dict[str, str]) -> RowError:
        field_name = error.field or ""
        column = titles.get(field_name, field_name)
        value = "" if error.value is None else str(error.value)
        reason = getattr(error, "reason", error.message)
        return RowError(number, column, value, reason)

    @staticmethod
    def _seen_before(row: ParsedRow, seen: SeenKeys) -> int | None:
        """The earlier row of this file with the same external id, phone or email."""
        keys = [
            SeenKeys.key("external_id", value) if (value := row.external_id) else None,
            SeenKeys.key("phone", value) if (value := row.values.get("phone")) else None,
            SeenKeys.key("email", value) if (value := row.values.get("email")) else None,
        ]
        for key in keys:
            if key is not None and (earlier := seen.row_of(key)) is not None:
                return earlier
        for key in keys:
            if key is not None:
                seen.add(key, row.number)
        return None

    async def _matches(self, batch: list[ParsedRow], source: str) -> dict[int, Client]:
        """Row number -> existing client, by external id, then phone, then email."""
        by_external: dict[str, uuid.UUID] = {}
        externals = [r.external_id for r in batch if r.external_id]
        if externals:
            rows = await self.session.execute(
                select(ExternalId.external_id, ExternalId.client_id).where(
                    ExternalId.source == source, ExternalId.external_id == any_(_texts(externals))
                )
            )
            by_external = dict(rows.tuples().all())
        phones = [r.values["phone"] for r in batch if r.values.get("phone")]
        emails = [r.values["email"] for r in batch if r.values.get("email")]
        ids = set(by_external.values())
        by_phone: dict[str, Client] = {}
        by_email: dict[str, Client] = {}
        if phones:
            for client in (
                await self.session.execute(
                    select(Client).where(Client.phone == any_(_texts(phones)))
                )
            ).scalars():
                by_phone.setdefault(client.phone or "", client)
        if emails:
            for client in (
                await self.session.execute(
                    select(Client).where(func.lower(Client.email) == any_(_texts(emails)))
                )
            ).scalars():
                by_email.setdefault((client.email or "").lower(), client)
        by_id: dict[uuid.UUID, Client] = {}
        if ids:
            by_id = {
                c.id: c
                for c in (
                    await self.session.execute(select(Client).where(Client.id.in_(ids)))
                ).scalars()
            }
        matches: dict[int, Client] = {}
        for row in batch:
            found = by_id.get(by_external.get(row.external_id or "", uuid.UUID(int=0)))
            found = (
                found
                or by_phone.get(row.values.get("phone") or "")
                or by_email.get(row.values.get("email") or "")
            )
            if found is not None:
                matches[row.number] = found
        return matches

    async def _write(
        self,
        actor: Actor,
        scope: ClientScope,
        batch: list[ParsedRow],
        source: str,
        report: ImportReport,
        titles: dict[str, str],
    ) -> None:
        matches = await self._matches(batch, source)
        now = datetime.now(UTC)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        audits: list[dict[str, Any]] = []
        externals: list[dict[str, Any]] = []
        create_audits: list[tuple[Any, ...]] = []
        new_externals: list[tuple[Any, ...]] = []
        assert self.completed is not None
        events = self.completed
        for row in batch:
            existing = matches.get(row.number)
            if existing is not None:
                if not scope.covers_team(existing.team_id):
                    report.reject(
                        RowError(row.number, "", "", "matches a client outside your team")
                    )
                    continue
                before = snapshot(existing)
                changes = {k: v for k, v in row.values.items() if k != "name" or v}
                merged = {**dict(existing.custom_fields or {}), **row.custom}
                updates.append(
                    {
                        "id": existing.id,
                        "version": existing.version,
                        "updated_at": now,
                        "custom_fields": merged,
                        **changes,
                    }
                )
                after = {**before, **changes, "custom_fields": merged}
                audits.append(
                    self._audit_row(actor, existing.id, "update", audit.diff(before, after), now)
                )
                if row.external_id:
                    externals.append(
                        {"client_id": existing.id, "source": source, "external_id": row.external_id}
                    )
                report.updated += 1
                events.add(existing.id, "updated", now)
                continue
            client_id = uuid.uuid4()
            values = {
                "id": client_id,
                "kind": "individual",
                "advisor_id": actor.user_id,
                "team_id": actor.team_id,
                "custom_fields": row.custom,
                "tags": [],
                "investment_preferences": [],
                "risk_answers": {},
                "version": 1,
                "created_at": now,
                "updated_at": now,
                **row.values,
            }
            if not scope.covers_team(values.get("team_id")):
                if (
                    scope.team_ids is not None
                    and len(scope.team_ids) == 1
                    and not row.values.get("team_id")
                ):
                    values["team_id"] = next(iter(scope.team_ids))
                else:
                    report.reject(
                        RowError(
                            row.number,
                            "team_id",
                            str(values.get("team_id") or ""),
                            "is not a team you manage",
                        )
                    )
                    continue
            inserts.append(values)
            created = {
                k: {"after": audit.jsonable(v)}
                for k, v in (row.values | {"custom_fields": row.custom}).items()
                if v not in (None, [], {})
            }
            create_audits.append(
                (
                    client_id,
                    "client",
                    str(client_id),
                    "create",
                    actor.user_id,
                    json.dumps(created),
                    now,
                    1,  # opens the new client's audit chain (see clients_0009)
                )
            )
            if row.external_id:
                new_externals.append((client_id, source, row.external_id))
            report.created += 1
            events.add(client_id, "created", now)
        if inserts:
            await self._copy_new(inserts, new_externals, create_audits)
        if updates:
            for group in _group_by_keys(updates):
                await self.session.execute(update(Client), group)
        if externals:
            await self.session.execute(pg_insert(ExternalId).on_conflict_do_nothing(), externals)
        if audits:
            await self.session.execute(insert(AuditEntry), audits)
        await events.copy(self.session)

    async def _copy_new(
        self,
        inserts: list[dict[str, Any]],
        externals: list[tuple[Any, ...]],
        audits: list[tuple[Any, ...]],
    ) -> None:
        """New clients, their external ids and audit entries by COPY, in this transaction."""
        driver = await driver_connection(self.session)
        records = [
            tuple(
                json.dumps(record.get(column, default))
                if column in JSON_COLUMNS
                else record.get(column, default)
                for column, default in NEW_CLIENT_COLUMNS
            )
            for record in inserts
        ]
        await driver.copy_records_to_table(
            "clients",
            schema_name="clients",
            columns=[column for column, _ in NEW_CLIENT_COLUMNS],
            records=records,
        )
        if externals:
            await driver.copy_records_to_table(
                "external_ids",
                schema_name="clients",
                columns=("client_id", "source", "external_id"),
                records=externals,
            )
        if audits:
            await driver.copy_records_to_table(
                "audit_log",
                schema_name="clients",
                columns=(
                    "client_id",
                    "entity",
                    "entity_id",
                    "action",
                    "actor_id",
                    "changes",
                    "at",
                    "seq",
                ),
                records=audits,
            )

    @staticmethod
    def _audit_row(
        actor: Actor, client_id: uuid.UUID, action: str, changes: dict[str, Any], now: datetime
    ) -> dict[str, Any]:
        return {
            "client_id": client_id,
            "entity": "client",
            "entity_id": str(client_id),
            "action": action,
            "actor_id": actor.user_id,
            "changes": audit.jsonable(changes),
            "at": now,
            "cause": actor.cause or None,
            "depth": actor.depth if actor.cause else None,
        }


# The columns an import writes for a new client, each with the value for a row that left it
# out (the other columns take the table's defaults).
_DEFAULTS: dict[str, Any] = {
    "kind": "individual",
    "locale": "zh-CN",
    "timezone": "Asia/Shanghai",
    "status": "active",
    "kyc_status": "pending",
    "tags": [],
    "investment_preferences": [],
    "risk_answers": {},
    "custom_fields": {},
    "version": 1,
}
NEW_CLIENT_COLUMNS: tuple[tuple[str, Any], ...] = tuple(
    (column, _DEFAULTS.get(column))
    for column in sorted(
        {column for column, _ in FIELDS.values()}
        | {"id", "custom_fields", "version", "created_at", "updated_at"}
    )
)


def _texts(values: list[str]) -> Any:
    """A list bound as one text[] parameter (`= ANY(...)`), not one parameter per value."""
    return bindparam(None, values, type_=ARRAY(Text))


def _group_by_keys(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """executemany needs the same keys in every row of a group."""
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    yield from groups.values()
