"""The listening socket of an HTTP process (gateway, console)."""

from __future__ import annotations

import socket

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
