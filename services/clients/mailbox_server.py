"""The MailboxService (each person their own mailbox, mailboxes.py) and the CaptureService
(chat messages from other channels, mail_capture.py) over gRPC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeAlias

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.clients.mail_capture import MailCapture
from services.clients.mail_exclusion import MailExclusion
from services.clients.mailboxes import Mailbox, Mailboxes, sync
from services.common.db import current_session
from services.common.errors import InvalidArgument, PermissionDenied
from services.common.identity import Role
from services.common.internal_auth import current_actor
from services.common.protos import ts, when
from services.common.sealing import SecretBox

Ctx: TypeAlias = grpc.aio.ServicerContext


def mailbox_to_proto(m: Mailbox) -> clients_pb2.Mailbox:
    return clients_pb2.Mailbox(
        owner_id=m.owner_id,
        host=m.host,
        port=m.port,
        security=m.security,
        username=m.username,
        folder=m.folder,
        enabled=m.enabled,
        last_uid=m.last_uid,
        last_error=m.last_error,
        last_synced_at=ts(m.last_synced_at),
        excluded_addresses=list(m.excluded_addresses or []),
    )


class MailboxServicer(clients_pb2_grpc.MailboxServiceServicer):
    def __init__(self, box: SecretBox, ports: frozenset[int], reporting: Any = None) -> None:
        self.box, self.ports, self.reporting = box, ports, reporting

    def _service(self) -> Mailboxes:
        return Mailboxes(current_session(), self.box, self.ports)

    async def PutMailbox(
        self, request: clients_pb2.MailboxSpec, context: Ctx
    ) -> clients_pb2.Mailbox:
        raw = {
            "host": request.host,
            "port": request.port,
            "security": request.security,
            "username": request.username,
            "password": request.password,
            "folder": request.folder,
        }
        return mailbox_to_proto(await self._service().put(current_actor(), raw))

    async def GetMailbox(
        self, request: clients_pb2.GetMailboxRequest, context: Ctx
    ) -> clients_pb2.Mailbox:
        return mailbox_to_proto(await self._service().get(current_actor()))

    async def DeleteMailbox(
        self, request: clients_pb2.GetMailboxRequest, context: Ctx
    ) -> clients_pb2.Mailbox:
        return mailbox_to_proto(await self._service().delete(current_actor()))

    async def SetMailboxExclusions(
        self, request: clients_pb2.MailboxExclusions, context: Ctx
    ) -> clients_pb2.Mailbox:
        return mailbox_to_proto(
            await self._service().exclude(current_actor(), list(request.addresses))
        )

    async def SyncMailbox(
        self, request: clients_pb2.GetMailboxRequest, context: Ctx
    ) -> clients_pb2.MailboxSyncResult:
        mailbox = await self._service().get(current_actor())
        result = await sync(current_session(), self.box, mailbox, self.reporting)
        return clients_pb2.MailboxSyncResult(
            fetched=result.fetched,
            captured=result.captured,
            duplicates=result.duplicates,
            no_client=result.no_client,
            error=result.error,
        )


class CaptureServicer(clients_pb2_grpc.CaptureServiceServicer):
    def __init__(self, reporting: Any = None) -> None:
        self.reporting = reporting

    async def ExcludeCapturedMessage(
        self, request: clients_pb2.ExcludeCapturedRequest, context: Ctx
    ) -> clients_pb2.ExcludeCapturedResult:
        removed, attachments, excluded = await MailExclusion(
            current_session(), self.reporting
        ).exclude(current_actor(), request.client_id, request.interaction_id)
        return clients_pb2.ExcludeCapturedResult(
            interactions_removed=removed, attachments_removed=attachments, excluded=excluded
        )

    async def CaptureChatMessage(
        self, request: clients_pb2.ChatMessage, context: Ctx
    ) -> clients_pb2.CaptureResult:
        if not current_actor().has(Role.SERVICE):
            raise PermissionDenied("messages are captured by services")
        if request.channel != "wecom" or request.kind not in ("text", "image", "file"):
            raise InvalidArgument("kind", request.kind, "must be a wecom text, image or file")
        sent = when(request, "sent_at") or datetime.now(UTC)
        captured = await MailCapture(current_session()).capture_chat(
            request.external_id, request.message_id, request.kind, request.text[:5000], sent
        )
        return clients_pb2.CaptureResult(status=captured.status, client_ids=captured.client_ids)
