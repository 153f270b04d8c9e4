"""A task's form as submitted from a page: the `field_<name>` inputs as the task's form, a
`file` field's upload stored for the task first (its document id goes in the form)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import FormData, UploadFile

MAX_FILE_BYTES = 10 * 1024 * 1024
Upload = Callable[[str, bytes], Awaitable[str]]


async def task_form(form: FormData, fields: list[dict[str, Any]], upload: Upload) -> dict[str, Any]:
    """The form a task's `complete` takes; blanks are left out (the task names a missing
    required field)."""
    values: dict[str, Any] = {
        key.removeprefix("field_"): value
        for key, value in form.items()
        if key.startswith("field_") and isinstance(value, str) and value != ""
    }
    for spec in fields:
        if spec.get("type") != "file":
            continue
        sent = form.get(f"field_{spec['name']}")
        if isinstance(sent, UploadFile) and sent.filename:
            content = await sent.read(MAX_FILE_BYTES + 1)
            values[spec["name"]] = await upload(sent.filename, content)
    return values
