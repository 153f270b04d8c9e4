"""Logs are JSON lines that carry the current trace and span ids."""

from __future__ import annotations

import io
import json
import logging

from opentelemetry import trace

from services.common.config import ProcessSettings
from services.common.telemetry import configure_logging


def test_json_log_lines_carry_the_trace_id() -> None:
    configure_logging("unit", ProcessSettings(log_format="json"))
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    handler.setStream(buffer)
    try:
        with trace.get_tracer("test").start_as_current_span("work") as span:
            logging.getLogger("clientflow.test").warning(
                "hello %s", "world", extra={"client_id": "c1"}
            )
            expected = format(span.get_span_context().trace_id, "032x")
    finally:
        configure_logging("tests", ProcessSettings(log_format="text", log_level="WARNING"))
    line = json.loads(buffer.getvalue().strip().splitlines()[-1])
    assert line["message"] == "hello world"
    assert line["level"] == "WARNING" and line["process"] == "unit" and line["client_id"] == "c1"
    assert line["trace_id"] == expected


def test_log_times_are_iso_8601_utc() -> None:
    import re

    configure_logging("unit", ProcessSettings(log_format="json"))
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    handler.setStream(buffer)
    try:
        logging.getLogger("clientflow.test").warning("tick")
    finally:
        configure_logging("tests", ProcessSettings(log_format="text", log_level="WARNING"))
    line = json.loads(buffer.getvalue().strip().splitlines()[-1])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"]), line["time"]
