"""The request types table: the latest version per key, a new version on every change; the
built-in types kept current."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import FailedPrecondition, InvalidArgument, PermissionDenied
from services.common.identity import Actor, Role
from services.workflows.service.models import RequestType
from services.workflows.service.request_types import BUILT_IN, KEY, parse_definition

SYSTEM = "system"


class RequestTypes:
    """The request types table: the latest version per key, new versions on change."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest(self, key: str) -> RequestType | None:
        return (
            await self.session.execute(
                select(RequestType)
                .where(RequestType.key == key)
                .order_by(RequestType.version.desc())
                .limit(1)
            )
        ).scalar_one_or_none()

    async def at(self, key: str, version: int) -> RequestType | None:
        return await self.session.get(RequestType, (key, version))

    async def all_latest(self, include_retired: bool) -> list[RequestType]:
        rows = (
            await self.session.execute(
                select(RequestType)
                .distinct(RequestType.key)
                .order_by(RequestType.key, RequestType.version.desc())
            )
        ).scalars()
        return [row for row in rows if include_retired or not row.retired]

    async def put(
        self, actor: Actor, key: str, raw: dict[str, Any], *, retired: bool
    ) -> RequestType:
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("request types are defined by admins")
        if not KEY.match(key):
            raise InvalidArgument("key", key, "must be lower-case letters, digits and '-'")
        definition = parse_definition(raw)
        current = await self.latest(key)
        if retired and key in BUILT_IN:
            raise FailedPrecondition(
                f"{key} is a built-in request type: change it, do not retire it",
                field="retired",
                value=True,
            )
        row = RequestType(
            key=key,
            version=(current.version + 1) if current else 1,
            definition=definition.model_dump(by_alias=True),
            built_in=key in BUILT_IN,
            retired=retired,
            updated_by=actor.user_id,
            updated_at=datetime.now(UTC),
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def ensure_built_ins(self) -> None:
        """Each built-in type as this release defines it: version 1 where an installation
        lacks it (concurrent callers insert it once), and a new version where the latest was
        written by the system and differs (an admin's own version is kept as it is)."""
        now = datetime.now(UTC)
        rows: list[dict[str, Any]] = [
            {
                "key": key,
                "version": 1,
                "definition": parse_definition(raw).model_dump(by_alias=True),
                "built_in": True,
                "retired": False,
                "updated_by": SYSTEM,
                "updated_at": now,
            }
            for key, raw in BUILT_IN.items()
        ]
        await self.session.execute(insert(RequestType).values(rows).on_conflict_do_nothing())
        for row in rows:
            latest = await self.latest(row["key"])
            if latest is None or latest.updated_by != SYSTEM:
                continue
            if latest.definition != row["definition"]:
                upgrade = row | {"version": latest.version + 1}
                await self.session.execute(
                    insert(RequestType).values(upgrade).on_conflict_do_nothing()
                )
