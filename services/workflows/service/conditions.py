"""Rule conditions: CEL expressions over the event and the client, bounded when saved
(length, parse depth, macros) and evaluated with every failure confined to one rule."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from typing import Any

import celpy
from celpy.adapter import json_to_cel
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError
from clientflow.clients.v1 import clients_pb2
from google.protobuf import json_format

from services.common.errors import (
    InvalidArgument,
)

log = logging.getLogger(__name__)
_CEL = celpy.Environment()


# A condition is bounded when saved: its length, the depth of its parse tree (evaluation
# recurses along it) and its comprehension macros (the only loops CEL has) — at most a few,
# never one inside another, so evaluation stays linear in the event's size.
MAX_CONDITION_CHARS = 2000
MAX_CONDITION_DEPTH = 250
MAX_MACROS = 4
MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})


class ConditionError(Exception):
    """A condition could not be evaluated for this event and client."""


def compile_condition(expression: str) -> Any:
    """A CEL program, or INVALID_ARGUMENT with the line and column of the syntax error."""
    if not expression.strip():
        return None
    return _compiled(expression)


@functools.lru_cache(maxsize=1024)
def _compiled(expression: str) -> Any:
    """Parsing is most of a rule's cost per event; a condition's text is its cache key."""
    if len(expression) > MAX_CONDITION_CHARS:
        raise InvalidArgument(
            "condition",
            expression[:80] + "…",
            f"must be at most {MAX_CONDITION_CHARS:,} characters",
        )
    try:
        tree = _CEL.compile(expression)
        _check_shape(expression, tree)
        return _CEL.program(tree)
    except CELParseError as error:
        line, column = getattr(error, "line", None), getattr(error, "column", None)
        raise InvalidArgument(
            "condition",
            expression,
            f"CEL syntax error at line {line}, column {column}",
        ) from None
    except RecursionError:
        raise InvalidArgument("condition", expression[:80], "is nested too deeply") from None


def _check_shape(expression: str, tree: Any) -> None:
    """Refuse a parse tree deeper than MAX_CONDITION_DEPTH, more than MAX_MACROS macros, or a
    macro inside another (walked without recursion)."""
    macros = 0
    stack: list[tuple[Any, int, bool]] = [(tree, 1, False)]
    while stack:
        node, depth, in_macro = stack.pop()
        if depth > MAX_CONDITION_DEPTH:
            raise InvalidArgument("condition", expression[:80], "is nested too deeply")
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
                    "condition",
                    expression[:80],
                    "must not nest a macro (all, exists, map, …) in another",
                )
            if macros > MAX_MACROS:
                raise InvalidArgument(
                    "condition", expression[:80], f"may use at most {MAX_MACROS} macros"
                )
        stack.extend((child, depth + 1, in_macro or is_macro) for child in children)


def _doubles(value: Any) -> Any:
    """CEL does not compare int with double; every number is a double here (write 1000.0)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict):
        return {str(k): _doubles(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_doubles(v) for v in value]
    return value


def client_facts(client: clients_pb2.Client) -> dict[str, Any]:
    """What a condition may ask about a client."""
    try:
        aum = float(client.aum or 0)
    except ValueError:
        aum = 0.0
    return {
        "id": client.id,
        "tier": client.tier,
        "stage": client.lifecycle_stage,
        "risk_level": client.kyc.risk_level,
        "kyc_status": client.kyc.status,
        "tags": list(client.tags),
        "custom_fields": json_format.MessageToDict(client.custom_fields),
        "aum": aum,
        "advisor_id": client.advisor_id,
        "team_id": client.team_id,
        "status": client.status,
        "locale": client.locale,
    }


def evaluate(
    program: Any,
    event: Mapping[str, Any],
    client: Mapping[str, Any],
    *,
    process: Mapping[str, Any] | None = None,
) -> bool:
    """True when the condition holds; any failure (a missing key, a type mismatch, anything
    the evaluator itself trips on) is a ConditionError for this rule alone."""
    if program is None:
        return True
    try:
        activation = {
            "event": json_to_cel(_doubles(dict(event))),
            "client": json_to_cel(_doubles(dict(client))),
        }
        if process is not None:
            activation["process"] = json_to_cel(_doubles(dict(process)))
        result = program.evaluate(activation)
    except CELEvalError as error:
        raise ConditionError(str(error)[:300]) from None
    except Exception as error:  # the evaluator is third-party code run on user input
        log.warning("rule condition failed to evaluate: %r", error)
        raise ConditionError(
            f"the condition could not be evaluated: {type(error).__name__}"
        ) from None
    if isinstance(result, CELEvalError):
        raise ConditionError(str(result)[:300])
    return bool(result)
