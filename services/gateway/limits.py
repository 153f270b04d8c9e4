"""Bounds on what one request may make the gateway do: body size (checked from Content-Length
before any other work, and again while the body streams in), non-finite numbers refused, and
a per-user rate for expensive routes."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.gateway.errors import problem

# Uploads (spreadsheets) travel as multipart bodies; everything else is small JSON.
UPLOAD_LIMIT = 20 * 1024 * 1024 + 64 * 1024
DEFAULT_LIMIT = 1024 * 1024
UPLOAD_PATHS = ("/v1/clients:import", "/v1/clients:import-positions")


ATTACHMENT_LIMIT = 10 * 1024 * 1024 + 64 * 1024


def body_limit(path: str) -> int:
    """The largest body `path` accepts, in bytes."""
    if path in UPLOAD_PATHS:
        return UPLOAD_LIMIT
    if path.startswith(("/v1/requests/", "/v1/portal/requests/")) and path.endswith("/attachments"):
        return ATTACHMENT_LIMIT
    return DEFAULT_LIMIT


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _non_finite(body: bytes) -> str | None:
    """The first NaN/Infinity token in a JSON body, if any (Python's json accepts them)."""
    if b"NaN" not in body and b"Infinity" not in body:
        return None
    try:
        json.loads(body, parse_constant=_reject_constant)
    except ValueError as error:
        name = str(error)
        return name if name in ("NaN", "Infinity", "-Infinity") else None
    return None


class RequestLimits:
    """ASGI middleware: 413 for a body over the route's limit (before authentication reads
    anything), 422 for a JSON body with NaN or Infinity."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope["path"])
        headers = dict(scope.get("headers") or ())
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await problem(400, "Content-Length is not a number", code="INVALID_ARGUMENT")(
                    scope, receive, send
                )
                return
            if size > limit:
                await self._too_large(scope, receive, send, limit, size)
                return
        is_json = headers.get(b"content-type", b"").split(b";")[0].strip().endswith(b"json")
        await self.app(scope, _bounded(receive, limit, check_json=is_json), send)

    @staticmethod
    async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int, size: int) -> None:
        response = problem(
            413,
            f"the request body is {size} bytes; this route accepts at most {limit} bytes",
            code="INVALID_ARGUMENT",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


def _bounded(receive: Receive, limit: int, *, check_json: bool) -> Receive:
    """`receive` that stops a body growing past `limit` and checks a JSON body once whole."""
    received = 0
    chunks: list[bytes] = []

    async def wrapped() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] != "http.request":
            return message
        body = message.get("body", b"")
        received += len(body)
        if received > limit:
            raise HTTPException(
                413, f"the request body is over {limit} bytes, the limit of this route"
            )
        if check_json:
            chunks.append(body)
            if not message.get("more_body", False):
                found = _non_finite(b"".join(chunks))
                chunks.clear()
                if found is not None:
                    raise HTTPException(
                        422, f"the request body contains {found}; numbers must be finite"
                    )
        return message

    return wrapped


@dataclass
class RateLimiter:
    """A token bucket per (user, route class): `rate` requests a minute, bursts of `burst`."""

    rate_per_minute: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)

    def take(self, user_id: str, kind: str) -> float:
        """0 when allowed; otherwise the seconds until the next request would be."""
        now = self.clock()
        tokens, stamp = self._buckets.get((user_id, kind), (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - stamp) * self.rate_per_minute / 60)
        if tokens < 1:
            self._buckets[(user_id, kind)] = (tokens, now)
            return math.ceil((1 - tokens) * 60 / self.rate_per_minute)
        self._buckets[(user_id, kind)] = (tokens - 1, now)
        if len(self._buckets) > 100_000:
            self._buckets.clear()
        return 0
