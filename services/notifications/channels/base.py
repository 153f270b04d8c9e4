"""The channel plugin contract."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar, Generic, TypeVar

from pydantic import BaseModel


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class OutboundMessage:
    """What a channel sends: already rendered, addressed, and keyed."""

    delivery_id: str
    idempotency_key: str
    channel: str
    recipient: str
    recipient_name: str
    subject: str
    body_text: str
    body_html: str
    locale: str
    category: str
    client_id: str = ""
    workflow_id: str = ""
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    # Marketing e-mail: the one-click unsubscribe link (RFC 8058).
    unsubscribe_url: str = ""


@dataclass(frozen=True)
class ProviderReceipt:
    message_id: str
    response: str


@dataclass(frozen=True)
class Found:
    """What a provider's lookup said about a message it was given (or not)."""

    delivered: bool
    message_id: str = ""
    detail: str = ""


class TransientFailure(Exception):
    """Worth retrying later: timeouts, connection errors, 4xx SMTP replies, HTTP 429/5xx."""


class PermanentFailure(Exception):
    """Retrying will not help: a refused address, an HTTP 4xx, a channel not configured."""


ConfigT = TypeVar("ConfigT", bound=BaseModel)


class Channel(ABC, Generic[ConfigT]):
    """One way to reach a recipient. Subclasses set `name` and implement `send`."""

    name: ClassVar[str]

    def __init__(self, config: ConfigT) -> None:
        self.config = config

    @property
    def safe_to_repeat(self) -> bool:
        """True when the provider deduplicates by our idempotency key, so a send cut off by
        a crash may be repeated. SMTP has no such thing: an interrupted e-mail is "in
        doubt" and left for an operator rather than risk a second copy."""
        return False

    @property
    def can_look_up(self) -> bool:
        """True when the provider can be asked whether it has a message (see `lookup`)."""
        return False

    async def lookup(self, idempotency_key: str) -> Found | None:
        """Ask the provider whether it accepted the message sent under `idempotency_key`:
        how a send cut off by a crash is settled without a person. None: this provider
        cannot say. Raises TransientFailure when it could say but did not answer."""
        return None

    @abstractmethod
    async def send(self, message: OutboundMessage) -> ProviderReceipt:
        """Deliver or raise TransientFailure / PermanentFailure."""

    async def close(self) -> None:
        """Release connections."""
