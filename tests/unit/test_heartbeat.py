"""A long activity says it is alive while its call runs."""

from __future__ import annotations


async def test_a_long_activity_heartbeats_while_its_call_runs() -> None:
    import asyncio

    from temporalio.testing import ActivityEnvironment

    from services.workflows.worker.activities.heartbeat import heartbeating

    beats: list[object] = []
    env = ActivityEnvironment()
    env.on_heartbeat = lambda *details: beats.append(details)

    async def long_call() -> str:
        await asyncio.sleep(0.35)
        return "done"

    async def activity_body() -> str:
        return await heartbeating(long_call(), every=0.1)

    assert await env.run(activity_body) == "done"
    assert len(beats) >= 3
