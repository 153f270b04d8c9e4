"""Child processes of `clientflow dev`: started in their own session (so Ctrl-C reaches only
the supervisor, which stops them in order), killed by the kernel if the supervisor dies."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM it when the supervisor goes away."""
    with contextlib.suppress(OSError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


@dataclass
class Child:
    """One supervised process and its log file."""

    name: str
    argv: Sequence[str]
    log_path: Path
    env: Mapping[str, str] = field(default_factory=dict)
    # Variables of these prefixes are not passed on (the Temporal dev server gets no OTEL_*:
    # its own polls would be most of the traces).
    withheld: tuple[str, ...] = ()
    user: str | None = None
    stop_signal: int = signal.SIGTERM
    process: subprocess.Popen[bytes] | None = None
    # Where this run's lines start in the log file (a restart appends to the same file).
    log_offset: int = 0

    def start(self) -> None:
        """Spawn with output to the log file."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.log_offset = log.tell()
        preexec: Callable[[], None] = _die_with_parent
        self.process = subprocess.Popen(
            list(self.argv),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={
                k: v
                for k, v in {**os.environ, **self.env}.items()
                if not (self.withheld and k.startswith(self.withheld))
            },
            start_new_session=True,
            preexec_fn=preexec,
            user=self.user,
        )
        log.close()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def tail(self, lines: int = 20) -> str:
        """The end of this run's log lines, for a failure message (never an earlier run's)."""
        try:
            with self.log_path.open("rb") as log:
                log.seek(self.log_offset)
                text = log.read().decode(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def how_it_ended(self) -> str:
        """'exit status 1' or 'killed by signal SIGKILL'."""
        code = None if self.process is None else self.process.poll()
        if code is None:
            return "still running"
        if code < 0:
            try:
                return f"killed by signal {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit status {code}"

    def signal_stop(self) -> None:
        """Ask the process to stop gracefully."""
        if self.running:
            assert self.process is not None
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(self.stop_signal)

    def wait_or_kill(self, timeout: float) -> None:
        """Wait for exit; kill the process and anything it started after `timeout`."""
        if self.process is None:
            return
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(self.process.pid)
            self.process.wait(timeout=5)
        else:
            kill_tree(self.process.pid, include_root=False)


def kill_tree(pid: int, *, include_root: bool = True) -> None:
    """SIGKILL a process and its descendants (and anything left in its session)."""
    try:
        root = psutil.Process(pid)
        victims = root.children(recursive=True) + ([root] if include_root else [])
    except psutil.NoSuchProcess:
        victims = []
    for proc in psutil.process_iter(["pid"]):
        with contextlib.suppress(psutil.Error):
            if os.getsid(proc.pid) == pid and proc not in victims:
                victims.append(proc)
    for proc in victims:
        with contextlib.suppress(psutil.Error):
            proc.kill()
