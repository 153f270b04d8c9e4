"""A request's conversation: internal notes (staff only), messages between the client and
staff, and files on the request (PDF, PNG or JPEG by their first bytes, stored as artifacts of
the request's client) — each visible to whoever sees the request."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from clientflow.reporting.v1 import reporting_pb2_grpc
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import InvalidArgument, NotFound
from services.common.identity import Actor
from services.common.uploads import store_upload
from services.workflows.service.models import (
    RequestAttachment,
    RequestMessage,
    RequestNote,
    ServiceRequest,
)

MAX_BODY = 4000


def missing(request_id: str) -> NotFound:
    return NotFound(f"request {request_id} not found", field="id", value=request_id)


class RequestConversation:
    session: AsyncSession
    reporting: reporting_pb2_grpc.ReportingServiceStub | None

    async def _visible(self, actor: Actor, request_id: str) -> ServiceRequest:
        raise NotImplementedError

    async def add_note(self, actor: Actor, request_id: str, body: str) -> RequestNote:
        if actor.is_client:
            raise missing(request_id)  # a client has no notes, not even to know of them
        row = await self._visible(actor, request_id)
        note = RequestNote(
            request_id=row.id,
            author=actor.user_id,
            body=_body(body),
            created_at=datetime.now(UTC),
        )
        self.session.add(note)
        await self.session.flush()
        return note

    async def notes(self, actor: Actor, request_id: str) -> list[RequestNote]:
        if actor.is_client:
            raise missing(request_id)
        row = await self._visible(actor, request_id)
        return list(
            (
                await self.session.execute(
                    select(RequestNote)
                    .where(RequestNote.request_id == row.id)
                    .order_by(RequestNote.created_at)
                    .limit(500)
                )
            ).scalars()
        )

    async def add_message(self, actor: Actor, request_id: str, body: str) -> RequestMessage:
        row = await self._visible(actor, request_id)
        message = RequestMessage(
            request_id=row.id,
            author="client" if actor.is_client else actor.user_id,
            author_kind="client" if actor.is_client else "staff",
            body=_body(body),
            created_at=datetime.now(UTC),
        )
        self.session.add(message)
        await self.session.flush()
        return message

    async def messages(self, actor: Actor, request_id: str) -> list[RequestMessage]:
        row = await self._visible(actor, request_id)
        return list(
            (
                await self.session.execute(
                    select(RequestMessage)
                    .where(RequestMessage.request_id == row.id)
                    .order_by(RequestMessage.created_at)
                    .limit(500)
                )
            ).scalars()
        )

    async def attach(
        self, actor: Actor, request_id: str, filename: str, content: bytes
    ) -> RequestAttachment:
        """A file on the request for the client and staff alike: PDF, PNG or JPEG by its
        first bytes, at most 10 MB, stored as an artifact of the request's client."""
        row = await self._visible(actor, request_id)
        stored = await store_upload(
            self.reporting,
            kind=ATTACHMENT_KIND,
            client_id=row.client_id,
            workflow_id=row.workflow_id,
            filename=filename,
            content=content,
        )
        attachment = RequestAttachment(
            request_id=row.id,
            artifact_id=uuid.UUID(stored.artifact_id),
            filename=stored.filename,
            content_type=stored.content_type,
            size_bytes=stored.size_bytes,
            author="client" if actor.is_client else actor.user_id,
            author_kind="client" if actor.is_client else "staff",
            created_at=datetime.now(UTC),
        )
        self.session.add(attachment)
        await self.session.flush()
        return attachment

    async def attachments(self, actor: Actor, request_id: str) -> list[RequestAttachment]:
        row = await self._visible(actor, request_id)
        return list(
            (
                await self.session.execute(
                    select(RequestAttachment)
                    .where(RequestAttachment.request_id == row.id)
                    .order_by(RequestAttachment.created_at)
                    .limit(200)
                )
            ).scalars()
        )


ATTACHMENT_KIND = "request-attachment"


def _body(body: str) -> str:
    text = body.strip()
    if not text:
        raise InvalidArgument("body", body, "must not be empty")
    if len(text) > MAX_BODY:
        raise InvalidArgument("body", text[:40] + "...", f"must be at most {MAX_BODY} characters")
    return text
