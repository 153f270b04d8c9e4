"""Tables of the workflows schema: the human-task projection (events and rules next)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.common.db import schema_metadata

SCHEMA = "workflows"
TASK_NAMESPACE = uuid.UUID("6f1c8a52-2f0e-4c1e-9a57-3d1b0c7e5a10")


def task_row_id(workflow_id: str, task_id: str) -> uuid.UUID:
    """The projection's id of a workflow's task: stable, so writes are idempotent."""
    return uuid.uuid5(TASK_NAMESPACE, f"{workflow_id}\x00{task_id}")


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class Task(Base):
    """What a workflow asks a person to do, as the workflow last reported it."""

    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_assignee_status", "assignee_user", "status", "due_at"),
        Index("ix_tasks_team_status", "team_id", "status", "due_at"),
        Index("ix_tasks_workflow", "workflow_id"),
        Index("ix_tasks_client", "client_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    workflow_id: Mapped[str] = mapped_column(String(300))
    task_id: Mapped[str] = mapped_column(String(100))
    process_kind: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    client_id: Mapped[str] = mapped_column(String(64), default="")
    assignee_user: Mapped[str] = mapped_column(String(64), default="")
    assignee_role: Mapped[str] = mapped_column(String(32), default="")
    team_id: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sla: Mapped[str] = mapped_column(String(100), default="")
    outcome: Mapped[str] = mapped_column(String(64), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    form_json: Mapped[str] = mapped_column(Text, default="{}")
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    completed_by: Mapped[str] = mapped_column(String(64), default="")
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    breached_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revision: Mapped[int] = mapped_column(BigInteger, default=0)
