"""E-mail over SMTP (aiosmtplib): plain TCP, STARTTLS or implicit TLS, optional auth; and,
where the mail server has one, a lookup by Message-ID through Mailpit's HTTP API (which the
dev mail catcher speaks too) to settle a send cut off by a crash."""

from __future__ import annotations

import base64
import functools
import hashlib
import socket
import uuid
from email.message import EmailMessage
from email.utils import formataddr, formatdate, parseaddr
from pathlib import Path
from typing import ClassVar, Literal
from xml.sax.saxutils import escape

import aiosmtplib
import httpx
from aiosmtplib.email import flatten_message
from pydantic import BaseModel, Field, SecretStr

from services.notifications.branding import LOGO_CID
from services.notifications.channels.base import (
    Channel,
    Found,
    OutboundMessage,
    PermanentFailure,
    ProviderReceipt,
    TransientFailure,
)
from services.notifications.channels.smtp_pool import SmtpConnections
from services.notifications.unsubscribe import LINE, footer


class SmtpConfig(BaseModel):
    host: str
    port: int = 25
    security: Literal["none", "starttls", "tls"] = "none"
    username: str | None = None
    password: SecretStr | None = None
    sender: str = "Clientflow <no-reply@clientflow.local>"
    message_id_domain: str = "clientflow.local"
    timeout_seconds: float = 10.0
    # The EHLO name; None = this host's FQDN, looked up once (aiosmtplib would otherwise
    # resolve it on every connection, blocking the event loop).
    local_hostname: str | None = None
    # The firm's logo, sent inside a message whose HTML shows `cid:firm-logo`.
    logo: Path | None = None
    # Base URL of a Mailpit-compatible API (GET /api/v1/search?query=message-id:…) that can
    # say whether the server kept a message; None: SMTP alone cannot say.
    lookup_url: str | None = None
    # Connections kept open between messages (`smtp_pool.py`): at most `pool_size` idle
    # (0: a new connection per message), each closed after `pool_idle_seconds` unused or
    # `messages_per_connection` messages.
    pool_size: int = Field(default=8, ge=0, le=64)
    pool_idle_seconds: float = Field(default=30.0, gt=0, le=300)
    messages_per_connection: int = Field(default=100, ge=1, le=10_000)


def message_id(idempotency_key: str, domain: str) -> str:
    """The same key always yields the same Message-ID, so a receiving system can drop a
    copy an operator re-sent after an in-doubt crash."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
    return f"<{digest}@{domain}>"


@functools.cache
def _logo(path: Path) -> tuple[bytes, str]:
    """The logo's bytes and image subtype, read once (a PNG or JPEG by its content)."""
    data = path.read_bytes()
    return data, "png" if data.startswith(b"\x89PNG") else "jpeg"


def build_email(
    message: OutboundMessage, config: SmtpConfig, spliced: dict[bytes, bytes] | None = None
) -> EmailMessage:
    """The message; with `spliced`, each attachment's content is a placeholder, and
    `spliced` maps the placeholder's base64 line to the content (see `flatten`)."""
    email = EmailMessage()
    email["From"] = config.sender
    email["To"] = formataddr((message.recipient_name, message.recipient))
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = message_id(message.idempotency_key, config.message_id_domain)
    email["Content-Language"] = message.locale
    email["X-Clientflow-Delivery"] = message.delivery_id
    text, html = message.body_text or message.subject, message.body_html
    if message.unsubscribe_url:
        email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        text += footer(message.locale, message.unsubscribe_url)
        if html:
            url = escape(message.unsubscribe_url, {'"': "&quot;"})
            line = f'<p><a href="{url}">{escape(LINE.get(message.locale, LINE["en"]))}</a></p>'
            end = html.rfind("</body>")
            html = html[:end] + line + html[end:] if end >= 0 else html + line
    email.set_content(text)
    if html:
        email.add_alternative(html, subtype="html")
        if config.logo is not None and f"cid:{LOGO_CID}" in html:
            data, subtype = _logo(config.logo)
            part = email.get_body(("html",))
            assert part is not None
            part.add_related(data, "image", subtype, cid=f"<{LOGO_CID}>")
    for attachment in message.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        # An invitation says it asks for an answer, so calendars offer accept / decline.
        params = {"method": "REQUEST"} if attachment.content_type == "text/calendar" else {}
        content = attachment.content
        if spliced is not None:
            content = f"clientflow-attachment-{uuid.uuid4().hex}".encode()
            spliced[base64.b64encode(content)] = attachment.content
        email.add_attachment(
            content,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
            params=params,
        )
    return email


def flatten(
    email: EmailMessage, spliced: dict[bytes, bytes], *, utf8: bool, cte_type: str
) -> bytes:
    """The message as sent, its attachments' base64 put in place of their placeholders.

    The `email` package writes a base64 body a line at a time in Python: two thirds of
    building a message with a 100 kB report. Encoded in one call and spliced in, the bytes
    are the same. A placeholder is a random token's one base64 line, found exactly once."""
    data = flatten_message(email, utf8=utf8, cte_type=cte_type)
    for line, content in spliced.items():
        placeholder = line + b"\r\n"
        if data.count(placeholder) != 1:
            raise ValueError("an attachment's placeholder is not in the message once")
        data = data.replace(placeholder, base64.encodebytes(content).replace(b"\n", b"\r\n"))
    return data


class EmailChannel(Channel[SmtpConfig]):
    name: ClassVar[str] = "email"

    def __init__(self, config: SmtpConfig) -> None:
        super().__init__(config)
        self.local_hostname = config.local_hostname or socket.getfqdn()
        self.sender_address = parseaddr(config.sender)[1]
        self.connections = SmtpConnections(
            self._connect,
            timeout=config.timeout_seconds,
            size=config.pool_size,
            idle_seconds=config.pool_idle_seconds,
            max_messages=config.messages_per_connection,
        )

    async def _connect(self) -> aiosmtplib.SMTP:
        """A new connection, greeted, with STARTTLS or TLS and AUTH as configured."""
        config = self.config
        smtp = aiosmtplib.SMTP(
            hostname=config.host,
            port=config.port,
            use_tls=config.security == "tls",
            start_tls=config.security == "starttls",
            timeout=config.timeout_seconds,
            local_hostname=self.local_hostname,
        )
        try:
            await smtp.connect()
            if config.username:
                password = config.password.get_secret_value() if config.password else ""
                await smtp.login(config.username, password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    @property
    def can_look_up(self) -> bool:
        return self.config.lookup_url is not None

    async def lookup(self, idempotency_key: str) -> Found | None:
        """Whether the server kept the message with this key's Message-ID."""
        if self.config.lookup_url is None:
            return None
        wanted = message_id(idempotency_key, self.config.message_id_domain)
        bare = wanted.strip("<>")
        try:
            async with httpx.AsyncClient(timeout=self.config.timeout_seconds) as http:
                response = await http.get(
                    f"{self.config.lookup_url.rstrip('/')}/api/v1/search",
                    params={"query": f'message-id:"{bare}"', "limit": "5"},
                )
            response.raise_for_status()
            messages = response.json().get("messages") or []
        except (httpx.HTTPError, ValueError, AttributeError) as error:
            raise TransientFailure(f"mail lookup: {error.__class__.__name__}: {error}") from None
        kept = any(str(m.get("MessageID", "")).strip("<>") == bare for m in messages)
        return Found(kept, wanted if kept else "", "by Message-ID from the mail server's API")

    async def send(self, message: OutboundMessage) -> ProviderReceipt:
        config = self.config
        spliced: dict[bytes, bytes] = {}
        email = build_email(message, config, spliced)
        try:
            connection = await self.connections.take()
            ok = False
            try:
                response = await self._send(connection.smtp, email, message, spliced)
                ok = True
            finally:
                await self.connections.give_back(connection, ok=ok)
        except aiosmtplib.SMTPRecipientsRefused as error:
            codes = [refusal.code for refusal in error.recipients]
            text = "; ".join(f"{r.code} {r.message}" for r in error.recipients)
            if all(code >= 500 for code in codes):
                raise PermanentFailure(f"recipient refused: {text}") from None
            raise TransientFailure(f"recipient deferred: {text}") from None
        except aiosmtplib.SMTPResponseException as error:
            detail = f"{error.code} {error.message}"
            if error.code >= 500:
                raise PermanentFailure(detail) from None
            raise TransientFailure(detail) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            raise TransientFailure(f"{error.__class__.__name__}: {error}") from None
        return ProviderReceipt(message_id=str(email["Message-ID"]), response=response)

    async def _send(
        self,
        smtp: aiosmtplib.SMTP,
        email: EmailMessage,
        message: OutboundMessage,
        spliced: dict[bytes, bytes],
    ) -> str:
        """What `SMTP.send_message` does (EHLO, SMTPUTF8 and 8BITMIME as the server offers
        them), with the message flattened by `flatten`."""
        timeout = self.config.timeout_seconds
        if not spliced:
            _refused, response = await smtp.send_message(email, timeout=timeout)
            return response
        if smtp.is_ehlo_or_helo_needed:
            try:
                await smtp.ehlo(timeout=timeout)
            except aiosmtplib.SMTPHeloError:
                await smtp.helo(timeout=timeout)
        sender = self.sender_address
        options = []
        utf8 = not (sender + message.recipient).isascii()
        if utf8:
            if not smtp.supports_extension("smtputf8"):
                raise aiosmtplib.SMTPNotSupported("the server does not support SMTPUTF8")
            options.append("SMTPUTF8")
        eight_bit = smtp.supports_extension("8bitmime")
        if eight_bit:
            options.append("BODY=8BITMIME")
        try:
            data = flatten(email, spliced, utf8=utf8, cte_type="8bit" if eight_bit else "7bit")
        except ValueError:  # not expected: then the message as the email package writes it
            whole = build_email(message, self.config)
            _refused, response = await smtp.send_message(whole, timeout=timeout)
            return response
        _refused, response = await smtp.sendmail(
            sender, [message.recipient], data, mail_options=options, timeout=timeout
        )
        return response

    async def close(self) -> None:
        await self.connections.close()
