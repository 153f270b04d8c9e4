"""The tables of records the firm defines: each type's versions (the latest is in force) and
the records themselves, their fields in JSONB (a type's indexed fields get expression indexes
of their own, created when the type is saved)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.clients.models import Base


class RecordTypeRow(Base):
    __tablename__ = "record_types"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(primary_key=True)
    document: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RecordRow(Base):
    __tablename__ = "records"
    __table_args__ = (
        Index("ix_records_type_client", "type_key", "client_id", "updated_at"),
        Index("ix_records_type_updated", "type_key", "updated_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    type_key: Mapped[str] = mapped_column(String(40))
    client_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("clients.clients.id", ondelete="RESTRICT")
    )
    title: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | archived
    version: Mapped[int] = mapped_column(default=1)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RecordViewRow(Base):
    """A person's saved view of a type's list: its filters and sort, under a name."""

    __tablename__ = "record_views"
    __table_args__ = (UniqueConstraint("owner", "type_key", "name", name="uq_record_views_name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    type_key: Mapped[str] = mapped_column(String(40))
    owner: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100))
    filters: Mapped[list[dict[str, str]]] = mapped_column(JSONB, default=list)
    sort: Mapped[str] = mapped_column(String(41), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
