"""Ids from callers: a UUID, or INVALID_ARGUMENT naming the field and the value."""

from __future__ import annotations

import uuid

from services.common.errors import InvalidArgument


def parse_id(field: str, value: object, what: str = "an id") -> uuid.UUID:
    """`value` as a UUID; otherwise INVALID_ARGUMENT "<field>='<value>': is not <what> (a UUID)"."""
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError):
        raise InvalidArgument(field, value, f"is not {what} (a UUID)") from None
