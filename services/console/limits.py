"""Bounded requests: a body over the limit is refused before anything reads it (uploads get
room for a spreadsheet, every other form 256 KB), so no one person's request holds the
console for others."""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_LIMIT = 21 * 1024 * 1024
FORM_LIMIT = 256 * 1024


def body_limit(path: str) -> int:
    if path == "/clients-import" or (path.startswith("/tasks/") and path.endswith("/upload")):
        return UPLOAD_LIMIT
    if path.startswith(("/requests/", "/portal/requests/")) and path.endswith("/attachments"):
        return UPLOAD_LIMIT
    return FORM_LIMIT


class BodyTooLarge(Exception):
    pass


class BodyLimits:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope["path"])
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        try:
            too_large = declared is not None and int(declared) > limit
        except ValueError:
            too_large = True
        if too_large:
            await self._refuse(scope, receive, send, limit)
            return
        received = 0

        async def bounded() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, bounded, send)
        except BodyTooLarge:
            await self._refuse(scope, receive, send, limit)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = PlainTextResponse(
            f"the request is larger than {limit} bytes, the limit here",
            status_code=413,
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)
