"""`clientflow setup` (what a release runs once: migrations, search attributes, schedules,
default rules) is idempotent, and `clientflow probe` tells a container's healthcheck whether a
process is healthy."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from temporalio.testing import WorkflowEnvironment

from tests.support import free_port


def clientflow(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "services.cli", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_setup_twice_changes_nothing_the_second_time(
    database_url: str, dev_env: WorkflowEnvironment
) -> None:
    env = {
        "CLIENTFLOW_DATABASE_URL": database_url,
        "CLIENTFLOW_TEMPORAL_ADDRESS": dev_env.client.service_client.config.target_host,
        "CLIENTFLOW_TASK_QUEUE": "setup-test",
    }
    first = clientflow("setup", env=env)
    assert first.returncode == 0, first.stderr
    second = clientflow("setup", env=env)
    assert second.returncode == 0, second.stderr
    assert "setup complete" in second.stdout
    assert "search attributes registered: none missing" in second.stdout
    assert "schedules created: none" in second.stdout
    assert "default rules added: 0" in second.stdout


async def test_probe_says_healthy_or_not(grpc_servers: dict[str, str]) -> None:
    # The servers run on this test's event loop: the probe runs beside it, not blocking it.
    probe = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "services.cli", "probe", f"grpc://{grpc_servers['clients']}"
    )
    assert await probe.wait() == 0
    dead = clientflow("probe", f"grpc://127.0.0.1:{free_port()}", "--timeout", "1")
    assert dead.returncode == 1 and "Traceback" not in dead.stderr
    assert clientflow("probe", f"http://127.0.0.1:{free_port()}/healthz").returncode == 1
    assert clientflow("probe", "ftp://x").returncode == 2


async def test_the_worker_says_whether_it_polls() -> None:
    from services.workflows.settings import WorkerSettings
    from services.workflows.worker.main import worker_health

    port = free_port()
    health = await worker_health(WorkerSettings(worker_health_port=port))
    assert health is not None

    async def probe() -> int:
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "services.cli", "probe", f"grpc://127.0.0.1:{port}"
        )
        return await child.wait()

    assert await probe() == 1  # not polling yet
    await health.serving(True)
    assert await probe() == 0
    await health.server.stop(0)
    assert await worker_health(WorkerSettings(worker_health_port=0)) is None
