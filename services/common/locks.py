"""In-process locks by key: duplicates of one request wait here, holding no connection."""

from __future__ import annotations

import asyncio
import weakref


class KeyLocks:
    """One asyncio lock per key, dropped when nobody holds or waits on it."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock
