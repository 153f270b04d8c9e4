"""Reading a change event's payload (`changes`: field -> {before, after}). A leaf module —
models import what imports this."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def changes_of(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    changes = payload.get("changes")
    return changes if isinstance(changes, dict) else {}


def new_value(payload: Mapping[str, Any], name: str) -> Any:
    """A change event's value of `name` after the change (None when it did not change)."""
    change = changes_of(payload).get(name)
    return change.get("after") if isinstance(change, dict) else None
