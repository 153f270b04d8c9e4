"""The Temporal client shared by the workflows service, the worker and tools; search
attributes declared once."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import (
    AddSearchAttributesRequest,
    ListSearchAttributesRequest,
)
from temporalio.client import Client
from temporalio.common import SearchAttributeKey, SearchAttributePair, TypedSearchAttributes
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.runtime import OpenTelemetryConfig, PrometheusConfig, Runtime, TelemetryConfig
from temporalio.service import TLSConfig

from services.common.config import TemporalSettings

CLIENT_ID = SearchAttributeKey.for_keyword("ClientId")
ADVISOR_ID = SearchAttributeKey.for_keyword("AdvisorId")
PROCESS_KIND = SearchAttributeKey.for_keyword("ProcessKind")
TIER = SearchAttributeKey.for_keyword("Tier")
TEAM_ID = SearchAttributeKey.for_keyword("TeamId")
# So an operator recognises the client in the Workflows list (names are visible to whoever
# reads Temporal: operators of the firm).
CLIENT_NAME = SearchAttributeKey.for_keyword("ClientName")

SEARCH_ATTRIBUTES: tuple[SearchAttributeKey[str], ...] = (
    CLIENT_ID,
    ADVISOR_ID,
    PROCESS_KIND,
    TIER,
    TEAM_ID,
    CLIENT_NAME,
)


log = logging.getLogger(__name__)


# Seconds: fine around the 200 ms schedule-to-start aim (the SDK's defaults jump 0.5 → 1 s).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0)


def metrics_runtime(otlp_endpoint: str | None, prometheus_address: str = "") -> Runtime | None:
    """A Temporal runtime exporting the SDK's metrics (task latencies, and the counters
    workflows emit through `workflow.metric_meter()`, such as SLA breaches) over OTLP, or
    for a Prometheus scrape at `prometheus_address` (host:port); None keeps the default
    runtime without metrics."""
    if prometheus_address:
        return Runtime(
            telemetry=TelemetryConfig(
                metrics=PrometheusConfig(
                    bind_address=prometheus_address,
                    durations_as_seconds=True,
                    histogram_bucket_overrides={
                        name: LATENCY_BUCKETS
                        for name in (
                            "temporal_workflow_task_schedule_to_start_latency",
                            "temporal_activity_schedule_to_start_latency",
                        )
                    },
                )
            )
        )
    if not otlp_endpoint:
        return None
    return Runtime(
        telemetry=TelemetryConfig(
            metrics=OpenTelemetryConfig(url=otlp_endpoint, metric_periodicity=timedelta(seconds=15))
        )
    )


async def connect_temporal(settings: TemporalSettings, runtime: Runtime | None = None) -> Client:
    """A client whose calls continue the caller's trace into workflows and activities."""
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        interceptors=[TracingInterceptor(always_create_workflow_spans=True)],
        runtime=runtime,
        tls=temporal_tls(settings),
        api_key=settings.temporal_api_key.get_secret_value() if settings.temporal_api_key else None,
    )


def temporal_tls(settings: TemporalSettings) -> TLSConfig | bool:
    """TLS for the Temporal client: off, the system's roots, or the configured CA and client
    certificate (mTLS); an API key alone implies TLS."""
    files = (
        settings.temporal_tls_ca_cert,
        settings.temporal_tls_client_cert,
        settings.temporal_tls_client_key,
    )
    if not any(files) and not settings.temporal_tls_server_name:
        return bool(settings.temporal_tls or settings.temporal_api_key)
    ca, cert, key = (path.read_bytes() if path else None for path in files)
    return TLSConfig(
        server_root_ca_cert=ca,
        client_cert=cert,
        client_private_key=key,
        domain=settings.temporal_tls_server_name,
    )


def dev_server_search_attribute_flags() -> list[str]:
    """`temporal server start-dev` flags that register every search attribute."""
    flags: list[str] = []
    for key in SEARCH_ATTRIBUTES:
        flags += ["--search-attribute", f"{key.name}=Keyword"]
    return flags


async def ensure_search_attributes(client: Client) -> list[str]:
    """Register missing search attributes on an existing server; returns those added."""
    existing = await client.operator_service.list_search_attributes(
        ListSearchAttributesRequest(namespace=client.namespace)
    )
    missing = {
        key.name: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
        for key in SEARCH_ATTRIBUTES
        if key.name not in existing.custom_attributes
    }
    if missing:
        await client.operator_service.add_search_attributes(
            AddSearchAttributesRequest(namespace=client.namespace, search_attributes=missing)
        )
    return sorted(missing)


async def connect_temporal_with_retry(
    settings: TemporalSettings, attempts: int = 60, runtime: Runtime | None = None
) -> Client:
    """Connect, retrying once a second while the server starts."""
    for attempt in range(1, attempts + 1):
        try:
            return await connect_temporal(settings, runtime)
        except RuntimeError as error:
            if attempt == attempts:
                raise
            log.info("temporal not reachable yet (%s); retrying", error)
            await asyncio.sleep(1.0)
    raise AssertionError("unreachable")


def process_search_attributes(client: object, kind: str) -> TypedSearchAttributes:
    """ClientId, AdvisorId, ProcessKind, Tier and TeamId of a process for a client (a
    clients_pb2.Client), so operators find every process of a client, an advisor, a tier or a
    team in the Temporal UI."""
    pairs: list[SearchAttributePair[str]] = [
        SearchAttributePair(CLIENT_ID, str(getattr(client, "id", ""))),
        SearchAttributePair(ADVISOR_ID, str(getattr(client, "advisor_id", ""))),
        SearchAttributePair(PROCESS_KIND, kind),
    ]
    tier = str(getattr(client, "tier", ""))
    if tier:
        pairs.append(SearchAttributePair(TIER, tier))
    team = str(getattr(client, "team_id", ""))
    if team:
        pairs.append(SearchAttributePair(TEAM_ID, team))
    name = str(getattr(client, "name", ""))
    if name:
        pairs.append(SearchAttributePair(CLIENT_NAME, name[:200]))
    return TypedSearchAttributes(pairs)


def book_search_attributes(kind: str, team_id: str) -> TypedSearchAttributes:
    """ProcessKind and TeamId of a process over a book of clients (no ClientId): a team's
    run, or the firm's when `team_id` is empty."""
    pairs = [SearchAttributePair(PROCESS_KIND, kind)]
    if team_id:
        pairs.append(SearchAttributePair(TEAM_ID, team_id))
    return TypedSearchAttributes(pairs)
