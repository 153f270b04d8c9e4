"""Domain logic of the reporting service: artifacts."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.artifact_store import ArtifactStore
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.grpc_errors import from_rpc_error
from services.common.identity import FIRM_WIDE_ROLES, Actor, Role
from services.common.ids import parse_id, parse_ids
from services.reporting.models import Artifact, SurveyAnswer
from services.reporting.repository import ArtifactRepository, answer_to_invitation

MAX_ARTIFACT_BYTES = 30 * 1024 * 1024
# Who reads artifacts that belong to no client (exports, summaries).
CLIENTLESS_READERS = (*FIRM_WIDE_ROLES, Role.MANAGER)
# Artifacts of one BatchGetArtifacts call.
BATCH_GET_MOST = 100


def _require_service(actor: Actor, what: str) -> None:
    if not actor.has(Role.SERVICE, Role.ADMIN):
        raise PermissionDenied(f"{what} needs the service or admin role")


class ArtifactService:
    def __init__(
        self,
        session: AsyncSession,
        store: ArtifactStore,
        clients: clients_pb2_grpc.ClientsServiceStub | None = None,
    ) -> None:
        self.repository = ArtifactRepository(session)
        self.store = store
        self.clients = clients

    async def get(self, artifact_id: str) -> Artifact:
        """Artifact metadata, or NOT_FOUND."""
        key = parse_id("id", artifact_id, "an artifact id")
        artifact = await self.repository.get(key)
        if artifact is None:
            raise NotFound(f"artifact {artifact_id} not found", field="id", value=artifact_id)
        return artifact

    async def visible(self, actor: Actor, artifact_id: str) -> Artifact:
        """The artifact if the actor may see it: its client is in the actor's scope (asked of
        the clients service, the owner of who-sees-which-client); NOT_FOUND otherwise."""
        artifact = await self.get(artifact_id)
        if not await self._may_see(actor, artifact):
            raise NotFound(f"artifact {artifact_id} not found", field="id", value=artifact_id)
        return artifact

    async def visible_many(self, actor: Actor, artifact_ids: Sequence[str]) -> list[Artifact]:
        """The artifacts among `artifact_ids` (1 to 100, each once) the actor may see, in the
        order asked; the others left out, as `visible` would answer NOT_FOUND for them."""
        keys = parse_ids("ids", artifact_ids, "artifact", BATCH_GET_MOST)
        rows = {a.id: a for a in await self.repository.of_ids(keys)}
        answers: dict[str, bool] = {}
        found = []
        for key in keys:
            artifact = rows.get(key)
            if artifact is not None and await self._may_see(actor, artifact, answers):
                found.append(artifact)
        return found

    async def _may_see(
        self, actor: Actor, artifact: Artifact, answers: dict[str, bool] | None = None
    ) -> bool:
        """Whether `actor` may see `artifact`; `answers` keeps each client's answer."""
        if actor.has(Role.SERVICE, Role.ADMIN):
            return True
        if artifact.client_id is None:
            return actor.has(*CLIENTLESS_READERS)
        client_id = str(artifact.client_id)
        if answers is not None and client_id in answers:
            return answers[client_id]
        sees = await self._sees_client(actor, client_id)
        if answers is not None:
            answers[client_id] = sees
        return sees

    async def _sees_client(self, actor: Actor, client_id: str) -> bool:
        """Whether the client is in the actor's scope: asked of the clients service, the owner
        of who-sees-which-client."""
        if actor.has(Role.SERVICE, Role.ADMIN):
            return True
        if actor.is_client:  # a portal client sees their own reports only
            return actor.client_id == client_id
        if self.clients is None:
            return False
        try:
            await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id),
                metadata=actor.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            failure = from_rpc_error(error)
            if failure.code.value == "NOT_FOUND":
                return False
            raise failure from None
        return True

    async def delete(self, actor: Actor, artifact_id: str) -> Artifact:
        """Remove the artifact: it is no longer listed or readable. The bytes stay in the
        content-addressed store, which another artifact may share."""
        _require_service(actor, "deleting an artifact")
        artifact = await self.get(artifact_id)
        await self.repository.session.delete(artifact)
        await self.repository.session.flush()
        return artifact

    async def for_client(self, actor: Actor, client_id: str, limit: int) -> list[Artifact]:
        """The client's artifacts, newest first; NOT_FOUND when the client is not the actor's."""
        key = parse_id("client_id", client_id, "a client id")
        if not await self._sees_client(actor, client_id):
            raise NotFound(f"client {client_id} not found", field="client_id", value=client_id)
        return await self.repository.for_client(key, limit)

    async def create(
        self,
        actor: Actor,
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
            client = parse_id("client_id", client_id, "a client id")
        storage_key = await self.store.put(content)
        return await self.repository.add(
            Artifact(
                kind=kind,
                client_id=client,
                period=period or None,
                content_type=content_type,
                size_bytes=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                storage_key=storage_key,
                workflow_id=workflow_id or None,
            )
        )

    async def content(self, actor: Actor, artifact_id: str) -> tuple[Artifact, bytes]:
        artifact = await self.visible(actor, artifact_id)
        if artifact.storage_key.startswith("db:"):
            content = await self.repository.content(artifact.id)
        else:
            content = await self.store.get(artifact.storage_key)
        if content is None:
            raise NotFound(
                f"artifact {artifact_id} has no stored content", field="id", value=artifact_id
            )
        return artifact, content


class SurveyService:
    """Survey answers (NPS): recorded for a client the caller may see."""

    def __init__(self, session: AsyncSession, clients: clients_pb2_grpc.ClientsServiceStub) -> None:
        self.session = session
        self.clients = clients

    async def record(
        self,
        actor: Actor,
        *,
        client_id: str,
        score: int,
        comment: str,
        channel: str,
        answered_at: datetime | None,
        survey: str = "",
        invitation_id: str = "",
        request_type: str = "",
    ) -> SurveyAnswer:
        survey = survey or "nps"
        if survey not in ("nps", "csat"):
            raise InvalidArgument("survey", survey, "must be nps or csat")
        if (survey == "csat" or invitation_id) and not actor.has(Role.SERVICE):
            raise PermissionDenied("CSAT answers and invited answers are recorded by the processes")
        low, high = (1, 5) if survey == "csat" else (0, 10)
        if not low <= score <= high:
            raise InvalidArgument("score", score, f"must be between {low} and {high}")
        if len(invitation_id) > 300 or len(request_type) > 64:
            raise InvalidArgument("invitation_id", invitation_id[:40], "is too long")
        if invitation_id:
            existing = await answer_to_invitation(self.session, invitation_id)
            if existing is not None:
                return existing  # one answer per invitation: a retry gets the first
        if len(comment) > 2000:
            raise InvalidArgument("comment", comment[:40], "must be at most 2,000 characters")
        if len(channel) > 32:
            raise InvalidArgument("channel", channel, "must be at most 32 characters")
        now = datetime.now(UTC)
        if answered_at is not None and answered_at > now + timedelta(minutes=5):
            raise InvalidArgument("answered_at", answered_at.isoformat(), "is in the future")
        try:
            client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id), metadata=actor.to_metadata(), timeout=10
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        answer = SurveyAnswer(
            client_id=uuid.UUID(client.id),
            score=score,
            comment=comment,
            channel=channel,
            answered_at=answered_at or now,
            recorded_by=actor.user_id,
            survey=survey,
            invitation_id=invitation_id or None,
            request_type=request_type,
        )
        self.session.add(answer)
        await self.session.flush()
        return answer
