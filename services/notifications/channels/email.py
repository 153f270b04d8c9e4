"""E-mail over SMTP (aiosmtplib): plain TCP, STARTTLS or implicit TLS, optional auth; and,
where the mail server has one, a lookup by Message-ID through Mailpit's HTTP API (which the
dev mail catcher speaks too) to settle a send cut off by a crash."""

from __future__ import annotations

import functools
import hashlib
import socket
from email.utils import parseaddr
from pathlib import Path
from typing import ClassVar, Literal

import aiosmtplib
import httpx
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
from services.notifications.channels.mime import write_message
from services.notifications.channels.smtp_pool import SmtpConnections


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
        wanted = message_id(message.idempotency_key, self.config.message_id_domain)
        try:
            connection = await self.connections.take()
            ok = False
            try:
                response = await self._send(connection.smtp, message, wanted)
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
        return ProviderReceipt(message_id=wanted, response=response)

    async def _send(self, smtp: aiosmtplib.SMTP, message: OutboundMessage, wanted: str) -> str:
        """EHLO, then the envelope with SMTPUTF8 and 8BITMIME as the server offers them, and
        the message as `mime.write_message` writes it for that server."""
        timeout = self.config.timeout_seconds
        if smtp.is_ehlo_or_helo_needed:
            try:
                await smtp.ehlo(timeout=timeout)
            except aiosmtplib.SMTPHeloError:
                await smtp.helo(timeout=timeout)
        sender = self.sender_address
        options = []
        if not (sender + message.recipient).isascii():
            if not smtp.supports_extension("smtputf8"):
                raise aiosmtplib.SMTPNotSupported("the server does not support SMTPUTF8")
            options.append("SMTPUTF8")
        eight_bit = smtp.supports_extension("8bitmime")
        if eight_bit:
            options.append("BODY=8BITMIME")
        logo = _logo(self.config.logo) if self.config.logo is not None else None
        data = write_message(
            message,
            sender=self.config.sender,
            message_id=wanted,
            eight_bit=eight_bit,
            logo=logo,
            logo_cid=LOGO_CID,
        )
        _refused, response = await smtp.sendmail(
            sender, [message.recipient], data, mail_options=options, timeout=timeout
        )
        return response

    async def close(self) -> None:
        await self.connections.close()
