"""The dev stack's mail catcher: an SMTP server (aiosmtpd) on loopback that keeps every
message as an .eml file under the data dir, so `clientflow dev` sends real e-mail without
an account anywhere. With an API port it also answers the part of Mailpit's HTTP API the
notifications service asks after a crash — `GET /api/v1/search?query=message-id:"…"` —
and `GET /livez`. Run as `python -m services.devstack.mailbox PORT DIR [API_PORT]`."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
import time
from pathlib import Path
from typing import Protocol

import uvicorn
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

_UNSAFE = re.compile(r"[^A-Za-z0-9@._-]+")
_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*<?([^>\r\n]*)>?", re.IGNORECASE | re.MULTILINE)
_QUERY = re.compile(r'^message-id:"?<?([^">]*)>?"?$', re.IGNORECASE)


def message_id_of(content: bytes) -> str:
    """The Message-ID header (without angle brackets) of a raw message, or ""."""
    head = content.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    match = _MESSAGE_ID.search(head)
    return match.group(1).decode("ascii", "replace").strip() if match else ""


class MailboxHandler:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.count = 0
        # Message-ID -> files kept, rebuilt from the folder on start.
        self.kept: dict[str, list[str]] = {}
        for path in sorted(directory.glob("*.eml")):
            self._index(message_id_of(path.read_bytes()), path.name)

    def _index(self, message_id: str, name: str) -> None:
        if message_id:
            self.kept.setdefault(message_id, []).append(name)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.count += 1
        recipient = _UNSAFE.sub("_", ",".join(envelope.rcpt_tos))[:80]
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{self.count:05d}-{recipient}.eml"
        content = envelope.original_content or b""
        (self.directory / name).write_bytes(content)
        self._index(message_id_of(content), name)
        return "250 2.0.0 kept in the dev mailbox"


class Kept(Protocol):
    kept: dict[str, list[str]]


def api(handler: Kept) -> Starlette:
    """Mailpit's search, for `message-id:` queries only; its liveness probe."""

    async def search(request: Request) -> JSONResponse:
        query = request.query_params.get("query", "").strip()
        match = _QUERY.match(query)
        if match is None:
            return JSONResponse(
                {"error": 'only query=message-id:"<id>" is supported here'}, status_code=400
            )
        wanted = match.group(1).strip()
        names = handler.kept.get(wanted, [])
        messages = [{"ID": name, "MessageID": wanted} for name in names]
        return JSONResponse(
            {"total": len(handler.kept), "messages_count": len(messages), "messages": messages}
        )

    async def livez(_request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    return Starlette(
        routes=[Route("/api/v1/search", search), Route("/livez", livez)],
    )


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    port, directory = int(args[0]), Path(args[1])
    api_port = int(args[2]) if len(args) > 2 else None
    handler = MailboxHandler(directory)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()

    async def wait() -> None:
        if api_port is not None:
            # uvicorn ends on SIGINT/SIGTERM itself.
            config = uvicorn.Config(
                api(handler), host="127.0.0.1", port=api_port, log_level="warning", lifespan="off"
            )
            await uvicorn.Server(config).serve()
            return
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()

    try:
        asyncio.run(wait())
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
