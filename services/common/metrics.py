"""Gauges an SRE alerts on, read from a service's own tables: a background refresh every
`interval` seconds keeps the last reading, which the OpenTelemetry observable gauge reports at
each collection (a scrape of /metrics or an OTLP push). Each refresh's query is cheap
(grouped counts over indexed columns) and makes no spans."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable

from opentelemetry import metrics
from opentelemetry.instrumentation.utils import suppress_instrumentation
from opentelemetry.metrics import CallbackOptions, Observation

log = logging.getLogger(__name__)

Reading = list[tuple[float, dict[str, str]]]


class TableGauge:
    """One observable gauge whose values come from `read()` (value, attributes) pairs."""

    def __init__(
        self, name: str, description: str, read: Callable[[], Awaitable[Reading]], unit: str = "1"
    ) -> None:
        self.read = read
        self.last: Reading = []
        metrics.get_meter("clientflow").create_observable_gauge(
            name, callbacks=[self._observe], description=description, unit=unit
        )

    def _observe(self, _options: CallbackOptions) -> Iterable[Observation]:
        return [Observation(value, attributes) for value, attributes in self.last]

    async def refresh(self) -> None:
        with suppress_instrumentation():
            self.last = await self.read()

    async def run(self, interval: float) -> None:
        """Refresh now and every `interval` seconds until cancelled."""
        while True:
            try:
                await self.refresh()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database may be away: keep the last reading
                log.warning("gauge not refreshed: %s", type(error).__name__)
            await asyncio.sleep(interval)
