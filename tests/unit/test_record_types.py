"""Record types: the document's checks name the place; each kind's values are checked and
stored as JSON; a record is bounded."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from services.clients.record_types import apply_fields, computed_values, parse_type, title_of
from services.common.errors import InvalidArgument

ORDER: dict[str, Any] = {
    "key": "order",
    "name": {"zh-CN": "订单", "en": "Order"},
    "fields": [
        {
            "key": "product",
            "type": "text",
            "label": {"zh-CN": "产品", "en": "Product"},
            "required": True,
        },
        {"key": "amount", "type": "money", "label": {"zh-CN": "金额", "en": "Amount"}, "min": 0},
        {"key": "on", "type": "date", "label": {"zh-CN": "日期", "en": "Date"}},
        {
            "key": "stage",
            "type": "single_choice",
            "label": {"zh-CN": "阶段", "en": "Stage"},
            "options": ["open", "won"],
        },
        {"key": "qty", "type": "number", "label": {"zh-CN": "数量", "en": "Qty"}, "max": 10},
    ],
    "title_field": "product",
}


def changed(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(ORDER)
    target: Any = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (["key"], "Bad Key", "key"),
        (["title_field"], "nope", "title_field"),
        (["fields", 1, "type"], "blob", "fields.1.type"),
        (["fields", 3, "options"], [], "fields[3].options"),
        (["fields", 1, "key"], "product", "fields[1].key"),
        (["list_columns"], ["nope"], "list_columns"),
        (["client"], "sometimes", "client"),
    ],
)
def test_each_problem_of_a_type_is_named(path: list[Any], value: Any, field: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        parse_type(changed(path, value))
    assert raised.value.field == field


def test_too_many_indexed_fields_are_refused() -> None:
    doc = copy.deepcopy(ORDER)
    doc["fields"] = [
        {"key": f"f{i}", "type": "text", "label": {"zh-CN": "字", "en": "F"}, "indexed": True}
        for i in range(6)
    ]
    doc["title_field"] = "f0"
    with pytest.raises(InvalidArgument) as raised:
        parse_type(doc)
    assert raised.value.field == "fields"


def test_values_are_checked_and_stored_as_json() -> None:
    kind = parse_type(ORDER)
    data = apply_fields(
        kind,
        {},
        {
            "product": " 基金A ",
            "amount": {"amount": "1,500,000.50"},
            "on": "2026-12-01",
            "stage": "open",
            "qty": 3,
        },
        creating=True,
    )
    assert data == {
        "product": "基金A",
        "amount": {"amount": 1500000.5, "currency": "CNY"},
        "on": "2026-12-01",
        "stage": "open",
        "qty": 3,
    }
    assert title_of(kind, data) == "基金A"
    for field, value, place in [
        ("amount", {"amount": -1}, "fields.amount"),
        ("amount", {"amount": 5, "currency": "yuan"}, "fields.amount.currency"),
        ("on", "12/01/2026", "fields.on"),
        ("stage", "lost", "fields.stage"),
        ("qty", 11, "fields.qty"),
        ("qty", "NaN", "fields.qty"),
        ("colour", "red", "fields.colour"),
    ]:
        with pytest.raises(InvalidArgument) as raised:
            apply_fields(kind, data, {field: value}, creating=False)
        assert raised.value.field == place, (field, value)
    with pytest.raises(InvalidArgument) as raised:
        apply_fields(kind, {}, {"qty": 1}, creating=True)
    assert raised.value.field == "fields.product"
    assert "qty" not in apply_fields(kind, data, {"qty": None}, creating=False)
    with pytest.raises(InvalidArgument) as raised:
        apply_fields(kind, data, {"product": "y" * 3000}, creating=False)
    assert raised.value.field == "fields.product"


COMPUTED = {
    "key": "rebate",
    "type": "computed",
    "label": {"zh-CN": "返利", "en": "Rebate"},
    "expression": "record.amount * (record.stage == 'won' ? 0.02 : 0.0)",
}


def test_a_computed_field_is_worked_out_from_the_others_and_never_written() -> None:
    kind = parse_type({**ORDER, "fields": [*ORDER["fields"], COMPUTED]})
    data = apply_fields(kind, {}, {"product": "A", "amount": 1000, "stage": "won"}, creating=True)
    assert "rebate" not in data
    assert computed_values(kind, data)["rebate"] == 20
    # a field it reads is empty: no value, no error
    assert "rebate" not in computed_values(kind, {"product": "A"})
    with pytest.raises(InvalidArgument) as error:
        apply_fields(kind, data, {"rebate": 5}, creating=False)
    assert error.value.field == "fields.rebate"


@pytest.mark.parametrize(
    ("change", "place"),
    [
        ({"expression": "record.amount *"}, "fields[5].expression"),
        ({"expression": ""}, "fields[5].expression"),
        ({"indexed": True}, "fields[5].indexed"),
        ({"required": True}, "fields[5].required"),
        ({"expression": "[1].map(x, [2].map(y, y))"}, "fields[5].expression"),
        ({"expression": "(" * 300 + "1" + ")" * 300}, "fields[5].expression"),
    ],
)
def test_a_computed_field_is_bounded_like_a_rule_condition(
    change: dict[str, Any], place: str
) -> None:
    with pytest.raises(InvalidArgument) as error:
        parse_type({**ORDER, "fields": [*ORDER["fields"], {**COMPUTED, **change}]})
    assert error.value.field == place


def test_at_most_three_computed_fields() -> None:
    extra = [{**COMPUTED, "key": f"c{i}"} for i in range(4)]
    with pytest.raises(InvalidArgument) as error:
        parse_type({**ORDER, "fields": [*ORDER["fields"], *extra]})
    assert error.value.field == "fields"
