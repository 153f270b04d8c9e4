"""Saved views of a record type's list: a person names the filters and sort they use often
(「本月大额订单」) and finds them on the list page again. A view is its owner's alone; it
holds no records — opening it lists what the owner may see now. Saving a name again
replaces that view; each change is audited in the firm's chain."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert

from services.clients import audit
from services.clients.custom_records import MAX_FILTERS, CustomRecordService, Filter, parse_uuid
from services.clients.record_models import RecordViewRow
from services.common.errors import InvalidArgument, NotFound
from services.common.identity import Actor

MAX_VIEWS = 50


class RecordViews(CustomRecordService):
    async def save(
        self, actor: Actor, type_key: str, name: str, filters: list[Filter], sort: str
    ) -> RecordViewRow:
        name = name.strip()
        if not 1 <= len(name) <= 100:
            raise InvalidArgument("name", name[:40], "must be 1 to 100 characters")
        if len(filters) > MAX_FILTERS:
            raise InvalidArgument("filters", len(filters), f"at most {MAX_FILTERS}")
        # The filters and sort are checked as a list checks them (nothing is read).
        await self.query(actor, type_key, filters=filters, sort=sort)
        mine = (RecordViewRow.owner == actor.user_id, RecordViewRow.type_key == type_key)
        exists = await self.session.scalar(
            select(RecordViewRow.id).where(*mine, RecordViewRow.name == name)
        )
        if exists is None:
            count = await self.session.scalar(
                select(func.count()).select_from(RecordViewRow).where(*mine)
            )
            if (count or 0) >= MAX_VIEWS:
                raise InvalidArgument("name", name[:40], f"at most {MAX_VIEWS} views of a type")
        values: dict[str, Any] = {
            "filters": [{"field": f.field, "op": f.op, "value": f.value} for f in filters],
            "sort": sort,
        }
        statement = (
            insert(RecordViewRow)
            .values(id=uuid.uuid4(), type_key=type_key, owner=actor.user_id, name=name, **values)
            .on_conflict_do_update(constraint="uq_record_views_name", set_=values)
            .returning(RecordViewRow)
        )
        row: RecordViewRow = (
            await self.session.execute(statement, execution_options={"populate_existing": True})
        ).scalar_one()
        self._audit_view(actor, row, "update" if exists else "create", values)
        return row

    async def list_views(self, actor: Actor, type_key: str) -> list[RecordViewRow]:
        await self.types.latest(type_key)
        found = await self.session.execute(
            select(RecordViewRow)
            .where(RecordViewRow.owner == actor.user_id, RecordViewRow.type_key == type_key)
            .order_by(RecordViewRow.name)
        )
        return list(found.scalars())

    async def delete_view(self, actor: Actor, type_key: str, view_id: str) -> RecordViewRow:
        key = parse_uuid("id", view_id)
        row = await self.session.scalar(
            select(RecordViewRow).where(
                RecordViewRow.id == key,
                RecordViewRow.owner == actor.user_id,
                RecordViewRow.type_key == type_key,
            )
        )
        if row is None:
            raise NotFound(f"view {view_id} not found", field="id", value=view_id)
        await self.session.execute(delete(RecordViewRow).where(RecordViewRow.id == key))
        self._audit_view(actor, row, "delete", {"name": row.name})
        return row

    def _audit_view(self, actor: Actor, row: RecordViewRow, action: str, values: Any) -> None:
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=None,
            entity="record_view",
            entity_id=f"{row.type_key}/{row.id}",
            action=action,
            changes={"view": {"before": None, "after": {"name": row.name, **values}}},
        )
