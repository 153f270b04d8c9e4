"""Delivery channels as plugins: a small base class, a typed config per channel.

email (SMTP via aiosmtplib), sms / wecom / webhook (signed HTTP providers). The in-app
inbox is not a plugin: it is written in the same transaction that records the delivery.
"""

from services.notifications.channels.base import (
    Attachment,
    Channel,
    OutboundMessage,
    PermanentFailure,
    ProviderReceipt,
    TransientFailure,
)

__all__ = [
    "Attachment",
    "Channel",
    "OutboundMessage",
    "PermanentFailure",
    "ProviderReceipt",
    "TransientFailure",
]
