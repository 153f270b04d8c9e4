"""Opaque keyset cursors: base64 of a small JSON list."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any, TypeVar

from services.common.errors import InvalidArgument

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50


def page_size(value: int, *, field: str = "page_size") -> int:
    """0 means the default; otherwise 1..MAX_PAGE_SIZE."""
    if value == 0:
        return DEFAULT_PAGE_SIZE
    if not 1 <= value <= MAX_PAGE_SIZE:
        raise InvalidArgument(field, value, f"must be between 1 and {MAX_PAGE_SIZE}")
    return value


def encode_cursor(values: list[Any]) -> str:
    """An opaque token for the position after `values`."""
    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode()


def decode_cursor(token: str, *, field: str = "page_token", length: int = 2) -> list[Any] | None:
    """The values in a token from `encode_cursor`; None for an empty token."""
    if not token:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidArgument(field, token, "is not a token from a previous page") from None
    if not isinstance(values, list) or len(values) != length:
        raise InvalidArgument(field, token, "is not a token from a previous page")
    return values


T = TypeVar("T")


def parse_cursor(
    token: str, parse: Callable[[list[Any]], T], *, field: str = "page_token", length: int = 2
) -> T | None:
    """Decode a token and turn its values into a typed position; a bad token names the field."""
    values = decode_cursor(token, field=field, length=length)
    if values is None:
        return None
    try:
        return parse(values)
    except (TypeError, ValueError, IndexError):
        raise InvalidArgument(field, token, "is not a token from a previous page") from None
