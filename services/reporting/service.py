"""Domain logic of the reporting service."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import InvalidArgument, NotFound
from services.reporting.models import Artifact
from services.reporting.repository import ArtifactRepository


class ArtifactService:
    def __init__(self, session: AsyncSession) -> None:
        self.repository = ArtifactRepository(session)

    async def get(self, artifact_id: str) -> Artifact:
        """Artifact metadata, or NOT_FOUND. Client scoping is checked by the caller
        against the clients service (the owner of who-sees-which-client)."""
        try:
            key = uuid.UUID(artifact_id)
        except ValueError:
            raise InvalidArgument("id", artifact_id, "is not an artifact id (a UUID)") from None
        artifact = await self.repository.get(key)
        if artifact is None:
            raise NotFound(f"artifact {artifact_id} not found", field="id", value=artifact_id)
        return artifact
