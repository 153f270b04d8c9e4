"""Records of the types the firm defines: create, read, update (with the version read),
archive and list with filters on any field, sort and paging.

Who may see what: a record of a client is seen and changed by whoever may see that client
(the same scope as the client's record: anything else is NOT_FOUND); a firm-wide record (a
type without clients) by the type's roles and admins. Every change is an audit entry of
entity `record` (id `{type}/{record id}`) in the client's chain — so the outbox makes it
`record.created` / `record.changed` with each field's before and after — or, firm-wide, in
the firm's chain.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients import audit
from services.clients.models import Client
from services.clients.record_models import RecordRow
from services.clients.record_type_store import RecordTypeStore, TypeView, field_sql, index_name
from services.clients.record_types import (
    RecordType,
    apply_fields,
    computed_values,
    title_of,
    value_of,
)
from services.clients.repository import scoped
from services.clients.scope import ClientScope
from services.common.errors import (
    Aborted,
    AlreadyExists,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.identity import Actor, Role
from services.common.pagination import decode_cursor, encode_cursor, page_size

OPS = {"eq": "=", "ne": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
MAX_FILTERS = 10
MAX_OFFSET = 10_000


@dataclass(frozen=True)
class Filter:
    field: str
    op: str
    value: str


def parse_uuid(field: str, value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError):
        raise InvalidArgument(field, value, "must be a UUID") from None


def _not_stored(kind: RecordType, item: Any) -> str:
    if item is None:
        return f"is not a field of {kind.key}"
    return "is computed when read: filter or sort on the fields it is computed from"


class CustomRecordService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.types = RecordTypeStore(session)

    # -- who may see -------------------------------------------------------------------

    def _firm_wide_allowed(self, actor: Actor, kind: RecordType) -> bool:
        return actor.has(Role.ADMIN, Role.SERVICE) or any(str(r) in kind.roles for r in actor.roles)

    def _visible(self, actor: Actor, view: TypeView) -> Select[Any]:
        """Records of the type the actor may see."""
        statement = select(RecordRow).where(RecordRow.type_key == view.row.key)
        if view.kind.client == "none":
            if not self._firm_wide_allowed(actor, view.kind):
                return statement.where(text("false"))
            return statement
        scope = ClientScope.for_actor(actor)
        return scoped(statement.join(Client, Client.id == RecordRow.client_id), scope)

    async def _client(self, actor: Actor, kind: RecordType, client_id: str) -> uuid.UUID | None:
        if kind.client == "none":
            if client_id:
                raise InvalidArgument("client_id", client_id, f"{kind.key} records have none")
            if not self._firm_wide_allowed(actor, kind):
                raise PermissionDenied(f"{kind.key} records are for {', '.join(kind.roles)}")
            return None
        if not client_id:
            raise InvalidArgument("client_id", "", f"a {kind.key} record belongs to a client")
        key = parse_uuid("client_id", client_id)
        found = await self.session.execute(
            scoped(select(Client.id).where(Client.id == key), ClientScope.for_actor(actor))
        )
        if found.scalar_one_or_none() is None:
            raise NotFound(f"client {client_id} not found", field="client_id", value=client_id)
        return key

    async def _row(
        self, actor: Actor, view: TypeView, record_id: str, *, for_update: bool = False
    ) -> RecordRow:
        key = parse_uuid("id", record_id)
        statement = self._visible(actor, view).where(RecordRow.id == key)
        if for_update:
            statement = statement.with_for_update(of=RecordRow)
        row: RecordRow | None = (await self.session.execute(statement)).scalar_one_or_none()
        if row is None:
            raise NotFound(f"record {record_id} not found", field="id", value=record_id)
        return row

    # -- changes -----------------------------------------------------------------------

    async def _check_relations(self, actor: Actor, kind: RecordType, data: dict[str, Any]) -> None:
        """A `record` field names a record of its type the actor may see."""
        for item in kind.fields:
            if item.type != "record" or item.key not in data or not item.record_type:
                continue
            try:
                target = await self.types.latest(item.record_type)
                await self._row(actor, target, str(data[item.key]))
            except (NotFound, InvalidArgument):
                raise NotFound(
                    f"no {item.record_type} record {data[item.key]}",
                    field=f"fields.{item.key}",
                    value=data[item.key],
                ) from None

    async def _flush(self, kind: RecordType) -> None:
        """Write; a value a unique field's index refuses is ALREADY_EXISTS naming the field."""
        try:
            await self.session.flush()
        except IntegrityError as error:
            message = str(error.orig)
            taken = next(
                (
                    item.key
                    for item in kind.fields
                    if item.unique and index_name(kind.key, item.key, "_u") in message
                ),
                None,
            )
            if taken is None:
                raise
            raise AlreadyExists(
                "another active record has this value", field=f"fields.{taken}"
            ) from None

    async def create(
        self,
        actor: Actor,
        type_key: str,
        client_id: str,
        fields: dict[str, Any],
        idempotency_key: str = "",
    ) -> tuple[RecordRow, RecordType]:
        view = await self.types.latest(type_key)
        kind = view.kind
        owner = await self._client(actor, kind, client_id)
        record_id = uuid.uuid4()
        if idempotency_key:
            # The same key (a process's retried step) answers the record it made.
            record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"clientflow:record:{idempotency_key[:200]}")
            made = await self.session.get(RecordRow, record_id)
            if made is not None and made.type_key == kind.key and made.client_id == owner:
                return made, kind
        data = apply_fields(kind, {}, fields, creating=True)
        await self._check_relations(actor, kind, data)
        now = datetime.now(UTC)
        row = RecordRow(
            id=record_id,
            type_key=kind.key,
            client_id=owner,
            title=title_of(kind, data),
            data=data,
            status="active",
            version=1,
            created_by=actor.user_id,
            updated_by=actor.user_id,
            created_at=now,
            updated_at=now,
        )
        self.session.add(row)
        await self._flush(kind)
        self._audit_created(actor, row, kind)
        return row, kind

    async def get(
        self, actor: Actor, type_key: str, record_id: str
    ) -> tuple[RecordRow, RecordType]:
        view = await self.types.latest(type_key)
        return await self._row(actor, view, record_id), view.kind

    async def update(
        self,
        actor: Actor,
        type_key: str,
        record_id: str,
        fields: dict[str, Any],
        expected_version: int,
    ) -> tuple[RecordRow, RecordType]:
        view = await self.types.latest(type_key)
        row = await self._row(actor, view, record_id, for_update=True)
        if expected_version and expected_version != row.version:
            raise Aborted(
                f"record {record_id} is at version {row.version}, not {expected_version}",
                field="expected_version",
                value=expected_version,
            )
        if row.status != "active":
            raise InvalidArgument("id", record_id, "is archived")
        data = apply_fields(view.kind, dict(row.data), fields, creating=False)
        await self._check_relations(actor, view.kind, data)
        changes = audit.diff(
            computed_values(view.kind, dict(row.data)), computed_values(view.kind, data)
        )
        if not changes:
            return row, view.kind
        row.data, row.title = data, title_of(view.kind, data)
        row.version += 1
        row.updated_by, row.updated_at = actor.user_id, datetime.now(UTC)
        await self._flush(view.kind)
        self._audit(actor, row, "update", changes)
        return row, view.kind

    async def archive(
        self, actor: Actor, type_key: str, record_id: str
    ) -> tuple[RecordRow, RecordType]:
        view = await self.types.latest(type_key)
        row = await self._row(actor, view, record_id, for_update=True)
        if row.status != "archived":
            row.status, row.version = "archived", row.version + 1
            row.updated_by, row.updated_at = actor.user_id, datetime.now(UTC)
            await self.session.flush()
            self._audit(
                actor, row, "archive", {"status": {"before": "active", "after": "archived"}}
            )
        return row, view.kind

    def _audit_created(self, actor: Actor, row: RecordRow, kind: RecordType) -> None:
        """A new record's fields, computed ones too, as the creation's changes."""
        self._audit(actor, row, "create", audit.diff({}, computed_values(kind, dict(row.data))))

    def _audit(self, actor: Actor, row: RecordRow, action: str, changes: dict[str, Any]) -> None:
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=row.client_id,
            entity="record",
            entity_id=f"{row.type_key}/{row.id}",
            action=action,
            changes=changes,
        )

    # -- lists -------------------------------------------------------------------------

    async def list_records(
        self,
        actor: Actor,
        type_key: str,
        *,
        client_id: str = "",
        filters: list[Filter] | None = None,
        sort: str = "",
        include_archived: bool = False,
        size: int = 0,
        token: str = "",
    ) -> tuple[list[RecordRow], RecordType, str]:
        statement, kind = await self.query(
            actor,
            type_key,
            client_id=client_id,
            filters=filters,
            sort=sort,
            include_archived=include_archived,
        )
        limit = page_size(size)
        values = decode_cursor(token, length=1)
        offset = int(values[0]) if values else 0
        if not 0 <= offset <= MAX_OFFSET:
            raise InvalidArgument("page_token", token, "is not a token from a previous page")
        rows = list(
            (await self.session.execute(statement.offset(offset).limit(limit + 1))).scalars()
        )
        following = ""
        if len(rows) > limit:
            rows = rows[:limit]
            if offset + limit <= MAX_OFFSET:
                following = encode_cursor([offset + limit])
        return rows, kind, following

    async def query(
        self,
        actor: Actor,
        type_key: str,
        *,
        client_id: str = "",
        filters: list[Filter] | None = None,
        sort: str = "",
        include_archived: bool = False,
    ) -> tuple[Select[Any], RecordType]:
        """The records of a type the actor may see, filtered and sorted (a list's page or
        an export)."""
        view = await self.types.latest(type_key)
        kind = view.kind
        statement = self._visible(actor, view)
        if client_id:
            statement = statement.where(RecordRow.client_id == parse_uuid("client_id", client_id))
        if not include_archived:
            statement = statement.where(RecordRow.status == "active")
        filters = filters or []
        if len(filters) > MAX_FILTERS:
            raise InvalidArgument("filter", len(filters), f"at most {MAX_FILTERS}")
        params: dict[str, Any] = {}
        for index, item in enumerate(filters):
            statement = statement.where(self._condition(kind, item, index, params))
        # The type's literal key beside the bound one: the partial indexes match it.
        statement = statement.where(text(f"clients.records.type_key = '{kind.key}'"))
        statement = statement.order_by(*self._order(kind, sort), RecordRow.id)
        return statement.params(**params), kind

    @staticmethod
    def _condition(kind: RecordType, where: Filter, index: int, params: dict[str, Any]) -> Any:
        item = kind.field(where.field)
        if item is None or item.type == "computed":
            raise InvalidArgument("filter", where.field, _not_stored(kind, item))
        if where.op == "has":
            params[f"f{index}"] = where.value
            return text(f"(data -> '{item.key}') ? :f{index}")
        if where.op not in OPS:
            raise InvalidArgument("filter", where.op, f"must be one of {', '.join([*OPS, 'has'])}")
        raw: Any = where.value
        if item.type in ("number", "money"):
            number = value_of(item.model_copy(update={"min": None, "max": None}), raw)
            raw = number["amount"] if isinstance(number, dict) else number
        elif item.type == "date":
            raw = value_of(item, raw)
        elif item.type == "boolean":
            raw = "true" if str(raw).lower() in ("true", "1", "yes") else "false"
        params[f"f{index}"] = raw
        return text(f"{field_sql(item)} {OPS[where.op]} :f{index}")

    @staticmethod
    def _order(kind: RecordType, sort: str) -> list[Any]:
        if not sort:
            return [RecordRow.updated_at.desc()]
        descending = sort.startswith("-")
        key = sort.lstrip("-")
        if key in ("created_at", "updated_at", "title"):
            column = getattr(RecordRow, key)
            return [column.desc() if descending else column.asc()]
        item = kind.field(key)
        if item is None or item.type == "computed":
            raise InvalidArgument("sort", sort, _not_stored(kind, item))
        if item.required and descending:
            # No nulls among active records: a plain DESC walks the field's index backwards.
            return [text(f"{field_sql(item)} DESC")]
        return [text(f"{field_sql(item)} {'DESC' if descending else 'ASC'} NULLS LAST")]
