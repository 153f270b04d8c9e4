"""The listening socket of an HTTP process (gateway, console)."""

from __future__ import annotations

import logging
import socket
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.common.grpc_server import PortInUse


def bind_socket(host: str, port: int, setting: str = "CLIENTFLOW_GATEWAY_PORT") -> socket.socket:
    """Bind the listening socket ourselves so a taken port is a one-line error."""
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted connections only when the
    # socket says it is TCP; with proto 0 every keep-alive response waited ~40 ms (Nagle +
    # delayed ACK).
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise PortInUse(f"{host}:{port}", setting) from None
    return sock


class AccessLog:
    """ASGI middleware: one log line per HTTP request (logger `clientflow.access`) with the
    method, the route's template (`/v1/clients/{client_id}`, never the concrete path or the
    query, which can carry personal data), the status, the duration and the actor's id (when
    the route authenticated one: `request.state.actor_id`); the trace id comes with every log
    line. Health probes are not logged."""

    QUIET = frozenset({"/healthz", "/readyz"})

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = logging.getLogger("clientflow.access")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.QUIET:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            template = getattr(route, "path_format", None) or getattr(route, "path", None)
            state = scope.get("state") or {}
            self.log.info(
                "%s %s %s",
                scope["method"],
                template or "(unmatched)",
                status,
                extra={
                    "http_method": scope["method"],
                    "http_route": template or "(unmatched)",
                    "http_status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "actor_id": state.get("actor_id"),
                },
            )
