"""A client's e-mail reply reaching the task it answers.

The clients service captures the reply (dropbox or a connected mailbox) and, for a reply to a
message, emits `mail.reply` with the Message-IDs it answers, its subject, an excerpt and the
attachments it kept as the client's artifacts. Here the notifications service names the
e-mail of ours it answers; that e-mail's process and client name the task: the open task of
that process whose id is in the e-mail's idempotency key (a reminder about it), else the open
task held by the client, else the process's oldest open task. The reply is kept on the task
(once per captured message: a replayed event changes nothing) and its holder is told in-app.
A reply to nothing of ours, or to a process with no open task, stays on the timeline only.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

import grpc
from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint, select
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR
from services.workflows.service.automation.payloads import new_value
from services.workflows.service.models import Base, Task

log = logging.getLogger(__name__)

OPEN = ("open", "claimed", "escalated")
CLIENT_HOLDER = "client:"


class TaskReply(Base):
    __tablename__ = "task_replies"
    __table_args__ = (UniqueConstraint("task_id", "interaction_id", name="uq_task_replies_once"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    task_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workflows.tasks.id", ondelete="CASCADE"), index=True
    )
    interaction_id: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(300))
    excerpt: Mapped[str] = mapped_column(Text)
    # [{"artifact_id", "filename"}]
    attachments: Mapped[list[dict[str, str]]] = mapped_column(JSONB, default=list)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TaskReplies:
    def __init__(
        self,
        session: AsyncSession,
        notifications: notifications_pb2_grpc.NotificationsServiceStub | None,
    ) -> None:
        self.session = session
        self.notifications = notifications

    async def receive(
        self,
        client_id: str,
        payload: dict[str, Any],
        *,
        advisor_id: str = "",
        client_name: str = "",
    ) -> TaskReply | None:
        """Keep a `mail.reply` on its task; None when it answers no open task of ours."""
        replied = [str(m) for m in (new_value(payload, "in_reply_to") or [])][:20]
        interaction_id = str(payload.get("entity_id") or "")
        if not replied or not interaction_id or self.notifications is None:
            return None
        try:
            delivery = await self.notifications.FindRepliedDelivery(
                notifications_pb2.FindRepliedDeliveryRequest(message_ids=replied),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise from_rpc_error(error) from None
        if not delivery.workflow_id or delivery.client_id != client_id:
            return None
        task = await self._task(delivery.workflow_id, client_id, delivery.idempotency_key)
        if task is None:
            return None
        files = [
            {"artifact_id": str(a.get("artifact_id", "")), "filename": str(a.get("filename", ""))}
            for a in (new_value(payload, "attachments") or [])
            if isinstance(a, dict)
        ][:10]
        inserted = await self.session.scalar(
            insert(TaskReply)
            .values(
                id=uuid.uuid4(),
                task_id=task.id,
                interaction_id=interaction_id[:64],
                subject=str(new_value(payload, "subject") or "")[:300],
                excerpt=str(new_value(payload, "excerpt") or "")[:500],
                attachments=files,
                received_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(constraint="uq_task_replies_once")
            .returning(TaskReply.id)
        )
        await self.session.commit()
        if inserted is None:
            return None  # kept before: a replayed event
        reply = await self.session.get(TaskReply, inserted)
        await self._tell(task, reply, advisor_id, client_name)
        return reply

    async def _task(self, workflow_id: str, client_id: str, key: str) -> Task | None:
        tasks = list(
            await self.session.scalars(
                select(Task)
                .where(
                    Task.workflow_id == workflow_id,
                    Task.client_id == client_id,
                    Task.status.in_(OPEN),
                )
                .order_by(Task.created_at)
            )
        )
        named = [t for t in tasks if f"/{t.task_id}/" in f"{key}/"]
        held = [t for t in tasks if t.assignee_user.startswith(CLIENT_HOLDER)]
        candidates = named or held or tasks
        return candidates[0] if candidates else None

    async def _tell(
        self, task: Task, reply: TaskReply | None, advisor_id: str, client_name: str
    ) -> None:
        """The holder (or, for a client's own task, the client's advisor) hears of it."""
        person = task.claimed_by or task.assignee_user
        if person.startswith(CLIENT_HOLDER):
            person = advisor_id
        if reply is None or not person:
            return
        variables = Struct()
        variables.update(
            {
                "title": task.title,
                "client_name": client_name,
                "subject": reply.subject,
                "workflow_id": task.workflow_id,
            }
        )
        try:
            assert self.notifications is not None
            await self.notifications.Send(
                notifications_pb2.SendRequest(
                    idempotency_key=f"task-reply/{task.id}/{reply.interaction_id}",
                    user_id=person,
                    template_key="task-client-replied",
                    variables=variables,
                    workflow_id=task.workflow_id,
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:  # the reply is kept; the heads-up is best effort
            log.warning("task reply notice not sent: %s", error.code())


async def replies_of(session: AsyncSession, task_id: uuid.UUID) -> list[TaskReply]:
    statement = (
        select(TaskReply).where(TaskReply.task_id == task_id).order_by(TaskReply.received_at)
    )
    return list(await session.scalars(statement))
