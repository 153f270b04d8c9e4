"""Domain logic of the reporting service."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role
from services.reporting.models import Artifact, ArtifactContent
from services.reporting.repository import ArtifactRepository

MAX_ARTIFACT_BYTES = 30 * 1024 * 1024


def _require_service(actor: Actor | None, what: str) -> None:
    if actor is None or not actor.has(Role.SERVICE, Role.ADMIN):
        raise PermissionDenied(f"{what} needs the service or admin role")


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

    async def create(
        self,
        actor: Actor | None,
        *,
        kind: str,
        client_id: str,
        period: str,
        content_type: str,
        content: bytes,
        workflow_id: str,
    ) -> Artifact:
        _require_service(actor, "storing artifacts")
        if not kind or len(kind) > 64:
            raise InvalidArgument("kind", kind, "must be 1-64 characters")
        if not content_type or "/" not in content_type or len(content_type) > 100:
            raise InvalidArgument("content_type", content_type, "must be a media type")
        if len(period) > 16:
            raise InvalidArgument("period", period, "must be at most 16 characters")
        if len(workflow_id) > 300:
            raise InvalidArgument("workflow_id", workflow_id[:40], "must be at most 300 characters")
        if len(content) > MAX_ARTIFACT_BYTES:
            raise InvalidArgument(
                "content", len(content), f"must be at most {MAX_ARTIFACT_BYTES} bytes"
            )
        client: uuid.UUID | None = None
        if client_id:
            try:
                client = uuid.UUID(client_id)
            except ValueError:
                raise InvalidArgument("client_id", client_id, "is not a UUID") from None
        artifact = await self.repository.add(
            Artifact(
                kind=kind,
                client_id=client,
                period=period or None,
                content_type=content_type,
                size_bytes=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                storage_key="db:artifact_contents",
                workflow_id=workflow_id or None,
            )
        )
        await self.repository.add_content(ArtifactContent(artifact_id=artifact.id, content=content))
        return artifact

    async def content(self, actor: Actor | None, artifact_id: str) -> tuple[Artifact, bytes]:
        _require_service(actor, "reading artifact contents")
        artifact = await self.get(artifact_id)
        content = await self.repository.content(artifact.id)
        if content is None:
            raise NotFound(
                f"artifact {artifact_id} has no stored content", field="id", value=artifact_id
            )
        return artifact, content
