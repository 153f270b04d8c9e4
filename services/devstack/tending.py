"""Keeping `clientflow dev`'s children alive: a dead child starts again after 1 s, doubling
to 30 s while it keeps dying. More than `limit` deaths within `window` seconds is a crash
loop. For the system of record (PostgreSQL, Temporal, the services, the worker, the gateway,
the console) a crash loop stops the stack: it cannot serve without them. An optional helper
(the dev mail catcher) is left stopped instead, named on the console, while the rest keeps
serving. A worker that stops answering its health check is killed, and so restarted.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import grpc

from services.common.grpc_client import serving

if TYPE_CHECKING:
    from services.devstack.supervisor import DevStack

# Helpers the system of record serves without: e-mail to the dev mailbox fails (and is
# retried, then dead-lettered) while it is down.
OPTIONAL = frozenset({"mailbox", "prometheus"})


class Restarts:
    """When a dead child may start again; None once it is crash-looping."""

    def __init__(self, limit: int = 5, window: float = 120.0) -> None:
        self.limit = limit
        self.window = window
        self.deaths: dict[str, list[float]] = {}

    def record(self, name: str, now: float) -> float | None:
        """The delay before restarting `name`, or None when it is crash-looping."""
        recent = [t for t in self.deaths.get(name, []) if now - t < self.window]
        recent.append(now)
        self.deaths[name] = recent
        if len(recent) > self.limit:
            return None
        return float(min(30, 2 ** (len(recent) - 1)))


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def tend(stack: DevStack, restarts: Restarts, due: dict[str, float], now: float) -> bool:
    """Restart what died when its time comes; False when the stack must stop."""
    for child in [*stack.stores, *stack.apps]:
        if child.running or child.name in stack.given_up:
            continue
        if child.name not in due:
            delay = restarts.record(child.name, now)
            if delay is None:
                looping = (
                    f"{child.name} keeps crashing ({child.how_it_ended()}, {restarts.limit + 1}"
                    f" times in {restarts.window:.0f} s)"
                )
                if child.name in OPTIONAL:
                    stack.given_up.add(child.name)
                    _say(
                        f"{looping}; left stopped, the rest keeps serving (restart clientflow"
                        f" dev to try it again). {child.log_path}:\n{child.tail()}"
                    )
                    continue
                _say(f"{looping}; stopping. {child.log_path}:\n{child.tail()}")
                return False
            _say(
                f"{child.name} exited ({child.how_it_ended()}); restarting in {delay:.0f} s."
                f" Its last lines ({child.log_path}):\n{child.tail(10)}"
            )
            due[child.name] = now + delay
        elif now >= due[child.name]:
            del due[child.name]
            child.start()
            _say(f"{child.name} restarted")
    return True


class WorkerWatch:
    """The worker answers its health check every WATCH_SECONDS, or, after MISSES in a row (a
    hung or stopped process: it cannot answer within the 2 s), it is killed — and started
    again like any dead child. Processes wait on it meanwhile; nothing is lost."""

    WATCH_SECONDS = 5.0
    MISSES = 3

    def __init__(self, address: str) -> None:
        self.address = address
        self.missed = 0
        self.next_check = 0.0
        self.channel: grpc.aio.Channel | None = None

    async def serving(self) -> bool:
        if self.channel is None:
            self.channel = grpc.aio.insecure_channel(self.address)
        return await serving(self.channel)

    async def check(self, stack: DevStack, now: float) -> None:
        if now < self.next_check:
            return
        self.next_check = now + self.WATCH_SECONDS
        worker = next((c for c in stack.apps if c.name == "worker"), None)
        if worker is None or not worker.running or worker.process is None:
            self.missed = 0
            return
        if await self.serving():
            self.missed = 0
            return
        self.missed += 1
        if self.missed >= self.MISSES:
            _say(
                f"worker did not answer its health check {self.missed} times in a row"
                f" ({self.address}); killing it to start it again"
            )
            worker.process.kill()
            self.missed = 0

    async def close(self) -> None:
        if self.channel is not None:
            await self.channel.close()
