"""Worker processes that end with the service that started them.

A pool's worker processes outlive a service killed with SIGKILL (nothing runs in the parent
to stop them); each one watches its parent and exits when the parent is gone.
"""

from __future__ import annotations

import os
import threading
import time

WATCH_SECONDS = 1.0


def exit_with_parent() -> None:
    """Start a daemon thread in this (child) process that exits it once its parent is gone
    (the child is re-parented, so its parent id changes)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
