"""The settings every process shares, as mixins (endpoints, database, Temporal, auth,
telemetry); each process composes its own class from them in its package
(`services/<service>/settings.py`), so a service's settings live with the service.

Every setting is an environment variable with the ``CLIENTFLOW_`` prefix; a few also
accept the conventional unprefixed name (``DATABASE_URL``, ``TEMPORAL_ADDRESS``, the
standard ``OTEL_*`` variables). Services read settings only through these classes; the
dev supervisor (``services/devstack``) also looks at the environment it passes on to the
processes it starts (whether an artifacts directory or an OIDC issuer was given).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1:55432/clientflow"


class ProcessSettings(BaseSettings):
    """Logging and telemetry: every process has these."""

    model_config = SettingsConfigDict(
        env_prefix="CLIENTFLOW_", extra="ignore", populate_by_name=True
    )

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "text"] = "json"
    otel_traces_exporter: Literal["none", "otlp", "console"] = Field(
        "none",
        validation_alias=AliasChoices("OTEL_TRACES_EXPORTER", "CLIENTFLOW_OTEL_TRACES_EXPORTER"),
    )
    otel_metrics_exporter: Literal["none", "otlp", "console"] = Field(
        "none",
        validation_alias=AliasChoices("OTEL_METRICS_EXPORTER", "CLIENTFLOW_OTEL_METRICS_EXPORTER"),
    )

    # Prometheus' /metrics on this port (0 = none), for a scraper beside the OTLP push.
    metrics_port: int = Field(0, ge=0, le=65535)
    metrics_bind_host: str = "127.0.0.1"

    def secret_problems(self) -> list[str]:
        """Why this process's secrets must not protect a deployment (none: it may start):
        the internal secret of whoever calls services, the token secret of whoever verifies
        HS256 tokens. A process with secrets of its own (the console) extends this."""
        problems: list[str] = []
        if isinstance(self, EndpointSettings):
            reason = weak_secret_reason(self.internal_secret)
            if reason:
                problems.append(f"CLIENTFLOW_INTERNAL_SECRET {reason}")
        if isinstance(self, AuthSettings) and not self.auth_jwks_url:
            reason = weak_secret_reason(self.auth_jwt_secret)
            if reason:
                problems.append(
                    f"CLIENTFLOW_AUTH_JWT_SECRET {reason} (or verify RS256 tokens with"
                    " CLIENTFLOW_AUTH_JWKS_URL)"
                )
        return problems

    # An SRE's empty exporter variable means "off", like the OpenTelemetry default.
    @field_validator("otel_traces_exporter", "otel_metrics_exporter", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return "none" if value in ("", None) else value


class EndpointSettings(BaseSettings):
    """Where each gRPC service listens and where the others reach it."""

    model_config = SettingsConfigDict(
        env_prefix="CLIENTFLOW_", extra="ignore", populate_by_name=True
    )

    bind_host: str = "127.0.0.1"
    clients_host: str = "127.0.0.1"
    clients_port: int = Field(50051, ge=1, le=65535)
    notifications_host: str = "127.0.0.1"
    notifications_port: int = Field(50052, ge=1, le=65535)
    reporting_host: str = "127.0.0.1"
    reporting_port: int = Field(50053, ge=1, le=65535)
    workflows_host: str = "127.0.0.1"
    workflows_port: int = Field(50054, ge=1, le=65535)
    # Signs the identity every call between processes carries (shared by all processes).
    internal_secret: SecretStr | None = None
    # Optional mutual TLS between the processes: this process's certificate and key (PEM) and
    # the CA that issued everyone's. With all three, servers require client certificates and
    # clients verify servers; the server name override is for certificates not issued for
    # the host names used (e.g. 127.0.0.1 in tests).
    grpc_tls_cert: Path | None = None
    grpc_tls_key: Path | None = None
    grpc_tls_ca: Path | None = None
    grpc_tls_server_name: str | None = None

    def grpc_tls(self) -> tuple[bytes, bytes, bytes] | None:
        """(certificate, key, CA) when mutual TLS is configured."""
        files = (self.grpc_tls_cert, self.grpc_tls_key, self.grpc_tls_ca)
        if not any(files):
            return None
        if not all(files):
            raise ValueError(
                "mutual TLS needs CLIENTFLOW_GRPC_TLS_CERT, CLIENTFLOW_GRPC_TLS_KEY and"
                " CLIENTFLOW_GRPC_TLS_CA together"
            )
        return tuple(path.read_bytes() for path in files if path is not None)  # type: ignore[return-value]

    def address(self, service: str) -> str:
        """host:port at which `service` is reached."""
        return f"{getattr(self, f'{service}_host')}:{getattr(self, f'{service}_port')}"


class DatabaseSettings(BaseSettings):
    """PostgreSQL; each service owns one schema in this database."""

    model_config = SettingsConfigDict(
        env_prefix="CLIENTFLOW_", extra="ignore", populate_by_name=True
    )

    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        validation_alias=AliasChoices("CLIENTFLOW_DATABASE_URL", "DATABASE_URL"),
    )
    db_pool_size: int = Field(10, ge=1, le=200)

    @field_validator("database_url")
    @classmethod
    def _asyncpg_driver(cls, value: str) -> str:
        return normalize_database_url(value)


class TemporalSettings(BaseSettings):
    """The Temporal frontend."""

    model_config = SettingsConfigDict(
        env_prefix="CLIENTFLOW_", extra="ignore", populate_by_name=True
    )

    temporal_address: str = Field(
        "127.0.0.1:7233",
        validation_alias=AliasChoices("CLIENTFLOW_TEMPORAL_ADDRESS", "TEMPORAL_ADDRESS"),
    )
    temporal_namespace: str = Field(
        "default",
        validation_alias=AliasChoices("CLIENTFLOW_TEMPORAL_NAMESPACE", "TEMPORAL_NAMESPACE"),
    )
    # Where processes run: the workflows service starts them here, the worker polls it.
    task_queue: str = Field("clientflow-processes", min_length=1, max_length=200)
    # A secured cluster or Temporal Cloud: TLS (with a client certificate for mTLS), or an
    # API key (which implies TLS).
    temporal_tls: bool = False
    temporal_tls_ca_cert: Path | None = None
    temporal_tls_client_cert: Path | None = None
    temporal_tls_client_key: Path | None = None
    temporal_tls_server_name: str | None = None
    temporal_api_key: SecretStr | None = None


class AuthSettings(BaseSettings):
    """How the gateway verifies bearer tokens: HS256 with a secret, or RS256 via JWKS."""

    model_config = SettingsConfigDict(
        env_prefix="CLIENTFLOW_", extra="ignore", populate_by_name=True
    )

    auth_jwt_secret: SecretStr | None = None
    auth_jwks_url: str | None = None
    auth_issuer: str = "clientflow"
    auth_audience: str = "clientflow"


class GrpcServiceSettings(ProcessSettings, EndpointSettings, DatabaseSettings):
    """A gRPC service that owns a schema."""

    grpc_grace_seconds: float = Field(5.0, ge=0, le=60)
    # On SIGTERM: NOT_SERVING for this long before new calls are refused, so load balancers
    # and clients watching health move away first (then in-flight calls get the grace above).
    grpc_drain_seconds: float = Field(3.0, ge=0, le=60)


MIN_SECRET_LENGTH = 32
# Values that appear in examples and must never protect a deployment.
KNOWN_DEFAULTS = frozenset(
    {"change-me-in-production", "change-me", "changeme", "secret", "clientflow", "dev-secret"}
)


def weak_secret_reason(secret: SecretStr | str | None) -> str | None:
    """Why `secret` must not protect a deployment, or None when it may."""
    value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
    if not value:
        return "is not set"
    if value.strip().lower() in KNOWN_DEFAULTS:
        return "is a published example value"
    if len(value) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    return None


def weak_secrets(settings: ProcessSettings) -> list[str]:
    """The secrets a process would start with that must not protect a deployment: a process
    refuses to start with any (`clientflow dev` generates strong ones)."""
    return settings.secret_problems()


def normalize_database_url(value: str) -> str:
    """Accept postgres:// and postgresql:// URLs and use the asyncpg driver; libpq's
    `sslmode=require|verify-ca|verify-full` becomes asyncpg's `ssl=` (TLS to PostgreSQL)."""
    for prefix in ("postgres://", "postgresql://"):
        if value.startswith(prefix):
            value = "postgresql+asyncpg://" + value[len(prefix) :]
            break
    if not value.startswith("postgresql+asyncpg://"):
        raise ValueError("must be a postgresql:// URL")
    return re.sub(r"([?&])sslmode=", r"\1ssl=", value)


S = TypeVar("S", bound=BaseSettings)


def describe_validation_error(cls: type[BaseSettings], error: ValidationError) -> str:
    """One line per bad setting, naming the environment variable and the value."""
    prefix = str(cls.model_config.get("env_prefix", ""))
    lines = []
    for item in error.errors():
        name = ".".join(str(part) for part in item["loc"])
        env = name if name.isupper() else f"{prefix}{name.upper()}"
        lines.append(f"invalid setting {env}={item.get('input')!r}: {item['msg']}")
    return "\n".join(lines)


def load_settings(cls: type[S], **overrides: object) -> S:
    """Build settings or exit with a one-line-per-field message (no traceback)."""
    try:
        return cls(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        print(describe_validation_error(cls, error), file=sys.stderr)
        raise SystemExit(2) from None


def setting_env_names(cls: type[BaseSettings]) -> set[str]:
    """Every environment variable a settings class reads."""
    names: set[str] = set()
    prefix = str(cls.model_config.get("env_prefix", ""))
    for field_name, field in cls.model_fields.items():
        names.add(f"{prefix}{field_name.upper()}")
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names.update(str(choice) for choice in alias.choices)
    return names
