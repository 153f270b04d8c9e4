"""A pool worker started with exit_with_parent ends when its service is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

PARENT = """
import concurrent.futures, multiprocessing, os, sys
from services.common.children import exit_with_parent
pool = concurrent.futures.ProcessPoolExecutor(
    1,
    mp_context=multiprocessing.get_context("spawn"),
    initializer=exit_with_parent,
    initargs=(os.getpid(),),
)
print(pool.submit(os.getpid).result(), flush=True)
sys.stdin.read()
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ")[1][0] != "Z"


def test_a_pool_worker_exits_when_its_parent_is_killed() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    assert _alive(worker)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def test_a_worker_whose_parent_died_while_it_started_exits_at_once() -> None:
    started = time.monotonic()
    orphan = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; from services.common.children import exit_with_parent;"
            " exit_with_parent(2**22 + 7); time.sleep(30)",
        ],
        timeout=20,
    )
    assert orphan.returncode == 0 and time.monotonic() - started < 10
