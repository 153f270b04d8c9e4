"""Small conversions between protobuf well-known types and Python values, shared by every
service and the gateway."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.protobuf import json_format, struct_pb2
from google.protobuf.timestamp_pb2 import Timestamp


def ts(value: datetime | None) -> Timestamp | None:
    """A Timestamp, or None (an unset field) for None."""
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


def struct(value: dict[str, Any] | None) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    json_format.ParseDict(value or {}, message)
    return message


def when(message: Any, field: str) -> datetime | None:
    """An aware datetime from a Timestamp field, or None when the field is unset."""
    return getattr(message, field).ToDatetime(tzinfo=UTC) if message.HasField(field) else None


def set_iso_time(message: Any, field: str, value: str) -> None:
    """Set a Timestamp field from an ISO 8601 string; an empty string leaves it unset."""
    if value:
        getattr(message, field).FromDatetime(datetime.fromisoformat(value))
