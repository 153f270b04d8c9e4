"""`clientflow dev`'s settings."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, field_validator

from services.common.config import (
    AuthSettings,
    EndpointSettings,
    ProcessSettings,
    normalize_database_url,
)


class DevSettings(ProcessSettings, EndpointSettings, AuthSettings):
    """`clientflow dev`: the embedded stack on one machine."""

    data_dir: Path = Path(".clientflow")
    # None means "start embedded PostgreSQL / the Temporal dev server".
    database_url: str | None = Field(
        None, validation_alias=AliasChoices("CLIENTFLOW_DATABASE_URL", "DATABASE_URL")
    )
    temporal_address: str | None = Field(
        None, validation_alias=AliasChoices("CLIENTFLOW_TEMPORAL_ADDRESS", "TEMPORAL_ADDRESS")
    )
    temporal_namespace: str = Field(
        "default",
        validation_alias=AliasChoices("CLIENTFLOW_TEMPORAL_NAMESPACE", "TEMPORAL_NAMESPACE"),
    )
    postgres_port: int = Field(55432, ge=1, le=65535)
    temporal_port: int = Field(7233, ge=1, le=65535)
    temporal_ui_port: int = Field(8233, ge=1, le=65535)
    gateway_port: int = Field(8000, ge=1, le=65535)
    console_port: int = Field(8080, ge=1, le=65535)
    # The dev mail catcher (mail kept under <data dir>/mail) unless SMTP is configured.
    smtp_host: str | None = None
    mail_port: int = Field(2525, ge=1, le=65535)
    # The mail catcher's lookup API (Mailpit's port): how a send cut off by a crash is
    # settled by asking whether the message arrived.
    mail_api_port: int = Field(8025, ge=1, le=65535)
    # A real Prometheus (Debian's package) over every process's /metrics, with the alert rules.
    prometheus: bool = False
    prometheus_port: int = Field(9090, ge=1, le=65535)
    # The worker's health (the gateway's /readyz and the supervisor's watch ask it).
    worker_health_port: int = Field(8234, ge=1, le=65535)
    ready_timeout_seconds: float = Field(90.0, gt=0)
    # Serve the dev sign-in (POST /v1/dev/token) for a frontend under development.
    dev_sign_in: bool = False

    @field_validator("database_url")
    @classmethod
    def _asyncpg_driver(cls, value: str | None) -> str | None:
        return None if value is None else normalize_database_url(value)


def data_dir_secret(data_dir: Path) -> str | None:
    """The dev secret kept by `clientflow dev`, if any."""
    path = data_dir / "jwt-secret"
    return path.read_text().strip() if path.exists() else None
