"""Duration histograms in seconds have bucket edges in seconds: a 20 ms call and a 2 s call
land in different buckets (with the SDK's default edges both fall in the first)."""

from __future__ import annotations

from opentelemetry.sdk.metrics.export import HistogramDataPoint, InMemoryMetricReader
from opentelemetry.sdk.resources import Resource

from services.common.telemetry import SECONDS_BUCKETS, meter_provider


def test_a_20_ms_and_a_2_s_call_land_in_different_buckets() -> None:
    reader = InMemoryMetricReader()
    provider = meter_provider(Resource.create({}), [reader])
    histogram = provider.get_meter("test").create_histogram("call.duration", unit="s")
    histogram.record(0.02)
    histogram.record(2.0)
    data = reader.get_metrics_data()
    assert data is not None
    [point] = data.resource_metrics[0].scope_metrics[0].metrics[0].data.data_points
    assert isinstance(point, HistogramDataPoint)
    assert tuple(point.explicit_bounds) == SECONDS_BUCKETS
    filled = [i for i, count in enumerate(point.bucket_counts) if count]
    assert len(filled) == 2
    assert SECONDS_BUCKETS[filled[0] - 1] < 0.02 <= SECONDS_BUCKETS[filled[0]]
    assert SECONDS_BUCKETS[filled[1] - 1] < 2.0 <= SECONDS_BUCKETS[filled[1]]
    provider.shutdown()
