"""Bounded CEL: the expressions users write (rule conditions, computed record fields) are
bounded when saved — length, parse depth, comprehension macros — so evaluating one stays
linear in the size of what it reads, and every evaluation failure is confined to it."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from typing import Any

import celpy
from celpy.adapter import json_to_cel
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError

from services.common.errors import InvalidArgument

log = logging.getLogger(__name__)
_CEL = celpy.Environment()

# Comprehension macros are the only loops CEL has: a few at most, never one inside another.
MAX_CHARS = 2000
MAX_DEPTH = 250
MAX_MACROS = 4
MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})


class ExpressionError(Exception):
    """An expression could not be evaluated over these values."""


def compile_expression(expression: str, field: str = "condition") -> Any:
    """A CEL program (None for an empty expression), or INVALID_ARGUMENT naming `field`
    with the line and column of a syntax error or the bound exceeded."""
    if not expression.strip():
        return None
    return _compiled(expression, field)


@functools.lru_cache(maxsize=1024)
def _compiled(expression: str, field: str) -> Any:
    """Parsing is most of an expression's cost; its text is the cache key."""
    if len(expression) > MAX_CHARS:
        raise InvalidArgument(
            field, expression[:80] + "…", f"must be at most {MAX_CHARS:,} characters"
        )
    try:
        tree = _CEL.compile(expression)
        _check_shape(field, expression, tree)
        return _CEL.program(tree)
    except CELParseError as error:
        line, column = getattr(error, "line", None), getattr(error, "column", None)
        raise InvalidArgument(
            field, expression, f"CEL syntax error at line {line}, column {column}"
        ) from None
    except RecursionError:
        raise InvalidArgument(field, expression[:80], "is nested too deeply") from None


def _check_shape(field: str, expression: str, tree: Any) -> None:
    """Refuse a parse tree deeper than MAX_DEPTH, more than MAX_MACROS macros, or a macro
    inside another (walked without recursion)."""
    macros = 0
    stack: list[tuple[Any, int, bool]] = [(tree, 1, False)]
    while stack:
        node, depth, in_macro = stack.pop()
        if depth > MAX_DEPTH:
            raise InvalidArgument(field, expression[:80], "is nested too deeply")
        children = getattr(node, "children", None)
        if children is None:
            continue
        is_macro = getattr(node, "data", "") == "member_dot_arg" and any(
            str(child) in MACROS for child in children if not hasattr(child, "children")
        )
        if is_macro:
            macros += 1
            if in_macro:
                raise InvalidArgument(
                    field,
                    expression[:80],
                    "must not nest a macro (all, exists, map, …) in another",
                )
            if macros > MAX_MACROS:
                raise InvalidArgument(
                    field, expression[:80], f"may use at most {MAX_MACROS} macros"
                )
        stack.extend((child, depth + 1, in_macro or is_macro) for child in children)


def doubles(value: Any) -> Any:
    """CEL does not compare int with double; every number is a double here (write 1000.0)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict):
        return {str(k): doubles(v) for k, v in value.items()}
    if isinstance(value, list):
        return [doubles(v) for v in value]
    return value


def run(program: Any, values: Mapping[str, Mapping[str, Any]]) -> Any:
    """The program's result over `values` (each a JSON object named in the expression), or
    ExpressionError — whatever the third-party evaluator trips on stays here."""
    try:
        activation = {name: json_to_cel(doubles(dict(value))) for name, value in values.items()}
        result = program.evaluate(activation)
    except CELEvalError as error:
        raise ExpressionError(str(error)[:300]) from None
    except Exception as error:  # the evaluator is third-party code run on user input
        log.warning("an expression failed to evaluate: %r", error)
        raise ExpressionError(
            f"the expression could not be evaluated: {type(error).__name__}"
        ) from None
    if isinstance(result, CELEvalError):
        raise ExpressionError(str(result)[:300])
    return result
