"""What every page shares: the gateway client, the signed-in person, CSRF, ids and links."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Depends, Request
from fastapi.responses import Response

from services.console.api import ApiError, Gateway
from services.console.session import Viewer, check_csrf, current_viewer

Person = Annotated[Viewer, Depends(current_viewer)]
CSRF = [Depends(check_csrf)]
ACTIVE = ("open", "claimed", "escalated")
PROCESS_KINDS = (
    "client-check",
    "onboarding",
    "annual-review",
    "call-client",
    "dormant-reactivation",
)
CHANNELS = ("call", "meeting", "wechat", "email", "event")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


FORM_ERRORS = (400, 409, 412, 422)
PASSED_HEADERS = ("content-disposition", "etag")


def gateway(request: Request) -> Gateway:
    gw: Gateway = request.app.state.gateway
    return gw


def client_key(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def process_url(workflow_id: str) -> str:
    return "/process?" + urlencode({"id": workflow_id})


MAX_NAMED_CLIENTS = 100


async def client_names(request: Request, person: Viewer, ids: Iterable[str]) -> dict[str, str]:
    """The names of these clients (at most 100, eight calls at a time) as the person may see
    them; a client they may not see is left out."""
    wanted = list(dict.fromkeys(i for i in ids if i))[:MAX_NAMED_CLIENTS]
    limit = asyncio.Semaphore(8)

    async def one(client_id: str) -> tuple[str, str]:
        async with limit:
            try:
                client = await gateway(request).get(f"/v1/clients/{client_id}", person.token)
            except ApiError:
                return client_id, ""
        return client_id, str(client.get("name") or "")

    found = await asyncio.gather(*(one(i) for i in wanted))
    return {client_id: name for client_id, name in found if name}


def due_key(task: dict[str, Any]) -> tuple[int, str]:
    return (0 if task.get("overdue") else 1, task.get("due_at") or "9999")


def previous_quarter(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    quarter = (now.month - 1) // 3
    return f"{now.year - 1}Q4" if quarter == 0 else f"{now.year}Q{quarter}"


def words(value: str) -> list[str]:
    return [w.strip() for w in value.replace("，", ",").split(",") if w.strip()][:50]


async def pass_file(request: Request, person: Viewer, path: str, **params: Any) -> Response:
    """A file the gateway serves (a PDF, an export), handed to the browser as it came: its
    content type, name and checksum."""
    answer = await gateway(request).request("GET", path, person.token, params=params)
    return Response(
        answer.content,
        media_type=answer.headers.get("content-type", "application/octet-stream"),
        headers={k: v for k, v in answer.headers.items() if k.lower() in PASSED_HEADERS},
    )


def field_labels(specs: list[dict[str, Any]], locale: str) -> dict[str, str]:
    """A request form's labels by the API's field path ("fields.amount": "金额")."""
    return {
        f"fields.{spec['name']}": (spec.get("labels") or {}).get(locale)
        or (spec.get("labels") or {}).get("en")
        or spec["name"]
        for spec in specs
    }


def request_fields(specs: list[dict[str, Any]], form: Any) -> dict[str, Any]:
    """A request form's `field_<name>` inputs as the type's fields: numbers as numbers (a
    value that is not one is passed on as typed, for the gateway to name), blanks left out."""
    values: dict[str, Any] = {}
    for spec in specs:
        raw = str(form.get(f"field_{spec['name']}", "")).strip()
        if not raw:
            continue
        if spec.get("kind") == "number":
            try:
                values[spec["name"]] = float(raw) if "." in raw else int(raw)
            except ValueError:
                values[spec["name"]] = raw
        else:
            values[spec["name"]] = raw
    return values


async def record_type(request: Request, person: Viewer, key: str) -> dict[str, Any]:
    """A record type as the gateway gives it (its latest version); 404 for one there is not."""
    found: dict[str, Any] = await gateway(request).get(
        f"/v1/record-types/{quote(key)}", person.token
    )
    return found
