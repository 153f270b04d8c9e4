"""SMTP connections kept open between messages, so a burst of e-mail (a quarter's reports, a
capital call's notices) does not pay a TCP connect, the greeting, EHLO, STARTTLS and AUTH for
every message.

Reusing a connection adds no risk of a second copy. A message is only ever given to the
server once per attempt, as before; what can go wrong with a kept connection is that the
server (or something between) dropped it while it sat idle, and a server that dropped a
connection accepted nothing on it. So a kept connection is checked before it is used:

- one the event loop has seen closed is thrown away;
- one idle longer than `idle_seconds` is closed (also by a timer, so an idle service holds no
  sockets open on the mail server);
- one idle longer than `PROBE_AFTER_SECONDS` is asked `NOOP` first, and thrown away if that
  fails;
- a connection whose message failed in any way (a refusal, a timeout, a cancelled send) is
  closed, never kept: its state on the server is unknown.

A connection carries at most `max_messages` messages (servers limit this too) and at most
`size` connections wait idle; `size` 0 is a new connection per message.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiosmtplib

PROBE_AFTER_SECONDS = 2.0


@dataclass
class Connection:
    smtp: aiosmtplib.SMTP
    last_used: float
    messages: int = 0

    def close(self) -> None:
        self.smtp.close()


class SmtpConnections:
    """`connect` opens and greets a new connection (TLS and AUTH as configured); `timeout`
    bounds the NOOP and QUIT this pool says on kept ones."""

    def __init__(
        self,
        connect: Callable[[], Awaitable[aiosmtplib.SMTP]],
        *,
        timeout: float,
        size: int,
        idle_seconds: float,
        max_messages: int,
    ) -> None:
        self.connect = connect
        self.timeout = timeout
        self.size = size
        self.idle_seconds = idle_seconds
        self.max_messages = max_messages
        self.idle: list[Connection] = []
        self.opened = 0
        self._reaper: asyncio.TimerHandle | None = None

    async def take(self) -> Connection:
        """A kept connection that is still good, else a new one."""
        while self.idle:
            connection = self.idle.pop()  # the most recently used: the least likely dropped
            idle_for = time.monotonic() - connection.last_used
            if not connection.smtp.is_connected or idle_for > self.idle_seconds:
                connection.close()
                continue
            if idle_for > PROBE_AFTER_SECONDS:
                try:
                    await connection.smtp.noop(timeout=self.timeout)
                except (aiosmtplib.SMTPException, OSError, TimeoutError):
                    connection.close()
                    continue
            return connection
        return await self._connect()

    async def give_back(self, connection: Connection, *, ok: bool) -> None:
        """After a message: keep the connection if the message went through and there is
        room; else say QUIT on a good one and close a failed one."""
        connection.messages += 1
        connection.last_used = time.monotonic()
        if (
            ok
            and connection.smtp.is_connected
            and connection.messages < self.max_messages
            and len(self.idle) < self.size
        ):
            self.idle.append(connection)
            self._schedule_reap()
        elif ok and connection.smtp.is_connected:
            try:
                await connection.smtp.quit(timeout=self.timeout)
            except (aiosmtplib.SMTPException, OSError, TimeoutError):
                connection.close()
        else:
            connection.close()

    async def close(self) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
            self._reaper = None
        idle, self.idle = self.idle, []
        for connection in idle:
            connection.close()

    async def _connect(self) -> Connection:
        smtp = await self.connect()
        self.opened += 1
        return Connection(smtp, last_used=time.monotonic())

    def _schedule_reap(self) -> None:
        if self._reaper is None:
            loop = asyncio.get_running_loop()
            self._reaper = loop.call_later(self.idle_seconds, self._reap)

    def _reap(self) -> None:
        self._reaper = None
        now = time.monotonic()
        kept = []
        for connection in self.idle:
            if now - connection.last_used >= self.idle_seconds or not connection.smtp.is_connected:
                connection.close()
            else:
                kept.append(connection)
        self.idle = kept
        if kept:
            self._schedule_reap()
