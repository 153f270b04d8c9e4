"""The change a data action asks of a client record, built from the record as read: a tag
added or removed, a custom or core field set — or None when the record already says so (so
an action repeated for the same event changes nothing and causes no event). Shared by rules
(`data_actions.py`) and a definition's update nodes (the worker's `definitions` activities)."""

from __future__ import annotations

import json
from typing import Any

from clientflow.clients.v1 import clients_pb2
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.struct_pb2 import Struct


def parameter_value(text: str) -> Any:
    """A parameter's value as the field takes it: numbers and booleans as such, "" clears."""
    if text == "":
        return None
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    return parsed if isinstance(parsed, int | float | bool) else text


def tag_update(
    current: clients_pb2.Client, tag: str, *, adding: bool
) -> clients_pb2.UpdateClientRequest | None:
    tags = list(current.tags)
    if (tag in tags) == adding:
        return None
    tags = [*tags, tag] if adding else [t for t in tags if t != tag]
    return clients_pb2.UpdateClientRequest(
        fields=clients_pb2.ClientFields(tags=tags), update_mask=FieldMask(paths=["tags"])
    )


def field_update(
    current: clients_pb2.Client, name: str, value: Any
) -> clients_pb2.UpdateClientRequest | None:
    """`custom_fields.<key>` or a core field set to `value` (None clears)."""
    if name.startswith("custom_fields."):
        key = name.removeprefix("custom_fields.")
        existing = current.custom_fields.fields.get(key)
        if existing is not None and _same(existing, value):
            return None
        values = Struct()
        values.update({key: value})
        return clients_pb2.UpdateClientRequest(
            fields=clients_pb2.ClientFields(custom_fields=values),
            update_mask=FieldMask(paths=["custom_fields"]),
        )
    fields = clients_pb2.ClientFields()
    setattr(fields, name, "" if value is None else str(value))
    return clients_pb2.UpdateClientRequest(fields=fields, update_mask=FieldMask(paths=[name]))


def _same(existing: Any, value: Any) -> bool:
    kind = existing.WhichOneof("kind")
    if value is None:
        return bool(kind == "null_value")
    if isinstance(value, bool):
        return bool(kind == "bool_value" and existing.bool_value is value)
    if isinstance(value, int | float):
        return bool(kind == "number_value" and existing.number_value == float(value))
    return bool(kind == "string_value" and existing.string_value == value)
