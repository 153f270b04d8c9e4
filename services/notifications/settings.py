"""The notifications service's settings: channels, courtesy rules, retries."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator

from services.common.artifact_store import ArtifactStoreSettings
from services.common.config import (
    GrpcServiceSettings,
)
from services.notifications.policy import QuietHours


class NotificationsSettings(GrpcServiceSettings, ArtifactStoreSettings):
    """The notifications service: channels, courtesy rules and retries.

    A channel whose address setting is empty is not configured; sends fall back to the
    next channel the recipient has, or fail permanently naming the missing setting.
    """

    # e-mail over SMTP
    smtp_host: str | None = None
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "tls"] = "none"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_sender: str = "Clientflow <no-reply@clientflow.local>"
    smtp_message_id_domain: str = "clientflow.local"
    # The brand around every e-mail to a client (the same settings as the reports'): name,
    # a PNG or JPEG logo carried inside the message, colour, and the postal address in the
    # footer.
    firm_name: str = Field("Clientflow Wealth", min_length=1, max_length=100)
    firm_logo: Path | None = None
    brand_color: str = Field("#1f4e79", pattern=r"^#[0-9a-fA-F]{6}$")
    firm_address: str = Field("", max_length=300)
    # Attachments are read from the artifact store itself (CLIENTFLOW_ARTIFACTS_DIR / _URL,
    # as the reporting service writes it); off: through the reporting service.
    attachments_from_store: bool = True
    # Where a marketing e-mail's one-click unsubscribe link points: the console's
    # /unsubscribe (the token is appended).
    unsubscribe_url: str = Field("http://127.0.0.1:8080/unsubscribe", max_length=500)
    smtp_timeout_seconds: float = Field(10.0, gt=0, le=300)
    # SMTP connections kept open between messages (0: a new connection per message)
    smtp_pool_size: int = Field(8, ge=0, le=64)
    # EHLO name; empty = this host's fully qualified name
    smtp_local_hostname: str | None = None
    # A Mailpit-compatible API that says whether the mail server kept a message (by its
    # Message-ID): sends cut off by a crash are then settled without a person.
    smtp_lookup_url: str | None = None
    # HTTP providers (HMAC-signed JSON POSTs)
    sms_url: str | None = None
    sms_secret: SecretStr | None = None
    wecom_url: str | None = None
    wecom_secret: SecretStr | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    # Where each HTTP provider says whether it has a message ({key}: the Idempotency-Key).
    sms_lookup_url: str | None = None
    wecom_lookup_url: str | None = None
    webhook_lookup_url: str | None = None
    provider_timeout_seconds: float = Field(10.0, gt=0, le=300)
    # How long a send waits for the provider before answering with the delivery as it stands
    # (`sending`): the attempt goes on, the ledger has it, nobody waits on a stalled provider.
    send_wait_seconds: float = Field(3.0, gt=0, le=300)
    # The providers drop a repeated Idempotency-Key, so an interrupted send may be repeated.
    providers_dedupe_by_key: bool = True
    # courtesy: quiet hours in the client's time zone; caps per client per category
    quiet_hours: str = "21:00-08:00"
    marketing_cap: int = Field(3, ge=0)
    service_cap: int = Field(0, ge=0)
    cap_window_hours: int = Field(168, ge=1)
    # channel order after the client's preferred one
    channel_fallback: str = "email,sms,wecom"
    # retries of transient failures: exponential backoff with jitter
    retry_max_attempts: int = Field(6, ge=1, le=50)
    retry_base_seconds: float = Field(30.0, gt=0)
    retry_max_seconds: float = Field(3600.0, gt=0)
    # how often the dispatcher looks for due deferred and retrying deliveries
    dispatch_interval_seconds: float = Field(1.0, gt=0, le=60)

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        QuietHours.parse(value)
        return value
