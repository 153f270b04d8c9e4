"""The dropbox: an SMTP listener (aiosmtpd) staff BCC or forward client mail to. In
production it sits behind the firm's MTA, which relays one address to it; here it accepts what
it is given, captures each message (`mail_capture.py`) in the clients service's event loop
and answers 250 whether or not a client was found (nothing is stored then), 552 for a message
over the size limit, 451 when the database is away (the sending MTA retries)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from services.clients.mail_capture import MAX_BYTES, MailCapture

log = logging.getLogger(__name__)


class DropboxHandler:
    def __init__(
        self, engine: AsyncEngine, loop: asyncio.AbstractEventLoop, reporting: Any = None
    ) -> None:
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.loop, self.reporting = loop, reporting

    async def _capture(self, content: bytes) -> str:
        async with self.sessions() as session, session.begin():
            capture = MailCapture(session, self.reporting)
            captured = await capture.capture(content, via="dropbox")
        log.info("dropbox: %s %s", captured.status, captured.message_key)
        return captured.status

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        if len(content) > MAX_BYTES:
            return "552 5.3.4 message too large"
        # The controller's loop is its own thread's: the capture runs on the service's.
        future = asyncio.run_coroutine_threadsafe(self._capture(content), self.loop)
        try:
            await asyncio.wrap_future(future)
        except Exception:
            log.exception("dropbox: capture failed")
            return "451 4.3.0 try again later"
        return "250 2.0.0 OK"


class Dropbox:
    """The listener on `host:port`, started and stopped with the clients service."""

    def __init__(self, engine: AsyncEngine, host: str, port: int, reporting: Any = None) -> None:
        self.engine, self.host, self.port, self.reporting = engine, host, port, reporting
        self.controller: Controller | None = None

    def start(self) -> None:
        handler = DropboxHandler(self.engine, asyncio.get_running_loop(), self.reporting)
        kwargs: dict[str, Any] = {"data_size_limit": MAX_BYTES + 64 * 1024}
        self.controller = Controller(handler, hostname=self.host, port=self.port, **kwargs)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def start_all(*parts: Any) -> None:
    for part in parts:
        if part is not None:
            part.start()


async def stop_all(*parts: Any) -> None:
    """Stop the service's background parts (the relay's stop is a coroutine)."""
    for part in parts:
        if part is None:
            continue
        stopped = part.stop()
        if asyncio.iscoroutine(stopped):
            await stopped
