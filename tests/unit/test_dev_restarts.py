"""`clientflow dev` brings a dead process back, waiting longer each time, and stops only on a
crash loop of the system of record; an optional helper that keeps crashing is left stopped."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from services.devstack.processes import Child
from services.devstack.tending import Restarts, tend


def test_backoff_doubles_to_a_ceiling_and_a_crash_loop_stops() -> None:
    restarts = Restarts(limit=5, window=120)
    delays = [restarts.record("gateway", t) for t in (0.0, 1.0, 3.0, 7.0, 15.0)]
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert restarts.record("gateway", 31.0) is None  # a sixth death within two minutes
    # Deaths long apart are not a loop; other children have their own count.
    calm = Restarts(limit=2, window=10)
    assert [calm.record("mailbox", t) for t in (0.0, 20.0, 40.0)] == [1.0, 1.0, 1.0]
    assert calm.record("worker", 40.0) == 1.0


def test_a_child_says_how_it_ended_and_shows_only_its_own_lines(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_text("an earlier run's line\n")
    child = Child(
        "x", [sys.executable, "-c", "print('fresh', flush=True); raise SystemExit(3)"], log
    )
    child.start()
    assert child.process is not None
    child.process.wait(10)
    assert child.how_it_ended() == "exit status 3"
    assert child.tail() == "fresh"
    sleeper = Child("s", [sys.executable, "-c", "import time; time.sleep(30)"], log)
    sleeper.start()
    assert sleeper.process is not None
    sleeper.process.send_signal(signal.SIGKILL)
    try:
        sleeper.process.wait(10)
    except subprocess.TimeoutExpired:
        raise AssertionError("not killed") from None
    assert sleeper.how_it_ended() == "killed by signal SIGKILL"


def test_the_dev_sign_in_stays_on_loopback_unless_asked() -> None:
    import os

    from services.devstack.settings import DevSettings
    from services.devstack.supervisor import DevStack

    os.environ.pop("CLIENTFLOW_OIDC_ISSUER", None)
    assert DevStack(DevSettings()).console_mode == "dev"
    wide = DevStack(DevSettings(bind_host="0.0.0.0"))
    assert wide.console_mode is None and "--dev-sign-in" in wide.console_line
    assert DevStack(DevSettings(bind_host="0.0.0.0", dev_sign_in=True)).console_mode == "dev"


class _Dying:
    """A child that dies as soon as it starts."""

    def __init__(self, name: str, log: Path) -> None:
        self.name, self.log_path, self.starts = name, log, 0
        self.running = False

    def start(self) -> None:
        self.starts += 1

    def how_it_ended(self) -> str:
        return "exit code 1"

    def tail(self, lines: int = 20) -> str:
        return ""


class _Stack:
    def __init__(self, *children: _Dying) -> None:
        self.stores: list[_Dying] = []
        self.apps = list(children)
        self.given_up: set[str] = set()


def _loop(stack: _Stack, seconds: int) -> bool:
    restarts: Restarts = Restarts(limit=5, window=120)
    due: dict[str, float] = {}
    return all(tend(stack, restarts, due, float(t)) for t in range(seconds))  # type: ignore[arg-type]


def test_a_crash_looping_mail_catcher_is_left_stopped_and_the_rest_serves(
    tmp_path: Path,
) -> None:
    mailbox = _Dying("mailbox", tmp_path / "m.log")
    stack = _Stack(mailbox)
    assert _loop(stack, 120)
    assert stack.given_up == {"mailbox"} and mailbox.starts == 5
    gateway = _Dying("gateway", tmp_path / "g.log")
    assert not _loop(_Stack(gateway), 120)
