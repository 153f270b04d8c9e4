"""Lifecycle rule arithmetic: quarters, streaks, first match."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.clients.lifecycle import (
    DEFAULT_RULES,
    Inputs,
    first_match,
    previous_quarters,
    validate_rules,
)
from services.common.errors import InvalidArgument


def test_previous_quarters_cross_the_year() -> None:
    assert previous_quarters(date(2026, 2, 10), 3) == [
        date(2025, 10, 1),
        date(2025, 7, 1),
        date(2025, 4, 1),
    ]
    assert previous_quarters(date(2026, 11, 25), 2) == [date(2026, 7, 1), date(2026, 4, 1)]


def test_two_quarters_of_outflows_make_a_client_declining() -> None:
    inputs = Inputs(inactive_days=5, quarter_flows=[Decimal(-10), Decimal(-1), Decimal(50)])
    rule = first_match(DEFAULT_RULES["rules"], "ACTIVE", inputs)
    assert rule is not None and rule["to"] == "DECLINING"


def test_one_quarter_of_outflows_is_not_enough() -> None:
    inputs = Inputs(inactive_days=5, quarter_flows=[Decimal(-10), Decimal(3)])
    assert first_match(DEFAULT_RULES["rules"], "ACTIVE", inputs) is None


def test_a_rule_only_moves_from_its_stages() -> None:
    inputs = Inputs(inactive_days=5, quarter_flows=[Decimal(-10), Decimal(-1)])
    assert first_match(DEFAULT_RULES["rules"], "PROSPECT", inputs) is None


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (
            {"name": "x", "from": ["ACTIVE"], "to": "NOWHERE", "when": {"inactive_days_gte": 1}},
            "config.rules[0].to",
        ),
        (
            {"name": "x", "from": ["ACTIVE"], "to": "DORMANT", "when": {"sunny": True}},
            "config.rules[0].when.sunny",
        ),
        (
            {
                "name": "x",
                "from": ["ACTIVE"],
                "to": "DORMANT",
                "when": {"net_outflow_quarters_gte": 99},
            },
            "config.rules[0].when.net_outflow_quarters_gte",
        ),
        (
            {"name": "x", "from": [], "to": "DORMANT", "when": {"inactive_days_gte": 1}},
            "config.rules[0].from",
        ),
    ],
)
def test_bad_rules_name_the_field(rule: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        validate_rules({"rules": [rule]})
    assert raised.value.field == field
