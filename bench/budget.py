"""CPU milliseconds per request, per process, around a measured round.

Every process a benchmark started (and this one, the load) is read from `/proc` through
psutil before and after the round, grouped by what it is — the gateway, each service, the
worker, Temporal, PostgreSQL (the postmaster and its backends), the benchmark itself — and
the difference divided by the round's requests. Beside a ratio it says where the time went:
what a change must cut, and what belongs to the engine we do not control.

    budget = CpuBudget.of_this_run()
    with budget.round() as spent:
        rate = await measure(count, concurrency, ours)
    lines += spent.lines("POST /v1/events", count)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import psutil

SERVICES = ("gateway", "clients", "workflows", "notifications", "reporting", "worker", "console")


def group_of(process: psutil.Process) -> str:
    """What a process is, from its command line."""
    try:
        argv = process.cmdline()
        name = process.name()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return ""
    if "services.cli" in argv or any(a.endswith("/clientflow") for a in argv[:2]):
        for word in argv:
            if word in SERVICES:
                return word
        return "clientflow"
    if "-m" in argv[:-1]:  # another module of ours or a tool: its last name
        return argv[argv.index("-m") + 1].rsplit(".", 1)[-1]
    if name.startswith("postgres") or (argv and "postgres" in argv[0].rsplit("/", 1)[-1]):
        return "postgresql"
    if "temporal" in name or any("temporal" in a.rsplit("/", 1)[-1] for a in argv[:1]):
        return "temporal"
    return "other"


def _cpu(process: psutil.Process) -> float:
    try:
        times = process.cpu_times()
        return float(times.user + times.system)
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return 0.0


@dataclass
class Spent:
    """CPU seconds per group over one round."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, other: Spent) -> None:
        for group, value in other.seconds.items():
            self.seconds[group] = self.seconds.get(group, 0.0) + value

    def per_request_ms(self, requests: int) -> dict[str, float]:
        return {g: s * 1000 / max(requests, 1) for g, s in sorted(self.seconds.items()) if s > 0}

    def lines(self, label: str, requests: int) -> list[str]:
        per = self.per_request_ms(requests)
        total = sum(per.values())
        parts = ", ".join(f"{g} {ms:.2f}" for g, ms in sorted(per.items(), key=lambda x: -x[1]))
        return [f"  CPU ms per request, {label}: {total:.2f} in all — {parts}"]


class CpuBudget:
    """The processes of this run: this one and everything it started, found again at each
    snapshot (a PostgreSQL backend or a service may start after the budget does)."""

    def __init__(self) -> None:
        self.me = psutil.Process()

    @classmethod
    def of_this_run(cls) -> CpuBudget:
        return cls()

    def snapshot(self) -> dict[int, tuple[str, float]]:
        found = {self.me.pid: ("bench", _cpu(self.me))}
        for child in self.me.children(recursive=True):
            group = group_of(child)
            if group:
                found[child.pid] = (group, _cpu(child))
        return found

    @contextlib.contextmanager
    def round(self) -> Iterator[Spent]:
        spent = Spent()
        before = self.snapshot()
        yield spent
        after = self.snapshot()
        for pid, (group, cpu) in after.items():
            start = before.get(pid, (group, 0.0))[1]
            spent.seconds[group] = spent.seconds.get(group, 0.0) + max(cpu - start, 0.0)
