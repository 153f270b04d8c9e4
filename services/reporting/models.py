"""Tables of the reporting schema."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.common.db import schema_metadata

SCHEMA = "reporting"


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


class Artifact(Base):
    """A stored file (a PDF report, an export) and where it came from. A process's report
    for a client and period is unique, so a retried render finds the first one."""

    __tablename__ = "artifacts"
    __table_args__ = (
        Index(
            "ux_artifacts_process_report",
            "kind",
            "client_id",
            "period",
            "workflow_id",
            unique=True,
            postgresql_where=text("workflow_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(64))
    client_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    period: Mapped[str | None] = mapped_column(String(16))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(500))
    workflow_id: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ArtifactContent(Base):
    """The bytes of artifacts stored before the filesystem store (`storage_key`
    `db:artifact_contents`); still read, no longer written."""

    __tablename__ = "artifact_contents"

    artifact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("artifacts.id", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)


class SurveyAnswer(Base):
    """A client's answer to the satisfaction survey (0-10), for NPS."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        Index("ix_survey_answers_client_at", "client_id", "answered_at"),
        CheckConstraint("score BETWEEN 0 AND 10", name="score"),
        CheckConstraint(
            "survey = 'nps' OR (survey = 'csat' AND score BETWEEN 1 AND 5)", name="survey_kind"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID]
    score: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(32), default="")
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    # nps (0-10) or csat (1-5, about a request of `request_type`)
    survey: Mapped[str] = mapped_column(String(8), default="nps", server_default="nps")
    # One answer per invitation (unique when set).
    invitation_id: Mapped[str | None] = mapped_column(String(300), unique=True)
    request_type: Mapped[str] = mapped_column(String(64), default="", server_default="")
