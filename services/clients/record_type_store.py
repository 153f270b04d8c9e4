"""Record types at run time: admins put versions (the latest is in force); a change is
checked against the records stored — a field made required while records lack it, a field's
kind changed while records hold values, a field made unique while values repeat: refused,
naming how many records and which. Saving a type makes the expression indexes of its indexed
and unique fields (`ixr_…`, one per field, partial on the type)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients import audit
from services.clients.record_models import RecordRow, RecordTypeRow
from services.clients.record_types import MAX_TYPES, FieldDef, RecordType, parse_type
from services.common.errors import (
    Aborted,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.identity import STAFF_ROLES, Actor, Role

SHOWN_IDS = 5


@dataclass(frozen=True)
class TypeView:
    row: RecordTypeRow
    kind: RecordType


def field_sql(item: FieldDef) -> str:
    """The SQL of a field's value, as its index and the lists' filters write it (the same
    text, so the planner uses the index). Keys are checked identifiers."""
    if item.type == "number":
        return f"((data ->> '{item.key}')::numeric)"
    if item.type == "money":
        return f"(((data -> '{item.key}') ->> 'amount')::numeric)"
    return f"(data ->> '{item.key}')"


def index_name(type_key: str, field_key: str, suffix: str = "") -> str:
    digest = hashlib.sha1(f"{type_key}/{field_key}{suffix}".encode()).hexdigest()[:8]
    return f"ixr_{type_key[:20]}_{field_key[:20]}_{digest}{suffix}"


class RecordTypeStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest(self, key: str) -> TypeView:
        row = (
            await self.session.execute(
                select(RecordTypeRow)
                .where(RecordTypeRow.key == key)
                .order_by(RecordTypeRow.version.desc())
                .limit(1)
            )
        ).scalar_one_or_none()
        if row is None:
            raise NotFound(f"record type {key} not found", field="type", value=key)
        return TypeView(row, RecordType.model_validate(row.document))

    async def get(self, actor: Actor, key: str, version: int = 0) -> TypeView:
        self._staff(actor)
        if not version:
            return await self.latest(key)
        row = await self.session.get(RecordTypeRow, (key, version))
        if row is None:
            raise NotFound(f"record type {key} version {version} not found", field="version")
        return TypeView(row, RecordType.model_validate(row.document))

    async def list(self, actor: Actor) -> list[TypeView]:
        self._staff(actor)
        latest = (
            select(RecordTypeRow.key, func.max(RecordTypeRow.version).label("version"))
            .group_by(RecordTypeRow.key)
            .subquery()
        )
        rows = (
            await self.session.execute(
                select(RecordTypeRow)
                .join(
                    latest,
                    (RecordTypeRow.key == latest.c.key)
                    & (RecordTypeRow.version == latest.c.version),
                )
                .order_by(RecordTypeRow.key)
            )
        ).scalars()
        return [TypeView(row, RecordType.model_validate(row.document)) for row in rows]

    @staticmethod
    def _staff(actor: Actor) -> None:
        if not any(role in STAFF_ROLES for role in actor.roles):
            raise PermissionDenied("record types are for staff")

    async def put(self, actor: Actor, raw: Any, expected_version: int) -> TypeView:
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("only an admin defines record types")
        kind = parse_type(raw)
        # One writer of a type at a time (the version check and the index DDL).
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('record-type:' || :key))"),
            {"key": kind.key},
        )
        current = await self._latest_row(kind.key)
        version = current.version if current is not None else 0
        if expected_version != version:
            raise Aborted(
                f"record type {kind.key} is at version {version}, not {expected_version}",
                field="expected_version",
                value=expected_version,
            )
        for index, item in enumerate(kind.fields):
            named = item.record_type
            if (
                item.type == "record"
                and named not in (None, kind.key)
                and await self._latest_row(str(named)) is None
            ):
                raise InvalidArgument(f"fields[{index}].record_type", named, "names no record type")
        if current is None:
            count = await self.session.execute(select(func.count(RecordTypeRow.key.distinct())))
            if int(count.scalar_one()) >= MAX_TYPES:
                raise FailedPrecondition(
                    f"at most {MAX_TYPES} record types", field="key", value=kind.key
                )
        else:
            await self._check_against_records(RecordType.model_validate(current.document), kind)
        row = RecordTypeRow(
            key=kind.key,
            version=version + 1,
            document=kind.model_dump(mode="json", by_alias=True, exclude_none=True),
            created_by=actor.user_id,
            created_at=datetime.now(UTC),
        )
        self.session.add(row)
        await self.session.flush()
        await self._indexes(kind)
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=None,
            entity="record_type",
            entity_id=kind.key,
            action="create" if current is None else "update",
            changes={"version": {"before": version or None, "after": version + 1}},
        )
        return TypeView(row, kind)

    async def _latest_row(self, key: str) -> RecordTypeRow | None:
        return (
            await self.session.execute(
                select(RecordTypeRow)
                .where(RecordTypeRow.key == key)
                .order_by(RecordTypeRow.version.desc())
                .limit(1)
            )
        ).scalar_one_or_none()

    async def _check_against_records(self, before: RecordType, after: RecordType) -> None:
        for index, item in enumerate(after.fields):
            old = before.field(item.key)
            where = f"fields[{index}]"
            if item.required and (old is None or not old.required):
                await self._refuse_if(
                    after.key,
                    f"NOT (data ? '{item.key}')",
                    f"{where}.required",
                    item.key,
                    "records lack it",
                )
            if old is not None and old.type != item.type:
                await self._refuse_if(
                    after.key,
                    f"data ? '{item.key}'",
                    f"{where}.type",
                    item.type,
                    f"records hold {old.type} values",
                )
            if item.unique and (old is None or not old.unique):
                repeated = await self.session.execute(
                    text(
                        f"SELECT count(*) FROM (SELECT {field_sql(item)} FROM clients.records"
                        f" WHERE type_key = :type AND status = 'active' AND data ? '{item.key}'"
                        f" GROUP BY 1 HAVING count(*) > 1) AS repeats"
                    ),
                    {"type": after.key},
                )
                found = int(repeated.scalar_one())
                if found:
                    raise FailedPrecondition(
                        f"{found} values of {item.key} repeat among active records",
                        field=f"{where}.unique",
                        value=item.key,
                    )

    async def _refuse_if(
        self, type_key: str, condition: str, field: str, value: str, reason: str
    ) -> None:
        found = (
            await self.session.execute(
                select(RecordRow.id)
                .where(RecordRow.type_key == type_key, RecordRow.status == "active")
                .where(text(condition))
                .limit(SHOWN_IDS + 1)
            )
        ).scalars()
        ids = [str(i) for i in found]
        if ids:
            many = f"{len(ids)}" if len(ids) <= SHOWN_IDS else f"more than {SHOWN_IDS}"
            raise FailedPrecondition(
                f"{many} records {reason}: {', '.join(ids[:SHOWN_IDS])}",
                field=field,
                value=value,
            )

    async def _indexes(self, kind: RecordType) -> None:
        for item in kind.fields:
            if item.indexed:
                await self.session.execute(
                    text(
                        f"CREATE INDEX IF NOT EXISTS {index_name(kind.key, item.key)}"
                        f" ON clients.records ({field_sql(item)}) WHERE type_key = '{kind.key}'"
                    )
                )
            if item.unique:
                await self.session.execute(
                    text(
                        f"CREATE UNIQUE INDEX IF NOT EXISTS {index_name(kind.key, item.key, '_u')}"
                        f" ON clients.records ({field_sql(item)})"
                        f" WHERE type_key = '{kind.key}' AND status = 'active'"
                    )
                )
