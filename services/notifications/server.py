"""gRPC adapter of the notifications service."""

from __future__ import annotations

import grpc
from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.config import NotificationsSettings
from services.common.db import current_session, session_factory
from services.common.grpc_server import GrpcService
from services.common.identity import Actor
from services.common.runner import run_grpc_process
from services.notifications.models import InboxMessage
from services.notifications.service import InboxService


def _message_to_proto(message: InboxMessage) -> notifications_pb2.InboxMessage:
    created = Timestamp()
    created.FromDatetime(message.created_at)
    result = notifications_pb2.InboxMessage(
        id=str(message.id),
        user_id=message.user_id,
        title=message.title,
        body=message.body,
        created_at=created,
    )
    if message.read_at is not None:
        result.read_at.FromDatetime(message.read_at)
    return result


class NotificationsServicer(notifications_pb2_grpc.NotificationsServiceServicer):
    async def ListInbox(
        self, request: notifications_pb2.ListInboxRequest, context: grpc.aio.ServicerContext
    ) -> notifications_pb2.ListInboxResponse:
        actor = Actor.from_metadata(context.invocation_metadata())
        rows, token = await InboxService(current_session()).list(
            actor, request.user_id, size=request.page_size, token=request.page_token
        )
        return notifications_pb2.ListInboxResponse(
            messages=[_message_to_proto(row) for row in rows], next_page_token=token
        )


def build(engine: AsyncEngine) -> GrpcService:
    """The notifications gRPC server over `engine`."""

    def register(server: grpc.aio.Server) -> None:
        notifications_pb2_grpc.add_NotificationsServiceServicer_to_server(
            NotificationsServicer(), server
        )

    return GrpcService(
        service_names=[
            notifications_pb2.DESCRIPTOR.services_by_name["NotificationsService"].full_name
        ],
        register=register,
        sessions=session_factory(engine),
    )


async def serve(settings: NotificationsSettings) -> None:
    """Run the notifications service until stopped."""
    await run_grpc_process("notifications", settings, build)
