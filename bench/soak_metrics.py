"""What the soak reads from its processes: their RSS over the run, and the Temporal SDK's
schedule-to-start histograms from the worker's Prometheus endpoint."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import httpx
import psutil


def rss(processes: dict[str, psutil.Process]) -> dict[str, int]:
    out = {}
    for name, proc in processes.items():
        try:
            out[name] = proc.memory_info().rss
        except psutil.Error:
            out[name] = 0
    return out


@dataclass
class RssSamples:
    """Every process's RSS at the start, each `every_minutes` and at the end: whether a
    process's memory levels off shows in the columns."""

    processes: dict[str, psutil.Process]
    every_minutes: float
    samples: list[tuple[float, dict[str, int]]] = field(default_factory=list)

    def take(self, minute: float) -> None:
        self.samples.append((minute, rss(self.processes)))

    def due(self, minute: float) -> bool:
        last = self.samples[-1][0] if self.samples else -self.every_minutes
        return minute - last >= self.every_minutes - 1e-6

    def table(self) -> list[str]:
        header = "".join(f" {minute:6.0f}'" for minute, _ in self.samples)
        lines = [f"  RSS MB at minute:{header}"]
        for name in sorted(self.processes):
            row = "".join(f" {sample.get(name, 0) / 2**20:7.1f}" for _, sample in self.samples)
            lines.append(f"    {name:<14}{row}")
        return lines


async def schedule_to_start(port: int) -> dict[str, list[tuple[float, float]]]:
    """The SDK's schedule-to-start histograms: metric -> [(le, cumulative count)]."""
    async with httpx.AsyncClient(timeout=10) as http:
        text = (await http.get(f"http://127.0.0.1:{port}/metrics")).text
    out: dict[str, dict[float, float]] = defaultdict(lambda: defaultdict(float))
    for line in text.splitlines():
        found = re.match(
            r"(temporal_(?:workflow_task|activity)_schedule_to_start_latency)_bucket\{(.*)\} (\S+)",
            line,
        )
        if not found:
            continue
        le = re.search(r'le="([^"]+)"', found.group(2))
        if le:
            bound = float("inf") if le.group(1) == "+Inf" else float(le.group(1))
            out[found.group(1)][bound] += float(found.group(3))
    return {name: sorted(buckets.items()) for name, buckets in out.items()}


def p99(start: list[tuple[float, float]], end: list[tuple[float, float]]) -> str:
    before = dict(start)
    counts = [(le, n - before.get(le, 0.0)) for le, n in end]
    total = counts[-1][1] if counts else 0
    if not total:
        return "no samples"
    for le, n in counts:
        if n >= 0.99 * total:
            return f"≤ {le * 1000:.0f} ms ({int(total)} tasks)"
    return "?"
