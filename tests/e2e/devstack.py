"""A `clientflow dev` stack booted in a temporary directory on free ports, for e2e tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from tests.support import free_port


class DevStack:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.ports = {
            name: free_port()
            for name in (
                "gateway",
                "console",
                "clients",
                "notifications",
                "reporting",
                "workflows",
                "postgres",
                "temporal",
                "temporal_ui",
                "mail",
                "mail_api",
                "worker_health",
            )
        }
        self.ports["metrics"] = free_port()
        self.process: subprocess.Popen[str] | None = None
        self.output: list[str] = []

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.ports['gateway']}"

    def start(self, *extra: str) -> str:
        """Boot (with `extra` flags) and return the admin token from the banner."""
        argv = [
            sys.executable,
            "-m",
            "services.cli",
            "dev",
            "--data-dir",
            str(self.workdir / ".clientflow"),
        ]
        for name, port in self.ports.items():
            if name == "metrics":
                continue
            argv += [f"--{name.replace('_', '-')}-port", str(port)]
        argv += extra
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEMPORAL_ADDRESS")}
        # Generated requests come faster than a person's; the limit itself is tested elsewhere.
        env["CLIENTFLOW_EXPENSIVE_RATE_PER_MINUTE"] = "100000"
        env["CLIENTFLOW_EXPENSIVE_BURST"] = "100000"
        # Metrics on: each process gets its own port from this one up.
        env["CLIENTFLOW_METRICS_PORT"] = str(self.ports["metrics"])
        self.process = subprocess.Popen(
            argv,
            cwd=self.workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + 120
        for line in self.process.stdout:
            self.output.append(line)
            if line.strip().startswith("Admin token"):
                return line.split()[-1]
            if time.monotonic() > deadline:
                break
        raise AssertionError("clientflow dev did not become ready:\n" + "".join(self.output))

    def descendants(self) -> list[psutil.Process]:
        assert self.process is not None
        return psutil.Process(self.process.pid).children(recursive=True)

    def interrupt(self, sig: int = signal.SIGINT) -> float:
        """Ctrl-C (or another signal); returns how long the stop took."""
        assert self.process is not None
        started = time.monotonic()
        self.process.send_signal(sig)
        self.process.communicate(timeout=30)
        return time.monotonic() - started
