"""The keys an import has seen (external id, phone, e-mail of each row), and the row that
first had each: how a file's second row for the same client is named as such.

A 200,000-row file has up to 600,000 keys. In a dict each costs about 80 bytes (the entry
and an int object); here a key is a 64-bit hash in one flat array and its row a 32-bit
number in another, open addressing at most 60 % full: about 20 bytes a key. Two different
keys sharing a hash is about 1 in 10^8 for a file at the row limit, and would show as a
rejected row in the report, never as a lost one."""

from __future__ import annotations

from array import array

EMPTY = 0
MASK = (1 << 63) - 1


class SeenKeys:
    def __init__(self, capacity: int = 1024) -> None:
        self._keys = array("q", bytes(8 * capacity))
        self._rows = array("i", bytes(4 * capacity))
        self._used = 0

    @staticmethod
    def key(kind: str, value: str) -> int:
        return (hash((kind, value)) & MASK) or 1

    def row_of(self, key: int) -> int | None:
        """The row that first had `key`, or None."""
        keys, last = self._keys, len(self._keys) - 1
        slot = key & last
        while True:
            found = keys[slot]
            if found == key:
                return self._rows[slot]
            if found == EMPTY:
                return None
            slot = (slot + 1) & last

    def add(self, key: int, row: int) -> None:
        """Remember `key` as first seen on `row` (a key already there keeps its row)."""
        if (self._used + 1) * 5 > len(self._keys) * 3:
            self._grow()
        keys, last = self._keys, len(self._keys) - 1
        slot = key & last
        while keys[slot] not in (EMPTY, key):
            slot = (slot + 1) & last
        if keys[slot] == EMPTY:
            keys[slot] = key
            self._rows[slot] = row
            self._used += 1

    def __len__(self) -> int:
        return self._used

    def _grow(self) -> None:
        old_keys, old_rows = self._keys, self._rows
        capacity = 2 * len(old_keys)
        self._keys = array("q", bytes(8 * capacity))
        self._rows = array("i", bytes(4 * capacity))
        self._used = 0
        for key, row in zip(old_keys, old_rows, strict=True):
            if key != EMPTY:
                self.add(key, row)
