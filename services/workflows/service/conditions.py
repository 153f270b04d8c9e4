"""Rule conditions: CEL expressions over the event and the client, bounded when saved
(length, parse depth, macros) and evaluated with every failure confined to one rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clientflow.clients.v1 import clients_pb2
from google.protobuf import json_format

from services.common.cel import ExpressionError, compile_expression, run


class ConditionError(Exception):
    """A condition could not be evaluated for this event and client."""


def compile_condition(expression: str) -> Any:
    """A CEL program, or INVALID_ARGUMENT with the line and column of the syntax error
    (bounded as services.common.cel says)."""
    return compile_expression(expression, "condition")


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
    values = {"event": event, "client": client}
    if process is not None:
        values["process"] = process
    try:
        return bool(run(program, values))
    except ExpressionError as error:
        raise ConditionError(str(error)) from None
