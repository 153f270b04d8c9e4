"""An e-mail's bytes, written directly: the few shapes the e-mail channel sends (text; text
and HTML, the HTML with the firm's logo inside; each with attachments), as MIME.

Why not `email.message.EmailMessage`: its header registry parses and re-folds every header
it is given, and its generator writes a base64 body a line at a time in Python; for a
report e-mail with a 100 kB PDF that was most of the CPU the notifications service spent on
a send. The structure here is fixed, so the bytes are written once. What the `email`
package still does for us is the hard part of headers: RFC 2047 encoded words
(`email.header.Header`) and address quoting (`email.utils.formataddr`).
`tests/unit/test_mime.py` parses what this writes with the `email` package and compares it,
part for part, with the message the `email` package writes itself.

Rules kept:
- every line ends in CRLF and is at most 998 bytes (RFC 5322); a text body that would break
  that, or that is not ASCII when the server takes no 8-bit data, is base64;
- header values are one line: a CR, an LF or another control character in a subject or a
  name is written as a space, so no value can add a header;
- a text body with a NUL byte is base64 (7bit and 8bit data may not carry one);
- a non-ASCII address is written as UTF-8, which the channel only sends with SMTPUTF8."""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Iterable
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr
from urllib.parse import quote
from xml.sax.saxutils import escape

from services.notifications.channels.base import Attachment, OutboundMessage
from services.notifications.unsubscribe import LINE, footer

CRLF = b"\r\n"
MAX_LINE = 998
# Line breaks and other control characters (a tab aside) never reach a header.
_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]+")
_SPECIALS = re.compile(r'[][\\()<>@,:;".\x00-\x1f\x7f]')
_PARAMETER_CHUNK = 60


def bodies(message: OutboundMessage) -> tuple[str, str]:
    """The text and HTML as sent: a marketing e-mail's unsubscribe line added to both."""
    text, html = message.body_text or message.subject, message.body_html
    if message.unsubscribe_url:
        text += footer(message.locale, message.unsubscribe_url)
        if html:
            url = escape(message.unsubscribe_url, {'"': "&quot;"})
            line = f'<p><a href="{url}">{escape(LINE.get(message.locale, LINE["en"]))}</a></p>'
            end = html.rfind("</body>")
            html = html[:end] + line + html[end:] if end >= 0 else html + line
    return text, html


def header(name: str, value: str) -> bytes:
    """`Name: value` and its CRLF; a non-ASCII value in encoded words, a long one folded."""
    value = _BREAKS.sub(" ", value)
    if value.isascii() and len(name) + len(value) < 76:
        return f"{name}: {value}\r\n".encode()
    folded = _fold(name, value, "us-ascii" if value.isascii() else "utf-8")
    if any(len(line) > MAX_LINE - len(name) - 2 for line in folded.split("\r\n")):
        folded = _fold(name, value, "utf-8")  # ASCII with no space to fold at
    return f"{name}: {folded}\r\n".encode()


def _fold(name: str, value: str, charset: str) -> str:
    return Header(value, charset, header_name=name).encode(linesep="\r\n").lstrip()


def mailbox(name: str, address: str) -> str:
    """`name <address>` for an address header, the name quoted or encoded as it needs."""
    name = _BREAKS.sub(" ", name)
    if address.isascii():
        return formataddr((name, address), charset="utf-8").replace("\n", "\r\n")
    if not name:
        return address
    if name.isascii():
        shown = f'"{name.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
        shown = shown if _SPECIALS.search(name) else name
    else:
        shown = Header(name, "utf-8").encode(linesep="\r\n")
    return f"{shown} <{address}>"


def _address_header(name: str, display: str, address: str) -> bytes:
    return f"{name}: {mailbox(display, address)}\r\n".encode()


def _parameter(name: str, value: str) -> str:
    """`; name="value"`, or RFC 2231 (`name*=utf-8''…`, in numbered pieces when long) for a
    non-ASCII or long value."""
    value = _BREAKS.sub(" ", value)
    if value.isascii() and len(value) < _PARAMETER_CHUNK:
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'; {name}="{quoted}"'
    encoded = quote(value, safe="")
    if len(encoded) <= _PARAMETER_CHUNK:
        return f"; {name}*=utf-8''{encoded}"
    pieces, start = [], 0
    while start < len(encoded):
        end = min(start + _PARAMETER_CHUNK, len(encoded))
        # Never cut a %XX escape in two.
        cut = encoded.rfind("%", end - 2, end)
        if cut > start and end < len(encoded):
            end = cut
        pieces.append(encoded[start:end])
        start = end
    first = "utf-8''"
    return "".join(
        f";\r\n {name}*{i}*={first if i == 0 else ''}{piece}" for i, piece in enumerate(pieces)
    )


def _base64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", CRLF)


def _text_part(subtype: str, content: str, eight_bit: bool) -> bytes:
    data = CRLF.join(content.encode("utf-8").splitlines()) + CRLF
    short = all(len(line) <= MAX_LINE for line in data.split(CRLF)) and b"\x00" not in data
    if short and data.isascii():
        encoding, body = "7bit", data
    elif short and eight_bit:
        encoding, body = "8bit", data
    else:
        encoding, body = "base64", _base64(data)
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
    ).encode() + body


def _binary_part(
    content_type: str,
    data: bytes,
    *,
    disposition: str,
    filename: str = "",
    content_id: str = "",
    params: str = "",
) -> bytes:
    head = f"Content-Type: {content_type}{params}\r\nContent-Transfer-Encoding: base64\r\n"
    if content_id:
        head += f"Content-ID: {content_id}\r\n"
    head += f"Content-Disposition: {disposition}"
    if filename:
        head += _parameter("filename", filename)
    return (head + "\r\n\r\n").encode() + _base64(data)


def _multipart(subtype: str, parts: Iterable[bytes]) -> bytes:
    boundary = f"==clientflow-{uuid.uuid4().hex}"
    separator = f"--{boundary}\r\n".encode()
    # The CRLF before a boundary belongs to the boundary: a part's own last line break
    # stays its own.
    body = b"".join(separator + part + CRLF for part in parts)
    return (
        f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'.encode()
        + body
        + f"--{boundary}--\r\n".encode()
    )


def _attachment(attachment: Attachment) -> bytes:
    maintype, _, subtype = attachment.content_type.partition("/")
    content_type = f"{maintype or 'application'}/{subtype or 'octet-stream'}"
    # An invitation says it asks for an answer, so calendars offer accept / decline.
    params = '; method="REQUEST"' if content_type == "text/calendar" else ""
    return _binary_part(
        content_type,
        attachment.content,
        disposition="attachment",
        filename=attachment.filename,
        params=params,
    )


def write_message(
    message: OutboundMessage,
    *,
    sender: str,
    message_id: str,
    eight_bit: bool,
    logo: tuple[bytes, str] | None = None,
    logo_cid: str = "",
) -> bytes:
    """The message as the e-mail channel sends it; `logo` (bytes, image subtype) goes
    inside the HTML's multipart/related when the HTML shows `cid:{logo_cid}`."""
    text, html = bodies(message)
    body = _text_part("plain", text, eight_bit)
    if html:
        html_part = _text_part("html", html, eight_bit)
        if logo is not None and f"cid:{logo_cid}" in html:
            data, subtype = logo
            image = _binary_part(
                f"image/{subtype}", data, disposition="inline", content_id=f"<{logo_cid}>"
            )
            html_part = _multipart("related", (html_part, image))
        body = _multipart("alternative", (body, html_part))
    if message.attachments:
        body = _multipart("mixed", (body, *(_attachment(a) for a in message.attachments)))
    sender_name, sender_address = parseaddr(sender)
    head = [
        _address_header("From", sender_name, sender_address),
        _address_header("To", message.recipient_name, message.recipient),
        header("Subject", message.subject),
        header("Date", formatdate(localtime=False)),
        header("Message-ID", message_id),
        header("Content-Language", message.locale),
        header("X-Clientflow-Delivery", message.delivery_id),
    ]
    if message.unsubscribe_url:
        head.append(header("List-Unsubscribe", f"<{message.unsubscribe_url}>"))
        head.append(header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    head.append(b"MIME-Version: 1.0\r\n")
    return b"".join(head) + body
