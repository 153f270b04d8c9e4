"""The configured channels, built from settings into each plugin's typed config."""

from __future__ import annotations

from services.notifications.channels.base import Channel
from services.notifications.channels.email import EmailChannel, SmtpConfig
from services.notifications.channels.http import (
    HttpProviderChannel,
    HttpProviderConfig,
    SmsChannel,
    WebhookChannel,
    WeComChannel,
)
from services.notifications.settings import NotificationsSettings

# The setting that configures each external channel, for error messages.
SETTING_OF = {
    "email": "CLIENTFLOW_SMTP_HOST",
    "sms": "CLIENTFLOW_SMS_URL",
    "wecom": "CLIENTFLOW_WECOM_URL",
    "webhook": "CLIENTFLOW_WEBHOOK_URL",
}


def build_channels(settings: NotificationsSettings) -> dict[str, Channel]:  # type: ignore[type-arg]
    """name -> channel, for the channels whose settings are present."""
    channels: dict[str, Channel] = {}  # type: ignore[type-arg]
    if settings.smtp_host:
        channels["email"] = EmailChannel(
            SmtpConfig(
                host=settings.smtp_host,
                port=settings.smtp_port,
                security=settings.smtp_security,
                username=settings.smtp_username,
                password=settings.smtp_password,
                sender=settings.smtp_sender,
                message_id_domain=settings.smtp_message_id_domain,
                timeout_seconds=settings.smtp_timeout_seconds,
                pool_size=settings.smtp_pool_size,
                local_hostname=settings.smtp_local_hostname or None,
                lookup_url=settings.smtp_lookup_url or None,
                logo=settings.firm_logo,
            )
        )
    http: list[tuple[type[HttpProviderChannel], str | None, object, str | None]] = [
        (SmsChannel, settings.sms_url, settings.sms_secret, settings.sms_lookup_url),
        (WeComChannel, settings.wecom_url, settings.wecom_secret, settings.wecom_lookup_url),
        (
            WebhookChannel,
            settings.webhook_url,
            settings.webhook_secret,
            settings.webhook_lookup_url,
        ),
    ]
    for cls, url, secret, lookup_url in http:
        if url:
            if secret is None:
                raise ValueError(f"{SETTING_OF[cls.name]} is set but its _SECRET is not")
            channels[cls.name] = cls(
                HttpProviderConfig(
                    url=url,
                    secret=secret,
                    timeout_seconds=settings.provider_timeout_seconds,
                    dedupes_by_key=settings.providers_dedupe_by_key,
                    lookup_url=lookup_url or None,
                )
            )
    return channels
