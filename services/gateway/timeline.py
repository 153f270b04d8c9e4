"""One newest-first stream merged from several newest-first sources, paged.

Each source pages itself with its own opaque tokens. The merged page's cursor keeps, per
source, where its next unread item is: the token of the page it is on and how many items of
that page were already read. No source needs to learn a new filter, and a source's own token
checks still apply to what comes back.

A filter that drops items (a channel, say) can make a source scan several pages for a few
kept ones; the scan is bounded (`MAX_PAGES`). A source stopped by the bound has a frontier —
nothing it has not scanned is newer than the last item it scanned — and the page emits only
items at or above the highest such frontier, so the stream stays in order: the page is shorter,
the cursor carries on.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.common.errors import InvalidArgument

FETCH_SIZE = 50
MAX_PAGES = 4
MAX_CURSOR_CHARS = 4000

# (page token, page size) -> (items newest first, next page token or "")
Fetch = Callable[[str, int], Awaitable[tuple[list[Any], str]]]


@dataclass(frozen=True)
class Source:
    fetch: Fetch
    at: Callable[[Any], datetime]  # the item's time
    keep: Callable[[Any], bool] = lambda _item: True


@dataclass
class _Read:
    item: Any
    at: datetime
    token: str  # the page it came from
    index: int  # its place on that page


@dataclass
class _Scan:
    kept: list[_Read]
    end: tuple[str, int] | None  # where the scan stopped; None when the source is used up
    frontier: datetime | None  # the last scanned item's time, when not used up


Position = tuple[str, int] | None  # None: nothing left


def decode_cursor(token: str, names: list[str]) -> dict[str, Position]:
    """Positions per source from a merged page token ("" = every source from its start)."""
    if not token:
        return {name: ("", 0) for name in names}
    try:
        raw = json.loads(base64.urlsafe_b64decode(token.encode() + b"=" * (-len(token) % 4)))
        positions: dict[str, Position] = {}
        for name in names:
            value = raw.get(name, ["", 0])
            if value is None:
                positions[name] = None
                continue
            page_token, skip = value
            if not isinstance(page_token, str) or not isinstance(skip, int) or skip < 0:
                raise ValueError(name)
            positions[name] = (page_token, skip)
        return positions
    except (ValueError, TypeError, AttributeError, binascii.Error, json.JSONDecodeError):
        raise InvalidArgument("page_token", token[:40], "is not a token this list gave") from None


def encode_cursor(positions: Mapping[str, Position]) -> str:
    if all(p is None for p in positions.values()):
        return ""
    data = json.dumps(
        {k: list(v) if v else None for k, v in positions.items()}, separators=(",", ":")
    )
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


async def _scan(source: Source, position: tuple[str, int], need: int) -> _Scan:
    token, skip = position
    kept: list[_Read] = []
    last: datetime | None = None
    for _ in range(MAX_PAGES):
        items, next_token = await source.fetch(token, FETCH_SIZE)
        for index in range(skip, len(items)):
            item = items[index]
            last = source.at(item)
            if source.keep(item):
                kept.append(_Read(item, last, token, index))
            if len(kept) >= need:
                return _Scan(kept, (token, index + 1), last)
        if not next_token:
            return _Scan(kept, None, None)
        token, skip = next_token, 0
    return _Scan(kept, (token, 0), last)


async def merged_page(
    sources: Mapping[str, Source], page_token: str, page_size: int
) -> tuple[list[tuple[str, Any]], str]:
    """Up to `page_size` (source name, item) newest first, and the next merged page token."""
    positions = decode_cursor(page_token, list(sources))
    scans: dict[str, _Scan] = {}
    for name, source in sources.items():
        position = positions[name]
        if position is not None:
            scans[name] = await _scan(source, position, page_size)
    frontiers = [s.frontier for s in scans.values() if s.end is not None and s.frontier]
    floor = max(frontiers) if frontiers else None
    candidates = sorted(
        ((read.at, name, read) for name, scan in scans.items() for read in scan.kept),
        key=lambda c: c[0],
        reverse=True,
    )
    page = [c for c in candidates if floor is None or c[0] >= floor][:page_size]
    taken: dict[str, list[_Read]] = {}
    for _at, name, read in page:
        taken.setdefault(name, []).append(read)
    for name, scan in scans.items():
        reads = taken.get(name, [])
        if len(reads) == len(scan.kept):
            positions[name] = scan.end
        else:
            last = reads[-1] if reads else None
            if last is not None:
                positions[name] = (last.token, last.index + 1)
    return [(name, read.item) for _at, name, read in page], encode_cursor(positions)
