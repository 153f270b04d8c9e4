"""Templates are written by people: a render is bounded in size, memory and time, and a
runaway template fails alone while other renders go on."""

from __future__ import annotations

import asyncio
import time

import pytest

from services.common.errors import InvalidArgument
from services.notifications.templates import (
    RENDERER,
    Content,
    RenderPool,
    render,
    render_bounded,
    straight_line,
)


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


@pytest.mark.parametrize(
    "body",
    [
        "尊敬的{{ name }}：您的{{ quarter }}季度报告已生成。",
        "{% if aum > 1000000 %}{{ name|upper }}{% else %}{{ name|default('客户') }}{% endif %}",
        "{{ client.name ~ ' / ' ~ advisor['name'] }} {{ (aum / 10000)|round(1) }} 万元",
        "{{ note|truncate(80) }}{% if note is defined and note %}!{% endif %}",
    ],
)
def test_straight_line_templates_render_in_the_service_process(body: str) -> None:
    assert straight_line(Content("s {{ name|default('x') }}", body))


@pytest.mark.parametrize(
    "body",
    [
        "{% for i in range(10) %}x{% endfor %}",
        "{{ 'x' * n }}",
        "{{ 9 ** n }}",
        "{{ '%09999d' % 1 }}",
        "{{ name|center(99999) }}",
        "{{ '{:>99999}'.format(name) }}",
        "{{ name.ljust(99999) }}",
        "{% set s = name %}{{ s }}",
        "{% macro m() %}x{% endmacro %}{{ m() }}",
        "{{ name|replace('', 'yy') }}",
        "{{ name",
    ],
)
def test_anything_that_can_repeat_renders_in_the_render_process(body: str) -> None:
    assert not straight_line(Content("s", body))


async def test_render_bounded_takes_the_render_process_only_when_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    used: list[str] = []

    async def pool_render(content: Content, variables: dict[str, object]) -> Content:
        used.append(content.body_text)
        return render(content, variables)

    monkeypatch.setattr(RENDERER, "render", pool_render)
    simple = await render_bounded(Content("Hi {{ n }}", "{{ n|upper }}"), {"n": "li"})
    assert simple.body_text == "LI" and used == []
    looped = await render_bounded(Content("s", "{% for c in n %}{{ c }}{% endfor %}"), {"n": "ab"})
    assert looped.body_text == "ab" and used == ["{% for c in n %}{{ c }}{% endfor %}"]
    with pytest.raises(InvalidArgument) as missing:
        await render_bounded(Content("s", "{{ n }}"), {})
    assert missing.value.field == "variables.n"
