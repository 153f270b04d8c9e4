"""The clients service's settings."""

from __future__ import annotations

from pydantic import Field

from services.common.config import (
    GrpcServiceSettings,
)


class ClientsSettings(GrpcServiceSettings):
    """The clients service."""

    # The mail dropbox (SMTP) staff BCC or forward client mail to; 0 = not started.
    mail_dropbox_port: int = Field(0, ge=0, le=65535)
