"""One-click unsubscribe (RFC 8058) for marketing e-mail: a link whose token names the client,
the channel and the category, signed (HMAC-SHA256) with a key derived from the deployment's
internal secret, so it needs no sign-in and cannot be forged or pointed at another client.
The e-mail carries it in `List-Unsubscribe` with `List-Unsubscribe-Post:
List-Unsubscribe=One-Click` and as a line at the end of its text; a POST to it records the
opt-out (GET only shows a page with the button: mail scanners follow links)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

from services.common.errors import InvalidArgument

CONTEXT = b"clientflow unsubscribe v1"
LINE = {
    "zh-CN": "不想再收到此类邮件？一键退订：",
    "en": "No longer want these e-mails? Unsubscribe in one click:",
}


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), CONTEXT, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def make_token(secret: str, client_id: str, channel: str, category: str) -> str:
    body = f"{client_id}:{channel}:{category}".encode()
    signature = hmac.new(_key(secret), body, hashlib.sha256).digest()[:16]
    return f"{_b64(body)}.{_b64(signature)}"


def read_token(secret: str, token: str) -> tuple[uuid.UUID, str, str]:
    """(client id, channel, category) of a token we signed; INVALID_ARGUMENT otherwise."""
    refused = InvalidArgument("token", token[:20], "is not a valid unsubscribe link")
    if len(token) > 300 or token.count(".") != 1:
        raise refused
    body_part, signature_part = token.split(".")
    try:
        body = base64.urlsafe_b64decode(body_part + "=" * (-len(body_part) % 4))
        signature = base64.urlsafe_b64decode(signature_part + "=" * (-len(signature_part) % 4))
    except ValueError:
        raise refused from None
    expected = hmac.new(_key(secret), body, hashlib.sha256).digest()[:16]
    if not hmac.compare_digest(signature, expected):
        raise refused
    try:
        client, channel, category = body.decode().split(":")
        return uuid.UUID(client), channel, category
    except ValueError:
        raise refused from None


def footer(locale: str, url: str) -> str:
    return f"\n\n--\n{LINE.get(locale, LINE['en'])} {url}"
