"""OpenTelemetry for every process: tracer and meter from the standard OTEL_* settings,
gRPC client/server instrumentation, and JSON logs that carry the trace id."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime

from opentelemetry import metrics, trace
from opentelemetry.instrumentation.grpc import (
    GrpcAioInstrumentorClient,
    GrpcAioInstrumentorServer,
    filters,
)
from opentelemetry.sdk.metrics import Histogram, MeterProvider
from opentelemetry.sdk.metrics.export import (
    ConsoleMetricExporter,
    MetricExporter,
    MetricReader,
    PeriodicExportingMetricReader,
)
from opentelemetry.sdk.metrics.view import ExplicitBucketHistogramAggregation, View
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SpanExporter,
)
from pythonjsonlogger.json import JsonFormatter

from services.common.config import ProcessSettings

_instrumented = False
_configured = False

# Bucket edges of every duration histogram in seconds (the SDK's default edges are
# milliseconds' — 0, 5, 10, … 10,000 — and put every call of a seconds histogram in the
# first bucket): 5 ms to a minute, dense where p95s of calls and provider attempts lie.
SECONDS_BUCKETS = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.075,
    0.1,
    0.25,
    0.5,
    0.75,
    1.0,
    2.5,
    5.0,
    7.5,
    10.0,
    30.0,
    60.0,
)


def meter_provider(resource: Resource, readers: list[MetricReader]) -> MeterProvider:
    """A meter provider whose histograms in seconds have bucket edges in seconds."""
    seconds = View(
        instrument_type=Histogram,
        instrument_unit="s",
        aggregation=ExplicitBucketHistogramAggregation(boundaries=SECONDS_BUCKETS),
    )
    return MeterProvider(resource=resource, metric_readers=readers, views=[seconds])


def _span_exporter(kind: str) -> SpanExporter | None:
    if kind == "otlp":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()  # endpoint and headers from OTEL_EXPORTER_OTLP_*
    if kind == "console":
        return ConsoleSpanExporter(out=sys.stderr)
    return None


def _metric_exporter(kind: str) -> MetricExporter | None:
    if kind == "otlp":
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter

        return OTLPMetricExporter()
    if kind == "console":
        return ConsoleMetricExporter(out=sys.stderr)
    return None


def setup_telemetry(
    process: str,
    settings: ProcessSettings,
    *,
    extra_span_processor: SpanProcessor | None = None,
) -> None:
    """Install tracer and meter providers, instrument gRPC, and configure logging.

    Resource attributes also come from OTEL_RESOURCE_ATTRIBUTES / OTEL_SERVICE_NAME.
    """
    global _instrumented, _configured
    configure_logging(process, settings)
    resource = Resource.create(
        {"service.name": f"clientflow-{process}", "service.namespace": "clientflow"}
    )
    tracer_provider = TracerProvider(resource=resource)
    exporter = _span_exporter(settings.otel_traces_exporter)
    if exporter is not None:
        tracer_provider.add_span_processor(BatchSpanProcessor(exporter))
    if extra_span_processor is not None:
        tracer_provider.add_span_processor(extra_span_processor)
    trace.set_tracer_provider(tracer_provider)
    metric_exporter = _metric_exporter(settings.otel_metrics_exporter)
    readers: list[MetricReader] = (
        [PeriodicExportingMetricReader(metric_exporter)] if metric_exporter else []
    )
    if settings.metrics_port:
        readers.append(prometheus_endpoint(settings.metrics_bind_host, settings.metrics_port))
    metrics.set_meter_provider(meter_provider(resource, readers))
    if not _instrumented:
        # Health checks (probes, the gateway's /readyz, the supervisor) make no traces: they
        # would be most of the root spans and say nothing about a request.
        not_health = filters.negate(filters.health_check())
        GrpcAioInstrumentorServer(filter_=not_health).instrument()
        GrpcAioInstrumentorClient(filter_=not_health).instrument()
        _instrumented = True
    _configured = True


def prometheus_endpoint(host: str, port: int) -> MetricReader:
    """Serve /metrics (Prometheus text format) on host:port from a reader of this process's
    metrics; a taken port is a one-line start-up error naming the setting."""
    from opentelemetry.exporter.prometheus import PrometheusMetricReader
    from prometheus_client import start_http_server

    from services.common.grpc_server import PortInUse

    reader = PrometheusMetricReader()
    try:
        start_http_server(port, addr=host)
    except OSError:
        raise PortInUse(f"{host}:{port}", "CLIENTFLOW_METRICS_PORT") from None
    return reader


def telemetry_configured() -> bool:
    """Whether this process has set up telemetry (a process does it once, first thing, so
    every channel it opens afterwards carries the trace context)."""
    return _configured


def shutdown_telemetry() -> None:
    """Flush spans and metrics before the process exits."""
    provider = trace.get_tracer_provider()
    if isinstance(provider, TracerProvider):
        provider.shutdown()
    meter_provider = metrics.get_meter_provider()
    if isinstance(meter_provider, MeterProvider):
        meter_provider.shutdown()


class TraceContextFilter(logging.Filter):
    """Adds the current trace and span ids (hex) and the process name to every record."""

    def __init__(self, process: str) -> None:
        super().__init__()
        self.process = process

    def filter(self, record: logging.LogRecord) -> bool:
        context = trace.get_current_span().get_span_context()
        record.trace_id = format(context.trace_id, "032x") if context.is_valid else None
        record.span_id = format(context.span_id, "016x") if context.is_valid else None
        record.clientflow_process = self.process
        return True


def iso_utc(created: float) -> str:
    """2026-11-30T07:05:01.123Z: ISO-8601, UTC, milliseconds."""
    return (
        datetime.fromtimestamp(created, UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


class IsoJsonFormatter(JsonFormatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return iso_utc(record.created)


class IsoTextFormatter(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return iso_utc(record.created)


def configure_logging(process: str, settings: ProcessSettings) -> None:
    """Structured JSON logs on stderr (or plain text for a terminal)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(TraceContextFilter(process))
    if settings.log_format == "json":
        handler.setFormatter(
            IsoJsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(clientflow_process)s %(trace_id)s %(span_id)s",
                rename_fields={
                    "asctime": "time",
                    "levelname": "level",
                    "name": "logger",
                    "clientflow_process": "process",
                },
            )
        )
    else:
        handler.setFormatter(
            IsoTextFormatter(
                "%(asctime)s %(levelname)s [%(clientflow_process)s] %(name)s: %(message)s"
            )
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    for noisy in ("sqlalchemy.engine", "temporalio.worker._workflow_instance", "grpc._cython"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
