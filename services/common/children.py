"""Worker processes that end with the service that started them.

A pool's worker processes outlive a service killed with SIGKILL (nothing runs in the parent
to stop them); each one watches its parent and exits when the parent is gone. The parent
names itself (`initargs=(os.getpid(),)`): a worker still starting when its parent was killed
would otherwise take init for its parent and watch it forever.
"""

from __future__ import annotations

import os
import threading
import time

WATCH_SECONDS = 1.0


def exit_with_parent(parent: int | None = None) -> None:
    """Start a daemon thread in this (child) process that exits it once its parent (`parent`,
    or the current one) is gone: the child is re-parented, so its parent id changes."""
    if parent is None:
        parent = os.getppid()
    elif os.getppid() != parent:
        os._exit(0)  # the parent died while this process was starting

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
