"""E-mail captured onto client timelines.

A message (from the dropbox staff BCC or forward to, `mail_dropbox.py`) is matched to clients
by the addresses in its From, To and Cc — a client's own address or one of their related
persons' — and logged once on each matched client's timeline as an `email` interaction:
inbound when a client (or their person) sent it, outbound otherwise; the summary is the
subject and the plain-text body (an HTML-only body is sanitised to text with `nh3`: no markup,
scripts or remote content kept). A message is captured once, keyed by its Message-ID (or its
content's SHA-256 when it has none), whichever way it arrives and however often; a reply
joins its thread (References / In-Reply-To). A message about no known client is dropped and
nothing of it is stored. Untrusted input: at most 10 MB, at most 100 addresses, the text cut
to the interaction's 5,000 characters.

Attachments are kept as each matched client's artifacts (`mail-attachment`) when they are what
the firm's files are (`mail_parts.py`); the interaction's summary lists what was kept and
what was not. A client's message that answers another is also a `mail.reply` event (its task
hears of it, the workflows service's `task_replies.py`), and a calendar's answer to an
invitation a `meeting.reply` (its process hears of it). Excluding a captured message is
`mail_exclusion.py`.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from sqlalchemy import DateTime, Index, String, Uuid, func, select
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, insert
from sqlalchemy.orm import Mapped, mapped_column

from services.clients import audit
from services.clients.mail_parts import (
    File,
    attachments_of,
    calendar_replies,
    text_of,
)
from services.clients.models import Base, Client, RelatedPerson
from services.clients.records import RecordService
from services.common.errors import InvalidArgument
from services.common.identity import Actor, Role
from services.common.uploads import store_upload

MAX_BYTES = 10 * 1024 * 1024
MAX_ADDRESSES = 100
MAX_PARENTS = 20
ATTACHMENT_KIND = "mail-attachment"
CAPTURE_ACTOR = Actor(user_id="system:mail-capture", roles=frozenset({Role.SERVICE}))


class CapturedMessage(Base):
    __tablename__ = "captured_messages"
    __table_args__ = (
        Index("ix_captured_messages_interactions", "interaction_ids", postgresql_using="gin"),
    )

    message_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    thread_key: Mapped[str] = mapped_column(String(300), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    via: Mapped[str] = mapped_column(String(32))
    client_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid()))
    interaction_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid()))
    captured_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # [{"client_id", "artifact_id", "filename", "content_type", "size_bytes"}]
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    excluded_by: Mapped[str | None] = mapped_column(String(64))


class _Duplicate(Exception):
    pass


@dataclass
class Captured:
    message_key: str
    status: str  # captured | duplicate | no_client
    client_ids: list[str] = field(default_factory=list)


def _key(raw_id: str | None, content: bytes) -> str:
    found = (raw_id or "").strip().strip("<>").lower()
    return found[:300] if found else "sha256:" + hashlib.sha256(content).hexdigest()


class MailCapture(RecordService):
    def __init__(self, session: Any, reporting: Any = None) -> None:
        super().__init__(session)
        self.reporting = reporting  # where attachments are kept; None: listed, not kept

    async def capture(
        self, content: bytes, *, via: str, exclude: frozenset[str] = frozenset()
    ) -> Captured:
        if len(content) > MAX_BYTES:
            raise InvalidArgument(
                "message", f"{len(content)} bytes", f"must be at most {MAX_BYTES}"
            )
        message = BytesParser(policy=policy.default).parsebytes(content)
        assert isinstance(message, EmailMessage)
        key = _key(message.get("Message-ID"), content)
        if await self.session.get(CapturedMessage, key) is not None:
            return Captured(key, "duplicate")
        senders = {a.lower() for _, a in getaddresses(message.get_all("From", [])) if a}
        addresses = senders | {
            a.lower()
            for _, a in getaddresses(message.get_all("To", []) + message.get_all("Cc", []))
            if a
        }
        addresses = set(sorted(addresses - exclude)[:MAX_ADDRESSES])
        by_address = await self._clients_by_address(addresses)
        if not by_address:
            return Captured(key, "no_client")
        subject = str(message.get("Subject", ""))[:300]
        body = " ".join(text_of(message).split())
        files, refused = attachments_of(message)
        answers = calendar_replies(message)
        if answers:
            body = f"[meeting reply] {', '.join(a.partstat.lower() for a in answers)}\n{body}"
        if self.reporting is None:
            refused += [f"{f.name} (not kept here)" for f in files]
            files = []
        if files:
            body = f"[attachments] {', '.join(f.name for f in files)}\n{body}"
        if refused:
            body = f"[not kept] {', '.join(refused)}\n{body}"
        try:
            when = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
        except (TypeError, ValueError):
            when = None
        if when is None or when.tzinfo is None:
            when = datetime.now(UTC)
        references = (str(message.get("References", "")).split() or [""])[0]
        parent = references or str(message.get("In-Reply-To", ""))
        thread = _key(parent, b"") if parent.strip() else key
        # What this answers, the nearest first: a reply to a task's e-mail reaches the task.
        replied = (
            str(message.get("In-Reply-To", "")).split()
            + str(message.get("References", "")).split()[::-1]
        )[:MAX_PARENTS]
        clients: dict[uuid.UUID, str] = {}
        for address, client_ids in by_address.items():
            for client_id in client_ids:
                direction = "inbound" if address in senders else "outbound"
                if clients.get(client_id) != "inbound":
                    clients[client_id] = direction
        stored = [
            await self._keep(client_id, file) for client_id in sorted(clients) for file in files
        ]

        def events(client_id: uuid.UUID) -> list[tuple[str, dict[str, Any]]]:
            found: list[tuple[str, dict[str, Any]]] = [
                ("meeting", {"uid": a.uid, "partstat": a.partstat}) for a in answers
            ]
            if replied:
                own = [
                    {"artifact_id": a["artifact_id"], "filename": a["filename"]}
                    for a in stored
                    if a["client_id"] == str(client_id)
                ]
                reply: dict[str, Any] = {
                    "in_reply_to": [r.strip("<>") for r in replied],
                    "subject": subject,
                    "excerpt": body[:500],
                    "attachments": own,
                }
                found.insert(0, ("mail", reply))
            return found

        try:
            async with self.session.begin_nested():
                logged = await self._log(key, thread, subject, via, body, when, clients, stored)
                await self._announce(logged, clients, events)
        except _Duplicate:  # the same message captured concurrently: theirs stands
            return Captured(key, "duplicate")
        return Captured(key, "captured", [str(c) for c in sorted(clients)])

    async def _announce(
        self,
        logged: dict[uuid.UUID, uuid.UUID],
        clients: dict[uuid.UUID, str],
        events: Callable[[uuid.UUID], list[tuple[str, dict[str, Any]]]],
    ) -> None:
        """What a client's message answers, audited on each client that sent it (entity,
        changes): the outbox makes them `mail.reply` (the task it was about hears of it) and
        `meeting.reply` (the process an invitation named)."""
        for client_id, direction in sorted(clients.items()):
            if direction != "inbound":
                continue
            found = events(client_id)
            if not found:
                continue
            client = await self.get(CAPTURE_ACTOR, str(client_id))
            for entity, changes in found:
                self._audit(
                    CAPTURE_ACTOR,
                    client,
                    entity,
                    logged[client_id],
                    "reply",
                    audit.diff({}, changes),
                )

    async def _keep(self, client_id: uuid.UUID, file: File) -> dict[str, Any]:
        kept = await store_upload(
            self.reporting,
            kind=ATTACHMENT_KIND,
            client_id=str(client_id),
            workflow_id="",
            filename=file.name,
            content=file.content,
        )
        return {
            "client_id": str(client_id),
            "artifact_id": kept.artifact_id,
            "filename": kept.filename,
            "content_type": kept.content_type,
            "size_bytes": kept.size_bytes,
        }

    async def capture_chat(
        self, external_id: str, message_id: str, kind: str, text: str, sent_at: datetime
    ) -> Captured:
        """A WeCom message from an external contact: matched by the client's wecom_id and
        logged once (by its id) as an inbound `wechat` interaction."""
        if not external_id or len(external_id) > 64 or not message_id or len(message_id) > 200:
            raise InvalidArgument("external_id", external_id[:40], "and message_id are required")
        key = f"wecom:{message_id}"
        if await self.session.get(CapturedMessage, key) is not None:
            return Captured(key, "duplicate")
        found = list(
            await self.session.scalars(
                select(Client.id).where(Client.wecom_id == external_id, Client.status != "archived")
            )
        )
        if not found:
            return Captured(key, "no_client")
        summary = text if kind == "text" else f"[{kind}] {text}".strip()
        try:
            async with self.session.begin_nested():
                await self._log(
                    key,
                    key,
                    "",
                    "wecom",
                    " ".join(summary.split()),
                    sent_at,
                    dict.fromkeys(found, "inbound"),
                    channel="wechat",
                )
        except _Duplicate:
            return Captured(key, "duplicate")
        return Captured(key, "captured", [str(c) for c in sorted(found)])

    async def _log(
        self,
        key: str,
        thread: str,
        subject: str,
        via: str,
        body: str,
        when: datetime,
        clients: dict[uuid.UUID, str],
        attachments: list[dict[str, Any]] | None = None,
        *,
        channel: str = "email",
    ) -> dict[uuid.UUID, uuid.UUID]:
        """Each client's interaction, once per message (_Duplicate when it was there)."""
        interactions = []
        for client_id, direction in sorted(clients.items()):
            interaction = await self.record_interaction(
                CAPTURE_ACTOR,
                str(client_id),
                {
                    "channel": channel,
                    "direction": direction,
                    "summary": (f"{subject}\n{body}" if subject else body)[:5000],
                    "occurred_at": when,
                    "by_user": f"mail:{via}"[:64],
                },
            )
            interactions.append(interaction.id)
        inserted = await self.session.execute(
            insert(CapturedMessage)
            .values(
                message_key=key,
                thread_key=thread,
                subject=subject,
                via=via[:32],
                client_ids=sorted(clients),
                interaction_ids=interactions,
                captured_at=datetime.now(UTC),
                attachments=attachments or [],
            )
            .on_conflict_do_nothing(index_elements=["message_key"])
            .returning(CapturedMessage.message_key)
        )
        if inserted.scalar_one_or_none() is None:
            raise _Duplicate
        return dict(zip(sorted(clients), interactions, strict=True))

    async def _clients_by_address(self, addresses: set[str]) -> dict[str, set[uuid.UUID]]:
        found: dict[str, set[uuid.UUID]] = {}
        if not addresses:
            return found
        for address, client_id in await self.session.execute(
            select(func.lower(Client.email), Client.id).where(
                func.lower(Client.email).in_(addresses), Client.status != "archived"
            )
        ):
            found.setdefault(address, set()).add(client_id)
        for address, client_id in await self.session.execute(
            select(func.lower(RelatedPerson.email), RelatedPerson.client_id).where(
                func.lower(RelatedPerson.email).in_(addresses)
            )
        ):
            found.setdefault(address, set()).add(client_id)
        return found
