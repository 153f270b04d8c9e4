"""One-click unsubscribe (RFC 8058) for marketing e-mail: a link whose token names the client,
the channel and the category, signed (HMAC-SHA256) with a key derived from the deployment's
internal secret, so it needs no sign-in and cannot be forged or pointed at another client.
The e-mail carries it in `List-Unsubscribe` with `List-Unsubscribe-Post:
List-Unsubscribe=One-Click` and as a line at the end of its text; a POST to it records the
opt-out (GET only shows a page with the button: mail scanners follow links)."""

from __future__ import annotations

import uuid

from services.common import signed_tokens
from services.common.errors import InvalidArgument

CONTEXT = b"clientflow unsubscribe v1"
LINE = {
    "zh-CN": "不想再收到此类邮件？一键退订：",
    "en": "No longer want these e-mails? Unsubscribe in one click:",
}


def make_token(secret: str, client_id: str, channel: str, category: str) -> str:
    return signed_tokens.sign(secret, CONTEXT, f"{client_id}:{channel}:{category}".encode())


def read_token(secret: str, token: str) -> tuple[uuid.UUID, str, str]:
    """(client id, channel, category) of a token we signed; INVALID_ARGUMENT otherwise."""
    body = signed_tokens.verify(secret, CONTEXT, token)
    try:
        if body is None:
            raise ValueError("not ours")
        client, channel, category = body.decode().split(":")
        return uuid.UUID(client), channel, category
    except (ValueError, UnicodeDecodeError):
        raise InvalidArgument("token", token[:20], "is not a valid unsubscribe link") from None


def footer(locale: str, url: str) -> str:
    return f"\n\n--\n{LINE.get(locale, LINE['en'])} {url}"
