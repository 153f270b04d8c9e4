"""Real loopback endpoints for the notification channels: an SMTP server (aiosmtpd) that
catches mail, and an HTTP server playing the SMS/WeCom/webhook providers that checks every
signature and drops repeated Idempotency-Keys, as a real provider would. Plus a clock the
tests can move."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from services.notifications.channels.http import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    verify_signature,
)
from tests.support import free_port

PROVIDER_SECRET = "provider-secret-for-tests"


@dataclass
class CaughtMail:
    envelope_to: list[str]
    content: bytes
    # The client's (host, port): one per SMTP connection.
    peer: tuple[str, int] = ("", 0)

    @functools.cached_property
    def message(self) -> Message:
        """Parsed when first asked for: a benchmark catching thousands of reports only
        counts them, and parsing a 140 kB message costs the machine 3 ms of CPU."""
        return message_from_bytes(self.content, policy=default)

    @property
    def message_id(self) -> str:
        head, _, _ = self.content.partition(b"\r\n\r\n")
        found = BytesHeaderParser(policy=default).parsebytes(head + b"\r\n\r\n")
        return str(found.get("Message-ID", "")).strip().strip("<>")


class SmtpSink:
    """aiosmtpd on 127.0.0.1; `fail_next[rcpt] = n` answers 451 to the next n messages to
    rcpt; `on_message` runs after a message is caught and before the reply, `on_rcpt` when a
    recipient is given (before any message). `kept` indexes what it caught by Message-ID,
    as the dev mail catcher does, so its lookup API can be served over it. `hang_up()`
    closes every connection that has sent a message, as a server dropping idle clients does."""

    def __init__(self) -> None:
        self.messages: list[CaughtMail] = []
        self.fail_next: dict[str, int] = {}
        self.reject: set[str] = set()
        self.on_message: Callable[[CaughtMail], None] | None = None
        self.on_rcpt: Callable[[str], None] | None = None
        self.kept: dict[str, list[str]] = {}
        self.connections: set[SMTP] = set()
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.on_rcpt is not None:
            self.on_rcpt(address)
        if address in self.reject:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                if self.fail_next.get(rcpt, 0) > 0:
                    self.fail_next[rcpt] -= 1
                    return "451 4.3.0 try again later"
            content = envelope.original_content or b""
            self.connections.add(server)
            caught = CaughtMail(
                list(envelope.rcpt_tos),
                content,
                (str(session.peer[0]), int(session.peer[1])) if session.peer else ("", 0),
            )
            self.messages.append(caught)
            self.kept.setdefault(caught.message_id, []).append(str(len(self.messages)))
        if self.on_message is not None:
            self.on_message(caught)
        return "250 2.0.0 queued"

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m.message for m in self.messages if address in m.envelope_to]

    def hang_up(self) -> None:
        with self.lock:
            connections, self.connections = self.connections, set()
        for server in connections:
            if server.transport is not None:
                self.controller.loop.call_soon_threadsafe(server.transport.close)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@dataclass
class ProviderRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    signature_ok: bool


@dataclass
class HttpProvider:
    """A ThreadingHTTPServer answering POSTs under /sms, /wecom, /webhook, and signed GETs of
    /lookup/<Idempotency-Key>: 200 with its id when it has the message, 404 when not."""

    secret: str = PROVIDER_SECRET
    requests: list[ProviderRequest] = field(default_factory=list)
    # Idempotency-Key -> provider message id: a repeated key is accepted, not delivered again.
    delivered: dict[str, str] = field(default_factory=dict)
    # status codes to answer for the next requests to a recipient ("to")
    script: dict[str, list[int]] = field(default_factory=dict)
    on_request: Callable[[ProviderRequest], None] | None = None
    port: int = 0

    def __post_init__(self) -> None:
        provider = self
        self.lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                ok = verify_signature(
                    provider.secret,
                    raw,
                    self.headers.get(TIMESTAMP_HEADER, ""),
                    self.headers.get(SIGNATURE_HEADER, ""),
                )
                body = json.loads(raw or b"{}")
                request = ProviderRequest(self.path, dict(self.headers), body, ok)
                status, answer = provider.answer(request)
                if provider.on_request is not None:
                    provider.on_request(request)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                ok = verify_signature(
                    provider.secret,
                    b"",
                    self.headers.get(TIMESTAMP_HEADER, ""),
                    self.headers.get(SIGNATURE_HEADER, ""),
                )
                key = unquote(self.path.removeprefix("/lookup/"))
                with provider.lock:
                    found = provider.delivered.get(key)
                status = 401 if not ok else 200 if found else 404
                data = json.dumps({"id": found} if status == 200 else {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]

    def answer(self, request: ProviderRequest) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.requests.append(request)
            if not request.signature_ok:
                return 401, {"error": "bad signature"}
            planned = self.script.get(str(request.body.get("to")), [])
            if planned:
                status = planned.pop(0)
                if status >= 400:
                    return status, {"error": "scripted failure"}
            key = request.headers.get("Idempotency-Key", "")
            if key not in self.delivered:
                self.delivered[key] = f"prov-{len(self.delivered) + 1}"
            return 200, {"id": self.delivered[key]}

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class TestClock:
    """Real time plus an offset the tests move. By default it reads 10:00 in Shanghai (the
    next such morning), so quiet hours never depend on when the suite runs."""

    __test__ = False

    def __init__(self) -> None:
        self.offset = timedelta(0)
        self.reset()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def set(self, instant: datetime) -> None:
        self.offset = instant - datetime.now(UTC)

    def advance(self, delta: timedelta) -> None:
        self.offset += delta

    def reset(self) -> None:
        from zoneinfo import ZoneInfo

        shanghai = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai"))
        morning = shanghai.replace(hour=10, minute=0, second=0, microsecond=0)
        if morning < shanghai:
            morning += timedelta(days=1)
        self.set(morning.astimezone(UTC))
