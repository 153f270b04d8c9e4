"""Reading a process's start parameters (strings from the API or a rule) into typed input;
a bad one is a ValueError naming it, which the service turns into INVALID_ARGUMENT."""

from __future__ import annotations

from collections.abc import Mapping


def whole_number(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    """`parameters.<name>` as an int in [low, high], or `default` when absent."""
    text = params.get(name, str(default))
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"parameters.{name}={text!r}: must be a whole number") from None
    if not low <= value <= high:
        raise ValueError(f"parameters.{name}={value}: must be between {low} and {high}")
    return value
