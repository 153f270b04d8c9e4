"""Saved segments: named filters whose members are computed in SQL within the caller's scope."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

from services.clients import validation as v
from services.clients.filters import conditions, parse_filter
from services.clients.models import Client, Segment
from services.clients.scope import ClientScope
from services.clients.service import ClientPage, ClientService
from services.common.errors import AlreadyExists, InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role


class SegmentService(ClientService):
    async def save(
        self, actor: Actor, segment_id: str, name: Any, raw_filter: dict[str, Any]
    ) -> Segment:
        """Create (no id) or replace a segment; only its owner or an admin may replace it."""
        ClientScope.for_actor(actor)
        cleaned = v.text("segment.name", name, max_length=200, required=True)
        assert cleaned is not None
        parse_filter(raw_filter, await self.field_specs())  # reject a bad filter before storing it
        same_name = await self.repository.segment_by_name(cleaned)
        if segment_id:
            segment = await self._get(segment_id)
            if segment.owner_id != actor.user_id and not actor.has(Role.ADMIN):
                raise PermissionDenied(f"segment {segment_id} belongs to {segment.owner_id}")
            if same_name is not None and same_name.id != segment.id:
                raise AlreadyExists(
                    f"a segment named {cleaned} exists", field="segment.name", value=cleaned
                )
            segment.name, segment.filter = cleaned, raw_filter
        else:
            if same_name is not None:
                raise AlreadyExists(
                    f"a segment named {cleaned} exists", field="segment.name", value=cleaned
                )
            segment = Segment(name=cleaned, filter=raw_filter, owner_id=actor.user_id)
            self.session.add(segment)
        await self.session.flush()
        await self.session.refresh(segment)
        return segment

    async def _get(self, segment_id: str) -> Segment:
        try:
            key = uuid.UUID(segment_id)
        except ValueError:
            raise InvalidArgument(
                "segment_id", segment_id, "is not a segment id (a UUID)"
            ) from None
        segment = await self.repository.segment(key)
        if segment is None:
            raise NotFound(f"segment {segment_id} not found", field="segment_id", value=segment_id)
        return segment

    async def all(self, actor: Actor) -> list[Segment]:
        ClientScope.for_actor(actor)
        return await self.repository.segments()

    async def count(self, actor: Actor, segment_id: str) -> int:
        scope = ClientScope.for_actor(actor)
        segment = await self._get(segment_id)
        specs = await self.field_specs()
        return await self.repository.count(
            scope, conditions(parse_filter(segment.filter, specs), specs)
        )

    async def count_filter(self, actor: Actor, raw_filter: dict[str, Any]) -> int:
        """How many clients in the actor's scope an unsaved filter selects."""
        scope = ClientScope.for_actor(actor)
        specs = await self.field_specs()
        return await self.repository.count(
            scope, conditions(parse_filter(raw_filter, specs), specs)
        )

    async def members(self, actor: Actor, segment_id: str, *, size: int, token: str) -> ClientPage:
        segment = await self._get(segment_id)
        return await self.list(
            actor, parse_filter(segment.filter, await self.field_specs()), size=size, token=token
        )

    async def stream(self, actor: Actor, segment_id: str) -> AsyncIterator[Client]:
        scope = ClientScope.for_actor(actor)
        segment = await self._get(segment_id)
        specs = await self.field_specs()
        async for client in self.repository.stream(
            scope, conditions(parse_filter(segment.filter, specs), specs)
        ):
            yield client
