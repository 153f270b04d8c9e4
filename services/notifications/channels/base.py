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


@dataclass(frozen=True)
class ProviderReceipt:
    message_id: str
    response: str


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

    @abstractmethod
    async def send(self, message: OutboundMessage) -> ProviderReceipt:
        """Deliver or raise TransientFailure / PermanentFailure."""

    async def close(self) -> None:
        """Release connections."""
