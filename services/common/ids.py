"""Ids from callers: a UUID, or INVALID_ARGUMENT naming the field and the value."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from services.common.errors import InvalidArgument


def parse_id(field: str, value: object, what: str = "an id") -> uuid.UUID:
    """`value` as a UUID; otherwise INVALID_ARGUMENT "<field>='<value>': is not <what> (a UUID)"."""
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError):
        raise InvalidArgument(field, value, f"is not {what} (a UUID)") from None


def parse_ids(field: str, values: Sequence[str], what: str, most: int) -> list[uuid.UUID]:
    """1 to `most` ids, each a UUID and each once; otherwise INVALID_ARGUMENT naming
    `field` (and, for a bad id, its index)."""
    if not 1 <= len(values) <= most:
        raise InvalidArgument(field, str(len(values)), f"must name 1 to {most} {what}s")
    keys = [parse_id(f"{field}[{i}]", value, f"a {what} id") for i, value in enumerate(values)]
    seen: set[uuid.UUID] = set()
    for value, key in zip(values, keys, strict=True):
        if key in seen:
            raise InvalidArgument(field, value, f"must name each {what} once")
        seen.add(key)
    return keys
