"""Settings for every process: one pydantic-settings class per process, built from mixins.

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


class ClientsSettings(GrpcServiceSettings):
    """The clients service."""


class NotificationsSettings(GrpcServiceSettings):
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
    smtp_timeout_seconds: float = Field(10.0, gt=0, le=300)
    # EHLO name; empty = this host's fully qualified name
    smtp_local_hostname: str | None = None
    # HTTP providers (HMAC-signed JSON POSTs)
    sms_url: str | None = None
    sms_secret: SecretStr | None = None
    wecom_url: str | None = None
    wecom_secret: SecretStr | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
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
        from services.notifications.policy import QuietHours

        QuietHours.parse(value)
        return value


class ReportingSettings(GrpcServiceSettings):
    """The reporting service: where artifacts are kept and the brand on every report."""

    artifacts_dir: Path = Path(".clientflow/artifacts")
    # s3://bucket/prefix: report PDFs in an S3-compatible store instead of the directory
    # (which then serves only the files written before the move).
    artifacts_url: str | None = Field(None, pattern=r"^s3://[a-z0-9][a-z0-9.-]{2,62}(/.*)?$")
    artifacts_s3_endpoint: str | None = Field(None, pattern=r"^https?://")
    artifacts_s3_region: str = "us-east-1"
    artifacts_s3_access_key_id: str | None = None
    artifacts_s3_secret_access_key: SecretStr | None = None
    # Dashboards read client data here (a replica in production); default: DATABASE_URL.
    reporting_read_database_url: str | None = None
    firm_name: str = Field("Clientflow Wealth", min_length=1, max_length=100)
    # A PNG or JPEG printed in each report's header.
    firm_logo: Path | None = None
    brand_color: str = Field("#1f4e79", pattern=r"^#[0-9a-fA-F]{6}$")
    # A TrueType CJK font (TTF/TTC) embedded in reports; default: one the system has
    # (fonts-wqy-microhei), else reportlab's CID font (not embedded).
    report_font: Path | None = None


class ProcessDefaults(BaseSettings):
    """What processes need to know about the firm: who manages each team (escalations and
    alerts go there) and when a client counts as dormant."""

    model_config = SettingsConfigDict(
        env_prefix="CLIENTFLOW_", extra="ignore", populate_by_name=True
    )

    # team id -> the manager's user id, e.g. {"team-a": "mgr-1"}
    team_managers: dict[str, str] = Field(default_factory=dict)
    # days without activity after which a client of a tier is dormant; "default" for the rest
    dormant_days: dict[str, int] = Field(default_factory=lambda: {"STRATEGIC": 90, "default": 180})
    # The first scan (no watermark yet) looks this far back past the threshold.
    dormant_initial_lookback_days: int = Field(30, ge=1, le=3650)


class WorkflowsSettings(GrpcServiceSettings, TemporalSettings, ProcessDefaults):
    """The workflows gRPC service (processes, tasks, triggers)."""


class WorkerSettings(ProcessSettings, EndpointSettings, TemporalSettings):
    """The Temporal worker: workflows and activities; no database."""

    worker_shutdown_seconds: float = Field(5.0, ge=0, le=60)
    # grpc.health.v1 on this port: SERVING while the worker polls (0 = no health port).
    worker_health_port: int = Field(50055, ge=0, le=65535)
    # Where the Temporal SDK's own metrics (and the workflows' SLA counters) go when
    # OTEL_METRICS_EXPORTER=otlp: the collector's OTLP/gRPC endpoint.
    otel_exporter_otlp_endpoint: str = Field(
        "http://127.0.0.1:4317",
        validation_alias=AliasChoices(
            "OTEL_EXPORTER_OTLP_ENDPOINT", "CLIENTFLOW_OTEL_EXPORTER_OTLP_ENDPOINT"
        ),
    )


class GatewaySettings(ProcessSettings, EndpointSettings, AuthSettings):
    """The HTTP gateway."""

    gateway_port: int = Field(8000, ge=1, le=65535)
    # Expensive routes (previews, imports, exports) per user: a sustained rate and a burst.
    expensive_rate_per_minute: float = Field(30.0, gt=0, le=100_000)
    expensive_burst: int = Field(20, ge=1, le=100_000)
    # How long the gateway trusts what the directory said about a caller.
    directory_cache_seconds: float = Field(30.0, ge=0, le=3600)
    # POST /v1/dev/token: mints a token for anyone. Only `clientflow dev --dev-sign-in` sets it.
    dev_sign_in: bool = False


class ConsoleSettings(ProcessSettings, AuthSettings):
    """The console: server-rendered pages for staff, a frontend of the gateway's HTTP API."""

    bind_host: str = "127.0.0.1"
    console_port: int = Field(8080, ge=1, le=65535)
    # Where the console finds the gateway (it calls nothing else).
    gateway_url: str = Field("http://127.0.0.1:8000", pattern=r"^https?://")
    gateway_timeout_seconds: float = Field(15.0, gt=0, le=120)
    # Signs the session cookie (and with it the CSRF token); rotate to sign everyone out.
    console_session_secret: SecretStr | None = None
    session_max_age_seconds: int = Field(8 * 3600, ge=300, le=7 * 24 * 3600)
    # Secure cookies: true wherever the console is served over HTTPS.
    console_cookie_secure: bool = False
    # OpenID Connect (authorization code + PKCE); the gateway verifies the access token
    # against the same provider's JWKS (CLIENTFLOW_AUTH_JWKS_URL).
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid profile email"
    # The console's own address as the browser sees it (the OIDC redirect URI is built on it).
    console_public_url: str | None = None
    # The dev sign-in page lists the directory's people and mints their tokens with
    # CLIENTFLOW_AUTH_JWT_SECRET. Only `clientflow dev` turns it on; never with OIDC.
    console_dev_sign_in: bool = False
    default_locale: Literal["zh-CN", "en"] = "zh-CN"
    default_timezone: str = "Asia/Shanghai"


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
    ready_timeout_seconds: float = Field(90.0, gt=0)
    # Serve the dev sign-in (POST /v1/dev/token) for a frontend under development.
    dev_sign_in: bool = False

    @field_validator("database_url")
    @classmethod
    def _asyncpg_driver(cls, value: str | None) -> str | None:
        return None if value is None else normalize_database_url(value)


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


def weak_secrets(settings: BaseSettings) -> list[str]:
    """The secrets a process would start with that must not protect a deployment: a process
    refuses to start with any (`clientflow dev` generates strong ones)."""
    problems = []
    if isinstance(settings, ConsoleSettings):
        reason = weak_secret_reason(settings.console_session_secret)
        if reason:
            problems.append(f"CLIENTFLOW_CONSOLE_SESSION_SECRET {reason}")
        if settings.console_dev_sign_in:
            reason = weak_secret_reason(settings.auth_jwt_secret)
            if reason:
                problems.append(
                    f"CLIENTFLOW_AUTH_JWT_SECRET {reason} (the dev sign-in mints with it)"
                )
            if settings.oidc_issuer:
                problems.append("CLIENTFLOW_CONSOLE_DEV_SIGN_IN is on beside an OIDC issuer")
        elif not settings.oidc_issuer:
            problems.append("CLIENTFLOW_OIDC_ISSUER is not set (nobody could sign in)")
        return problems
    if isinstance(settings, EndpointSettings):
        reason = weak_secret_reason(settings.internal_secret)
        if reason:
            problems.append(f"CLIENTFLOW_INTERNAL_SECRET {reason}")
    if isinstance(settings, AuthSettings) and not settings.auth_jwks_url:
        reason = weak_secret_reason(settings.auth_jwt_secret)
        if reason:
            problems.append(
                f"CLIENTFLOW_AUTH_JWT_SECRET {reason} (or verify RS256 tokens with"
                " CLIENTFLOW_AUTH_JWKS_URL)"
            )
    return problems


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


def all_setting_env_names() -> set[str]:
    """Every environment variable some process settings class reads."""
    names: set[str] = set()
    classes: list[type[BaseSettings]] = [
        ClientsSettings,
        NotificationsSettings,
        ReportingSettings,
        WorkflowsSettings,
        WorkerSettings,
        GatewaySettings,
        ConsoleSettings,
        DevSettings,
    ]
    for cls in classes:
        prefix = str(cls.model_config.get("env_prefix", ""))
        for field_name, field in cls.model_fields.items():
            names.add(f"{prefix}{field_name.upper()}")
            alias = field.validation_alias
            if isinstance(alias, AliasChoices):
                names.update(str(choice) for choice in alias.choices)
    return names
