"""Long activities say they are alive: a worker that dies mid-call is noticed after the
heartbeat timeout (seconds) and the activity retried elsewhere, instead of after its whole
start-to-close timeout (up to half an hour for the daily sweeps)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import timedelta
from typing import TypeVar

from temporalio import activity

T = TypeVar("T")

# What the workflows give these activities; they heartbeat three times within it.
HEARTBEAT_TIMEOUT = timedelta(seconds=30)
HEARTBEAT_EVERY_SECONDS = 10.0


async def heartbeating(call: Awaitable[T], every: float = HEARTBEAT_EVERY_SECONDS) -> T:
    """Await `call`, heartbeating every `every` seconds until it is done; cancelling the
    activity cancels the call."""
    task = asyncio.ensure_future(call)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=every)
            if done:
                return task.result()
            activity.heartbeat()
    finally:
        if not task.done():
            task.cancel()
