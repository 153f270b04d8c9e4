"""Tables of the workflows schema (tasks, events and rules arrive with the process engine)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from services.common.db import schema_metadata

SCHEMA = "workflows"


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)
