"""Mailboxes people connect: each person's own (one), synchronised over IMAP (`imap-tools`, in
a thread) onto their clients' timelines through the same capture as the dropbox.

A sync fetches the messages after the last UID it saw (all again when the folder's
UIDVALIDITY changed: the capture keeps each Message-ID once), at most `BATCH` a turn, skipping
any over the capture's size limit by its RFC822.SIZE, and never marks anything read. The
password is sealed at rest and never returned. Only ports in `mail_imap_ports` may be named:
the service must not be made to probe other services of the firm's network. A mailbox that
fails (wrong password, server away) keeps the error for its owner to read and is tried again
on the next turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from imap_tools import AND, MailBox, MailBoxStartTls, MailBoxUnencrypted, U
from sqlalchemy import BigInteger, Boolean, DateTime, Integer, String, Text, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from services.clients import validation as v
from services.clients.mail_capture import MAX_BYTES, MailCapture
from services.clients.models import Base
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor
from services.common.sealing import SecretBox

log = logging.getLogger(__name__)
BATCH = 200
MAX_EXCLUDED = 500
SECURITY = ("tls", "starttls", "none")


class Mailbox(Base):
    __tablename__ = "mailboxes"

    owner_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    host: Mapped[str] = mapped_column(String(253))
    port: Mapped[int] = mapped_column(Integer)
    security: Mapped[str] = mapped_column(String(8))
    username: Mapped[str] = mapped_column(String(254))
    password: Mapped[str] = mapped_column(Text)
    folder: Mapped[str] = mapped_column(String(200))
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger)
    enabled: Mapped[bool] = mapped_column(Boolean)
    last_error: Mapped[str] = mapped_column(String(500))
    last_synced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    excluded_addresses: Mapped[list[str]] = mapped_column(
        ARRAY(String(254)), server_default="{}", default=list
    )


@dataclass
class SyncResult:
    fetched: int = 0
    captured: int = 0
    duplicates: int = 0
    no_client: int = 0
    error: str = ""


def mailbox_box(material: str) -> SecretBox:
    return SecretBox(material, b"clientflow mailbox passwords")


def _staff(actor: Actor) -> None:
    if actor.is_client or not actor.roles:
        raise PermissionDenied("mailboxes are connected by staff, each their own")


class Mailboxes:
    def __init__(self, session: AsyncSession, box: SecretBox, ports: frozenset[int]) -> None:
        self.session, self.box, self.ports = session, box, ports

    async def put(self, actor: Actor, raw: dict[str, Any]) -> Mailbox:
        _staff(actor)
        host = v.text("host", raw.get("host"), max_length=253, required=True) or ""
        port = int(raw.get("port") or 993)
        if port not in self.ports:
            allowed = ", ".join(str(p) for p in sorted(self.ports))
            raise InvalidArgument("port", port, f"must be one of {allowed}")
        security = v.choice("security", raw.get("security") or "tls", SECURITY, required=True)
        username = v.text("username", raw.get("username"), max_length=254, required=True) or ""
        password = str(raw.get("password") or "")
        if not password or len(password) > 500:
            raise InvalidArgument("password", "(hidden)", "must be 1-500 characters")
        folder = v.text("folder", raw.get("folder"), max_length=200) or "INBOX"
        mailbox = await self.session.get(Mailbox, actor.user_id, with_for_update=True)
        now = datetime.now(UTC)
        if mailbox is None:
            mailbox = Mailbox(owner_id=actor.user_id, last_uid=0, uidvalidity=None)
            self.session.add(mailbox)
        elif (mailbox.host, mailbox.username, mailbox.folder) != (host, username, folder):
            mailbox.last_uid, mailbox.uidvalidity = 0, None  # another mailbox: from the start
        mailbox.host, mailbox.port, mailbox.security = host, port, security or "tls"
        mailbox.username, mailbox.folder = username, folder
        mailbox.password = self.box.seal(password)
        mailbox.enabled, mailbox.last_error, mailbox.updated_at = True, "", now
        await self.session.flush()
        return mailbox

    async def get(self, actor: Actor) -> Mailbox:
        _staff(actor)
        mailbox = await self.session.get(Mailbox, actor.user_id)
        if mailbox is None:
            raise NotFound(f"{actor.user_id} has connected no mailbox", field="owner_id")
        return mailbox

    async def exclude(self, actor: Actor, addresses: list[str]) -> Mailbox:
        """Correspondents whose mail is not captured from this mailbox (what was captured
        before stays)."""
        mailbox = await self.get(actor)
        if len(addresses) > MAX_EXCLUDED:
            raise InvalidArgument("addresses", len(addresses), f"at most {MAX_EXCLUDED}")
        cleaned = sorted(
            {v.email(f"addresses[{i}]", a) or "" for i, a in enumerate(addresses)} - {""}
        )
        mailbox.excluded_addresses, mailbox.updated_at = cleaned, datetime.now(UTC)
        await self.session.flush()
        return mailbox

    async def delete(self, actor: Actor) -> Mailbox:
        mailbox = await self.get(actor)
        await self.session.delete(mailbox)
        await self.session.flush()
        return mailbox


def _fetch(
    mailbox: Mailbox, password: str, after: int, validity: int | None
) -> tuple[int, list[tuple[int, bytes]]]:
    """(UIDVALIDITY, [(uid, message)]) after `after` (from the start when the validity
    changed); blocking: run in a thread."""
    kind = {"tls": MailBox, "starttls": MailBoxStartTls, "none": MailBoxUnencrypted}
    client = kind[mailbox.security](mailbox.host, mailbox.port, timeout=30)
    with client.login(mailbox.username, password, initial_folder=mailbox.folder) as box:
        current = int(box.folder.status(mailbox.folder)["UIDVALIDITY"])
        start = after + 1 if validity == current else 1
        found = []
        for message in box.fetch(
            AND(uid=U(str(start), "*")), mark_seen=False, limit=BATCH, headers_only=False
        ):
            uid = int(message.uid or 0)
            if uid < start:  # "n:*" matches the last message even when it is older
                continue
            raw = message.obj.as_bytes()
            if len(raw) <= MAX_BYTES:
                found.append((uid, raw))
        return current, found


async def sync(
    session: AsyncSession, box: SecretBox, mailbox: Mailbox, reporting: Any = None
) -> SyncResult:
    """Fetch and capture what is new in one mailbox; the mailbox row is updated."""
    result = SyncResult()
    try:
        validity, messages = await asyncio.to_thread(
            _fetch, mailbox, box.open(mailbox.password), mailbox.last_uid, mailbox.uidvalidity
        )
    except Exception as error:  # the server's, the network's or the login's: kept, retried
        result.error = f"{type(error).__name__}: {error}"[:500]
        mailbox.last_error = result.error
        return result
    capture = MailCapture(session, reporting)
    last = mailbox.last_uid if validity == mailbox.uidvalidity else 0
    for uid, raw in messages:
        result.fetched += 1
        try:
            captured = await capture.capture(
                raw, via="imap", exclude=frozenset(mailbox.excluded_addresses)
            )
        except InvalidArgument:
            captured = None
        status = captured.status if captured else "no_client"
        if status == "captured":
            result.captured += 1
        elif status == "duplicate":
            result.duplicates += 1
        else:
            result.no_client += 1
        last = max(last, uid)
    mailbox.uidvalidity, mailbox.last_uid = validity, last
    mailbox.last_error, mailbox.last_synced_at = "", datetime.now(UTC)
    return result


class MailboxSync:
    """Every `interval` seconds, each enabled mailbox in turn (a background loop of the
    clients service)."""

    def __init__(
        self, engine: AsyncEngine, box: SecretBox, interval: float, reporting: Any = None
    ) -> None:
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.box, self.interval, self.reporting = box, interval, reporting
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="mailbox-sync")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                async with self.sessions() as session:
                    owners = list(
                        await session.scalars(select(Mailbox.owner_id).where(Mailbox.enabled))
                    )
                for owner in owners:
                    async with self.sessions() as session, session.begin():
                        mailbox = await session.get(Mailbox, owner, with_for_update=True)
                        if mailbox is not None and mailbox.enabled:
                            await sync(session, self.box, mailbox, self.reporting)
            except Exception:
                log.exception("mailbox sync failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self.interval)
