"""One-time sign-in to the client portal. A client asks with the e-mail or phone on their
record; the service issues a 6-digit code and a link token (only their SHA-256 is stored),
valid `TTL` and once; a wrong code counts against the sign-in, which dies after
`MAX_ATTEMPTS`; an address gets at most `PER_HOUR` sign-ins an hour. Only the gateway (the
service role) calls it, and it answers the same whether or not an address is known."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, Index, SmallInteger, String, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from services.clients.models import Base, Client
from services.common.errors import InvalidArgument, PermissionDenied, Unauthenticated
from services.common.identity import Actor, Role


class PortalSignIn(Base):
    """A one-time sign-in to the client portal: a code and a link (stored as hashes),
    short-lived, single use, a few wrong codes at most."""

    __tablename__ = "portal_sign_ins"
    __table_args__ = (Index("ix_portal_sign_ins_address", "address", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID]
    address: Mapped[str] = mapped_column(String(254))
    code_hash: Mapped[str] = mapped_column(String(64))
    link_hash: Mapped[str] = mapped_column(String(64), unique=True)
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


TTL = timedelta(minutes=15)
MAX_ATTEMPTS = 5
PER_HOUR = 5
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,30}$")


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def normalise(address: str) -> tuple[str, str]:
    """(the address as stored for lookups, its channel), or INVALID_ARGUMENT."""
    text = address.strip()
    if _EMAIL.match(text):
        return text.lower(), "email"
    if _PHONE.match(text):
        return re.sub(r"[ \-]", "", text), "sms"
    raise InvalidArgument("address", address[:80], "must be an e-mail address or a phone number")


@dataclass(frozen=True)
class Issued:
    client_id: str = ""
    sign_in_id: str = ""
    code: str = ""
    link_token: str = ""
    expires_at: datetime | None = None
    channel: str = ""
    refused: str = ""


def _require_gateway(actor: Actor) -> None:
    if not actor.has(Role.SERVICE):
        raise PermissionDenied("portal sign-ins are issued to the gateway only")


class PortalSignIns:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def start(self, actor: Actor, address: str) -> Issued:
        _require_gateway(actor)
        key, channel = normalise(address)
        column = func.lower(Client.email) if channel == "email" else Client.phone
        matches = list(
            (
                await self.session.execute(
                    select(Client.id).where(column == key, Client.status == "active").limit(2)
                )
            ).scalars()
        )
        if not matches:
            return Issued(refused="unknown")
        if len(matches) > 1:
            return Issued(refused="ambiguous")  # a shared address signs nobody in
        now = datetime.now(UTC)
        recent = await self.session.scalar(
            select(func.count())
            .select_from(PortalSignIn)
            .where(PortalSignIn.address == key, PortalSignIn.created_at > now - timedelta(hours=1))
        )
        if (recent or 0) >= PER_HOUR:
            return Issued(refused="throttled")
        sign_in_id = uuid.uuid4()
        code = f"{secrets.randbelow(1_000_000):06d}"
        link = secrets.token_urlsafe(32)
        row = PortalSignIn(
            id=sign_in_id,
            client_id=matches[0],
            address=key,
            code_hash=_digest(f"{sign_in_id}:{code}"),
            link_hash=_digest(link),
            attempts=0,
            expires_at=now + TTL,
            created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return Issued(
            client_id=str(matches[0]),
            sign_in_id=str(sign_in_id),
            code=code,
            link_token=link,
            expires_at=row.expires_at,
            channel=channel,
        )

    async def redeem(self, actor: Actor, *, link_token: str, address: str, code: str) -> Client:
        """The client signed in; the sign-in is used up. UNAUTHENTICATED otherwise, saying
        no more than that."""
        _require_gateway(actor)
        refused = Unauthenticated("the sign-in link or code is not valid (or has expired)")
        now = datetime.now(UTC)
        if link_token:
            if len(link_token) > 200:
                raise refused
            used = await self.session.execute(
                update(PortalSignIn)
                .where(
                    PortalSignIn.link_hash == _digest(link_token),
                    PortalSignIn.used_at.is_(None),
                    PortalSignIn.expires_at > now,
                    PortalSignIn.attempts < MAX_ATTEMPTS,
                )
                .values(used_at=now)
                .returning(PortalSignIn.client_id)
            )
            client_id = used.scalar_one_or_none()
        else:
            if not re.fullmatch(r"[0-9]{6}", code or ""):
                raise InvalidArgument("code", code[:10] if code else None, "must be six digits")
            key, _channel = normalise(address)
            row = (
                await self.session.execute(
                    select(PortalSignIn)
                    .where(
                        PortalSignIn.address == key,
                        PortalSignIn.used_at.is_(None),
                        PortalSignIn.expires_at > now,
                        PortalSignIn.attempts < MAX_ATTEMPTS,
                    )
                    .order_by(PortalSignIn.created_at.desc())
                    .limit(1)
                    .with_for_update()
                )
            ).scalar_one_or_none()
            if row is None:
                raise refused
            if not hmac.compare_digest(row.code_hash, _digest(f"{row.id}:{code}")):
                row.attempts += 1
                await self.session.flush()
                await self.session.commit()  # the wrong guess counts even though we refuse
                raise refused
            row.used_at = now
            client_id = row.client_id
        if client_id is None:
            raise refused
        client = await self.session.get(Client, client_id)
        if client is None or client.status != "active":
            raise refused
        await self.session.flush()
        return client
