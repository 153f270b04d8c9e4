"""The merged timeline's paging: every item once, newest first, across sources that page
themselves — with filters that drop items and a bounded scan."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.common.errors import InvalidArgument
from services.gateway import timeline
from services.gateway.timeline import Source, merged_page

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def listing(name: str, times: list[int]) -> tuple[Source, list[dict[str, Any]], list[int]]:
    """A source of items at the given minutes, paged with offset tokens; counts its fetches."""
    items: list[dict[str, Any]] = sorted(
        ({"id": f"{name}{i}", "at": T0 + timedelta(minutes=m)} for i, m in enumerate(times)),
        key=lambda x: x["at"],
        reverse=True,
    )
    calls = [0]

    async def fetch(token: str, size: int) -> tuple[list[Any], str]:
        calls[0] += 1
        start = int(token or 0)
        end = start + size
        return items[start:end], str(end) if end < len(items) else ""

    return Source(fetch, lambda x: x["at"]), items, calls


async def read_all(sources: dict[str, Source], size: int) -> list[str]:
    seen: list[str] = []
    token = ""
    for _ in range(1000):
        page, token = await merged_page(sources, token, size)
        seen.extend(item["id"] for _name, item in page)
        if not token:
            return seen
    raise AssertionError("never ended")


@pytest.mark.parametrize("size", [1, 3, 7, 50])
async def test_every_item_once_newest_first(size: int) -> None:
    rng = random.Random(size)
    a, a_items, _ = listing("a", [rng.randint(0, 5000) for _ in range(130)])
    b, b_items, _ = listing("b", [rng.randint(0, 5000) for _ in range(20)])
    c, _, _ = listing("c", [])
    got = await read_all({"a": a, "b": b, "c": c}, size)
    expected = sorted(a_items + b_items, key=lambda x: x["at"], reverse=True)
    assert sorted(got) == sorted(x["id"] for x in expected)
    by_id = {x["id"]: x["at"] for x in expected}
    times = [by_id[i] for i in got]
    assert times == sorted(times, reverse=True)


async def test_a_filter_that_drops_most_items_keeps_order_and_bounds_each_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(timeline, "FETCH_SIZE", 5)
    monkeypatch.setattr(timeline, "MAX_PAGES", 2)
    sparse, items, calls = listing("s", list(range(0, 400, 2)))
    kept = Source(sparse.fetch, sparse.at, lambda x: int(x["id"][1:]) % 37 == 0)
    dense, dense_items, _ = listing("d", list(range(1, 400, 10)))
    token = ""
    got: list[str] = []
    pages = 0
    while True:
        before = calls[0]
        page, token = await merged_page({"s": kept, "d": dense}, token, 4)
        assert calls[0] - before <= 2  # the bound holds on every request
        got.extend(item["id"] for _n, item in page)
        pages += 1
        if not token:
            break
    wanted = [x for x in items if int(x["id"][1:]) % 37 == 0] + dense_items
    assert got == [x["id"] for x in sorted(wanted, key=lambda x: x["at"], reverse=True)]


@pytest.mark.parametrize("token", ["@@@", "eyJhIjpbMSwyXX0", "bnVsbA"])
async def test_a_forged_token_is_refused_naming_the_field(token: str) -> None:
    a, _, _ = listing("a", [1, 2, 3])
    with pytest.raises(InvalidArgument) as raised:
        await merged_page({"a": a}, token, 2)
    assert raised.value.field == "page_token"
