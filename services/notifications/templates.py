"""Rendering templates: Jinja2 in a sandbox with strict undefined variables.

The subject and the plain-text body render without escaping; the HTML body renders with
autoescaping, so a client's name containing ``<`` cannot change the markup. A variable the
template uses but the caller did not give is an INVALID_ARGUMENT naming it, at preview time
and at send time; a syntax error is refused when the template is saved, with its line.

Templates are written by people, so a render is bounded: the sandbox refuses repeating a
string or list into something huge and large powers, each part's output stops at
``MAX_OUTPUT_CHARS``, and ``render_bounded`` runs the render in a separate process with a
memory ceiling and a time limit, so a template with a runaway loop fails alone instead of
stalling every other request of the service. A straight-line template — text, variables,
conditions and a short list of filters, with no loop, call, macro or operator that repeats
(most messages) — cannot run away: its render is linear in its text and its variables, so it
renders in the service's own process and skips the trip to the render process.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import multiprocessing
import os
import re
import threading
from dataclasses import astuple, dataclass
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from services.common.children import exit_with_parent
from services.common.errors import InvalidArgument

# What one part of a rendered message may grow to, and how long a whole render may take.
MAX_OUTPUT_CHARS = 200_000
RENDER_SECONDS = 2.0
# The render process's address-space ceiling: a template that doubles a string in a loop
# meets MemoryError there, not the machine's OOM killer.
RENDER_MEMORY_BYTES = 1024 * 1024 * 1024
MAX_EXPONENT = 100


class _BoundedSandbox(SandboxedEnvironment):
    """Jinja2's sandbox plus size checks on `*` and `**`, which it leaves unbounded."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    isinstance(sequence, str | list | tuple | bytes)
                    and isinstance(times, int)
                    and len(sequence) * times > MAX_OUTPUT_CHARS
                ):
                    raise SecurityError(
                        f"repeating a sequence {times} times makes more than"
                        f" {MAX_OUTPUT_CHARS:,} items"
                    )
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"exponents above {MAX_EXPONENT} are not allowed")
        return super().call_binop(context, operator, left, right)


_PLAIN = _BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
_HTML = _BoundedSandbox(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)

_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")
_UNDEFINED_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")

PARTS = ("subject", "body_text", "body_html")


@dataclass(frozen=True)
class Content:
    subject: str
    body_text: str
    body_html: str = ""


def _environment(part: str) -> SandboxedEnvironment:
    return _HTML if part == "body_html" else _PLAIN


@functools.lru_cache(maxsize=512)
def _compiled(part: str, source: str) -> Template:
    """Compiling is most of a render's cost; template versions are immutable, so the source
    text is a safe cache key."""
    return _environment(part).from_string(source)


def check_syntax(content: Content, *, field_prefix: str = "content") -> None:
    """Refuse a template that does not compile, naming the part and the line."""
    for part in PARTS:
        source = getattr(content, part)
        try:
            _environment(part).parse(source)
        except TemplateSyntaxError as error:
            raise InvalidArgument(
                f"{field_prefix}.{part}",
                _excerpt(source, error.lineno),
                f"template syntax error at line {error.lineno}: {error.message}",
            ) from None


def render(content: Content, variables: dict[str, Any]) -> Content:
    """Render every part; a missing variable names itself as ``variables.<name>``."""
    rendered = {}
    for part in PARTS:
        source = getattr(content, part)
        if not source:
            rendered[part] = ""
            continue
        try:
            rendered[part] = _render_part(part, source, variables)
        except UndefinedError as error:
            raise InvalidArgument(
                f"variables.{_missing_name(str(error))}",
                None,
                f"the template's {part} uses it but it was not given ({error})",
            ) from None
        except SecurityError as error:
            raise InvalidArgument(
                f"content.{part}", None, f"not allowed in a template: {error}"
            ) from None
        except TemplateSyntaxError as error:
            raise InvalidArgument(
                f"content.{part}",
                _excerpt(source, error.lineno),
                f"template syntax error at line {error.lineno}: {error.message}",
            ) from None
        except (TypeError, ValueError, ArithmeticError) as error:
            raise InvalidArgument(
                f"content.{part}", None, f"cannot be rendered with these variables: {error}"
            ) from None
        except (MemoryError, RecursionError):
            raise InvalidArgument(
                f"content.{part}", None, "rendering it needs more memory or depth than allowed"
            ) from None
    # Header injection: a subject is one line.
    subject = " ".join(rendered["subject"].split())
    return Content(
        subject=subject, body_text=rendered["body_text"], body_html=rendered["body_html"]
    )


def _render_part(part: str, source: str, variables: dict[str, Any]) -> str:
    """Render streaming, stopping as soon as the output passes MAX_OUTPUT_CHARS."""
    chunks: list[str] = []
    size = 0
    for chunk in _compiled(part, source).generate(variables):
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise InvalidArgument(
                f"content.{part}",
                None,
                f"renders to more than {MAX_OUTPUT_CHARS:,} characters",
            )
        chunks.append(chunk)
    return "".join(chunks)


# -- straight-line templates ----------------------------------------------------------------

# Nodes whose evaluation is linear in the template's text and its variables' sizes.
_LINEAR_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.Getattr,
    nodes.Getitem,
    nodes.If,
    nodes.CondExpr,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Concat,
    nodes.Add,
    nodes.Sub,
    nodes.Div,
    nodes.FloorDiv,
    nodes.Neg,
    nodes.Pos,
    nodes.Filter,
    nodes.Test,
)
# Filters whose output is at most linear in their input (no padding, formatting or repeating
# by a number the template chooses).
_LINEAR_FILTERS = frozenset(
    {
        "default", "d", "upper", "lower", "title", "capitalize", "trim", "escape", "e",
        "string", "int", "float", "round", "abs", "length", "count", "first", "last",
        "striptags", "truncate", "wordcount", "safe",
    }
)  # fmt: skip
_LINEAR_TESTS = frozenset(
    {"defined", "undefined", "none", "number", "string", "true", "false", "eq", "ne"}
)


@functools.lru_cache(maxsize=512)
def _straight_line(part: str, source: str) -> bool:
    """True when the part is a straight-line template (see the module's docstring)."""
    try:
        tree = _environment(part).parse(source)
    except TemplateSyntaxError:
        return False  # the render process reports it
    for node in tree.find_all(nodes.Node):
        if type(node) not in _LINEAR_NODES:
            return False
        if isinstance(node, nodes.Filter) and node.name not in _LINEAR_FILTERS:
            return False
        if isinstance(node, nodes.Test) and node.name not in _LINEAR_TESTS:
            return False
    return True


def straight_line(content: Content) -> bool:
    return all(_straight_line(part, getattr(content, part)) for part in PARTS)


# -- the render process ---------------------------------------------------------------------


def _limit_memory(parent: int) -> None:
    import resource

    exit_with_parent(parent)
    resource.setrlimit(resource.RLIMIT_AS, (RENDER_MEMORY_BYTES, RENDER_MEMORY_BYTES))


def _render_in_child(
    parts: tuple[str, str, str], variables: dict[str, Any]
) -> tuple[str, tuple[str, ...]]:
    """Runs in the render process; errors come back as data (they need not pickle)."""
    try:
        return "ok", astuple(render(Content(*parts), variables))
    except InvalidArgument as error:
        value = "" if error.value is None else str(error.value)
        return "invalid", (error.field or "content", value, error.reason)


class RenderPool:
    """Renders in worker processes with a time limit; a render over it kills the pool's
    processes (the only way to stop a runaway Jinja2 loop) and a fresh pool takes over."""

    def __init__(self, workers: int = 2, seconds: float = RENDER_SECONDS) -> None:
        self.workers = workers
        self.seconds = seconds
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _current(self) -> concurrent.futures.ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = concurrent.futures.ProcessPoolExecutor(
                    self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_limit_memory,
                    initargs=(os.getpid(),),
                )
            return self._pool

    def _discard(self, pool: concurrent.futures.ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is not pool:
                return
            self._pool = None
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    async def render(self, content: Content, variables: dict[str, Any]) -> Content:
        """`render` in a worker process, bounded by `seconds`."""
        for attempt in range(2):
            pool = self._current()
            future = asyncio.wrap_future(pool.submit(_render_in_child, astuple(content), variables))
            try:
                status, values = await asyncio.wait_for(future, self.seconds)
            except TimeoutError:
                self._discard(pool)
                raise InvalidArgument(
                    "content", None, f"took longer than {self.seconds:g} s to render"
                ) from None
            except concurrent.futures.BrokenExecutor:
                # Another render's time-out killed the pool under this one: once more.
                self._discard(pool)
                if attempt:
                    raise
                continue
            if status == "invalid":
                field, value, reason = values
                raise InvalidArgument(field, value or None, reason)
            return Content(*values)
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        """Stop the worker processes."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


RENDERER = RenderPool()


async def render_bounded(content: Content, variables: dict[str, Any]) -> Content:
    """Render bounded in time, memory and output: a straight-line template here, any other
    in the render processes."""
    if straight_line(content):
        return render(content, variables)
    return await RENDERER.render(content, variables)


def _missing_name(message: str) -> str:
    for pattern in (_UNDEFINED_NAME, _UNDEFINED_ATTRIBUTE):
        match = pattern.search(message)
        if match:
            return match.group(1)
    return "(unknown)"


def _excerpt(source: str, line: int | None) -> str:
    lines = source.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return source[:80]
    return lines[line - 1][:80]
