"""Settings of the workflows service and the worker, and what processes know of the firm."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.common.config import (
    EndpointSettings,
    GrpcServiceSettings,
    ProcessSettings,
    TemporalSettings,
)
from services.workflows.service.webhooks import WebhookSettings


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
    # Who a complaint escalates to on its second breach (after the team's manager): the
    # compliance officer's user id.
    compliance_user: str = Field("compliance", max_length=64)
    # The first scan (no watermark yet) looks this far back past the threshold.
    dormant_initial_lookback_days: int = Field(30, ge=1, le=3650)


class WorkflowsSettings(GrpcServiceSettings, TemporalSettings, ProcessDefaults, WebhookSettings):
    """The workflows gRPC service (processes, tasks, triggers)."""


class WorkerSettings(ProcessSettings, EndpointSettings, TemporalSettings):
    """The Temporal worker: workflows and activities; no database."""

    worker_shutdown_seconds: float = Field(5.0, ge=0, le=60)
    # Running processes whose state the worker keeps in memory between their tasks (the
    # SDK's sticky cache). Each holds its own sandbox, about 0.2 MB, so this bounds the
    # worker's memory; a process pushed out is replayed from its history on its next task.
    worker_max_cached_workflows: int = Field(1000, ge=0, le=100_000)
    # host:port: the Temporal SDK's metrics (task schedule-to-start latencies, …) for a
    # Prometheus scrape instead of OTLP; "" = off.
    temporal_prometheus_address: str = Field("", max_length=100)
    # Where the client portal is (the console's /portal): survey links in invitations.
    portal_url: str = Field("http://127.0.0.1:8080", max_length=500)
    # Who gets the daily digest of deliveries in doubt: user ids (in-app) and e-mail
    # addresses, comma-separated; "" = nobody.
    ops_digest_to: str = Field("", max_length=2000)
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
