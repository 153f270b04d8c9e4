"""The test session leaves no process behind: a process started during the session, run
from this checkout's Python or tools, that was re-parented to init (its parent died without
ending it) and is still alive a few seconds after the session, fails the session; so does a
Clientflow process the session itself started (`clientflow <process>`, `services.cli`) and
never stopped — it would be re-parented to init only once the session is gone."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import psutil

GRACE_SECONDS = 10.0
ROOT = Path(__file__).resolve().parents[1]
OURS = (sys.executable, str(ROOT), "temporal", "postgres")


def running() -> set[tuple[int, float]]:
    """(pid, start time) of every process now — what the session did not start. (Start
    times are compared with each other, not with the wall clock, which may be set apart.)"""
    return {(p.pid, p.info["create_time"]) for p in psutil.process_iter(["create_time"])}


# A Clientflow process a test started as a child of the session.
STARTED = ("/bin/clientflow ", "services.cli ")


def _orphans(before: set[tuple[int, float]]) -> list[psutil.Process]:
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            command = " ".join(child.cmdline()) + " "
        except psutil.Error:
            continue
        if any(mark in command for mark in STARTED):
            found.append(child)
    for process in psutil.process_iter(["ppid", "create_time", "cmdline"]):
        info = process.info
        command = " ".join(info.get("cmdline") or [])
        if info.get("ppid") != 1 or (process.pid, info.get("create_time")) in before:
            continue
        if any(mark in command for mark in OURS):
            found.append(process)
    return found


def leftover_processes(before: set[tuple[int, float]]) -> list[str]:
    """The session's orphans (processes not in `before`) still alive after GRACE_SECONDS,
    each a line: pid and command."""
    deadline = time.monotonic() + GRACE_SECONDS
    left = _orphans(before)
    while left and time.monotonic() < deadline:
        time.sleep(0.5)
        left = [p for p in left if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    lines = []
    for process in left:
        try:
            lines.append(f"{process.pid}: {' '.join(process.cmdline())[:200]}")
        except psutil.Error:
            continue
    return lines
