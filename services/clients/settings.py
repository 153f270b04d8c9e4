"""The clients service's settings."""

from __future__ import annotations

from services.common.config import (
    GrpcServiceSettings,
)


class ClientsSettings(GrpcServiceSettings):
    """The clients service."""
