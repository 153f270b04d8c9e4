"""/v1/me/mailbox: the signed-in person's own mailbox, synchronised over IMAP onto their
clients' timelines (the clients service's `mailboxes.py`). The password goes in, never out."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from services.common.protos import when
from services.gateway.deps import Services

router = APIRouter(prefix="/v1/me/mailbox", tags=["me"])
NONE: dict[int | str, dict[str, str]] = {404: {"description": "No mailbox connected"}}


class MailboxIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    host: str = Field(min_length=1, max_length=253)
    port: int = Field(993, ge=1, le=65535)
    security: Literal["tls", "starttls", "none"] = "tls"
    username: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=500)
    folder: str = Field("INBOX", min_length=1, max_length=200)


class MailboxOut(BaseModel):
    host: str
    port: int
    security: str
    username: str
    folder: str
    enabled: bool
    last_uid: int
    last_error: str
    last_synced_at: datetime | None
    excluded_addresses: list[str]


class ExclusionsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    addresses: list[Annotated[str, Field(min_length=3, max_length=254)]] = Field(max_length=500)


class SyncOut(BaseModel):
    fetched: int
    captured: int
    duplicates: int
    no_client: int
    error: str


def _out(m: clients_pb2.Mailbox) -> MailboxOut:
    return MailboxOut(
        host=m.host,
        port=m.port,
        security=m.security,
        username=m.username,
        folder=m.folder,
        enabled=m.enabled,
        last_uid=m.last_uid,
        last_error=m.last_error,
        last_synced_at=when(m, "last_synced_at"),
        excluded_addresses=list(m.excluded_addresses),
    )


@router.put("", response_model=MailboxOut)
async def connect(body: MailboxIn, services: Services) -> MailboxOut:
    """Connect (or change) your mailbox: its mail to and from your clients is captured onto
    their timelines, each message once; nothing is marked read."""
    return _out(await services.mailboxes.PutMailbox(clients_pb2.MailboxSpec(**body.model_dump())))


@router.get("", response_model=MailboxOut, responses=NONE)
async def mine(services: Services) -> MailboxOut:
    return _out(await services.mailboxes.GetMailbox(clients_pb2.GetMailboxRequest()))


@router.delete("", response_model=MailboxOut, responses=NONE)
async def disconnect(services: Services) -> MailboxOut:
    """Disconnect it; what was captured stays on the timelines."""
    return _out(await services.mailboxes.DeleteMailbox(clients_pb2.GetMailboxRequest()))


@router.put("/exclusions", response_model=MailboxOut, responses=NONE)
async def exclude(body: ExclusionsIn, services: Services) -> MailboxOut:
    """Correspondents (e-mail addresses) whose mail is not captured from your mailbox, e.g. a
    client's private address; the list replaces the one before."""
    return _out(
        await services.mailboxes.SetMailboxExclusions(
            clients_pb2.MailboxExclusions(addresses=body.addresses)
        )
    )


@router.post(":sync", response_model=SyncOut, responses=NONE)
async def sync_now(services: Services) -> SyncOut:
    """Fetch what is new now (the service also does so every minute)."""
    reply = await services.mailboxes.SyncMailbox(clients_pb2.GetMailboxRequest())
    return SyncOut(
        fetched=reply.fetched,
        captured=reply.captured,
        duplicates=reply.duplicates,
        no_client=reply.no_client,
        error=reply.error,
    )
