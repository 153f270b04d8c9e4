"""Tokens that are their own credential (an unsubscribe link, a calendar feed URL): a body
and a 16-byte HMAC-SHA256 over it, both base64url, as `body.signature`. Each purpose has its
own key, derived from the deployment's internal secret with the purpose's context, so a token
made for one purpose is worthless for another."""

from __future__ import annotations

import base64
import hashlib
import hmac


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(secret: str, context: bytes, body: bytes) -> bytes:
    key = hmac.new(secret.encode(), context, hashlib.sha256).digest()
    return hmac.new(key, body, hashlib.sha256).digest()[:16]


def sign(secret: str, context: bytes, body: bytes) -> str:
    return f"{_b64(body)}.{_b64(_signature(secret, context, body))}"


def verify(secret: str, context: bytes, token: str) -> bytes | None:
    """The body of a token signed for `context`, or None (malformed or forged)."""
    if len(token) > 300 or token.count(".") != 1:
        return None
    body_part, signature_part = token.split(".")
    try:
        body, signature = _unb64(body_part), _unb64(signature_part)
    except ValueError:
        return None
    if not hmac.compare_digest(signature, _signature(secret, context, body)):
        return None
    return body
