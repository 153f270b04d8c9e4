"""Templates are written by people: a render is bounded in size, memory and time, and a
runaway template fails alone while other renders go on."""

from __future__ import annotations

import asyncio
import time

import pytest

from services.common.errors import InvalidArgument
from services.notifications.templates import Content, RenderPool, render


def test_repeating_a_string_into_megabytes_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="repeating"):
        render(Content("s", "{{ 'x' * 40000000 }}"), {})


def test_huge_powers_are_refused() -> None:
    with pytest.raises(InvalidArgument, match="exponent"):
        render(Content("s", "{{ 9 ** 99999999 }}"), {})


def test_output_stops_at_the_limit() -> None:
    body = "{% for i in range(100000) %}0123456789{% endfor %}"
    with pytest.raises(InvalidArgument, match="renders to more than"):
        render(Content("s", body), {})


def test_an_ordinary_template_renders() -> None:
    assert render(Content("Hi {{ n }}", "{{ n * 2 }}"), {"n": 3}).body_text == "6"


async def test_a_runaway_loop_is_stopped_and_others_keep_rendering() -> None:
    pool = RenderPool(workers=2, seconds=1.0)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    try:
        # warm the processes up so the timings below measure renders, not start-up
        await pool.render(Content("s", "warm"), {})
        started = time.monotonic()
        runaway = asyncio.ensure_future(pool.render(Content("s", loop), {}))
        await asyncio.sleep(0.1)
        ordinary = await pool.render(Content("Hi {{ n }}", "body"), {"n": "Li"})
        assert ordinary.subject == "Hi Li"
        with pytest.raises(InvalidArgument, match="longer than 1 s"):
            await runaway
        assert time.monotonic() - started < 5
        # and the pool serves again after it killed the runaway render
        assert (await pool.render(Content("s", "{{ 1 + 1 }}"), {})).body_text == "2"
    finally:
        pool.close()


async def test_a_memory_bomb_fails_with_a_clear_error() -> None:
    pool = RenderPool(workers=1, seconds=5.0)
    bomb = (
        "{% set ns = namespace(s='xxxxxxxxxx') %}"
        "{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
    )
    try:
        with pytest.raises(InvalidArgument):
            await pool.render(Content("s", bomb), {})
    finally:
        pool.close()
