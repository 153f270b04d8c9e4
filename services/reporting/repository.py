"""Every SQL statement of the reporting service."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.reporting.models import Artifact, ArtifactContent


class ArtifactRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, artifact_id: uuid.UUID) -> Artifact | None:
        """The artifact row, if any."""
        return await self.session.get(Artifact, artifact_id)

    async def add(self, artifact: Artifact) -> Artifact:
        """Insert and flush."""
        self.session.add(artifact)
        await self.session.flush()
        await self.session.refresh(artifact)
        return artifact

    async def for_client(self, client_id: uuid.UUID, limit: int) -> list[Artifact]:
        """A client's artifacts, newest first."""
        rows = await self.session.scalars(
            select(Artifact)
            .where(Artifact.client_id == client_id)
            .order_by(Artifact.created_at.desc(), Artifact.id)
            .limit(limit)
        )
        return list(rows)

    async def content(self, artifact_id: uuid.UUID) -> bytes | None:
        row = await self.session.get(ArtifactContent, artifact_id)
        return None if row is None else row.content
