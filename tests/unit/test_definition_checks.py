"""The definition checks: the shipped definitions are valid; every kind of problem is named
by node and field; the JSON Schema is published."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from services.workflows.service.automation.definition_checks import validate
from services.workflows.service.automation.definition_store import shipped_documents
from services.workflows.service.automation.definitions import json_schema

BASE: dict[str, Any] = {
    "key": "t",
    "name": {"zh-CN": "测试", "en": "Test"},
    "start": "a",
    "nodes": [
        {
            "id": "a",
            "kind": "task",
            "title": {"zh-CN": "甲", "en": "A"},
            "assignee": {"to": "advisor"},
            "next": "b",
        },
        {"id": "b", "kind": "end"},
    ],
}


def with_change(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    target: Any = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return doc


def fields(doc: Any) -> list[str]:
    return [p.field for p in validate(doc)[1]]


def test_the_shipped_definitions_are_valid() -> None:
    documents = shipped_documents()
    assert {d["key"] for d in documents} >= {
        "post-investment",
        "dealer-signing",
        "onboarding-basic",
    }
    for document in documents:
        assert validate(document)[1] == [], document["key"]


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (["start"], "zz", "start"),
        (["nodes", 0, "next"], "zz", "nodes[a].next"),
        (["nodes", 0, "next"], None, "nodes[a].next"),
        (["nodes", 0, "assignee"], {"to": "advisor", "role": "manager"}, "nodes[a].assignee"),
        (["nodes", 0, "sla"], {"business_days": 0}, "nodes[a].sla.business_days"),
        (["nodes", 0, "routes"], {"nope": "b"}, "nodes[a].routes.nope"),
        (["nodes", 0, "client_visible"], True, "nodes[a].client_title"),
        (["nodes", 0, "kind"], "teleport", "nodes[a].kind"),
        (["nodes", 1, "next"], "a", "nodes[b].next"),
        (["nodes", 1, "id"], "a", "nodes[a].id"),
        (["key"], "Bad Key", "key"),
        (["nodes", 0, "assignee"], {"to": "client"}, "nodes[a].client_title"),
        (
            ["nodes", 0, "sla"],
            {"business_days": 2, "by_tier": {"gold": 1}},
            "nodes[a].sla.by_tier.gold",
        ),
        (["nodes", 0, "form"], [{"name": "f", "type": "blob"}], "nodes[a].form[0].type"),
        (
            ["nodes", 0],
            {"id": "a", "kind": "subprocess", "definition": "t", "next": "b"},
            "nodes[a].definition",
        ),
        (
            ["nodes", 0],
            {"id": "a", "kind": "survey", "routes": {"maybe": "b"}, "next": "b"},
            "nodes[a].routes.maybe",
        ),
        (
            ["nodes", 0],
            {"id": "a", "kind": "send", "template": "x", "attach": "b", "next": "b"},
            "nodes[a].attach",
        ),
        (
            ["nodes", 0],
            {"id": "a", "kind": "document", "period": "someday", "next": "b"},
            "nodes[a].period",
        ),
    ],
)
def test_each_problem_is_named(path: list[Any], value: Any, field: str) -> None:
    assert field in fields(with_change(path, value))


def test_unreachable_nodes_loops_and_conditions() -> None:
    extra = copy.deepcopy(BASE)
    extra["nodes"].append({"id": "c", "kind": "end"})
    assert fields(extra) == ["nodes[c]"]
    loop = with_change(["nodes", 0, "next"], "a")
    assert "nodes[a].max_visits" in fields(loop)
    assert fields(with_change(["nodes", 0, "max_visits"], 3) | {}) == []
    condition = copy.deepcopy(BASE)
    condition["nodes"][0] = {
        "id": "a",
        "kind": "condition",
        "cases": [{"when": "client.tier ==", "next": "b"}],
        "default": "b",
    }
    assert fields(condition) == ["nodes[a].cases[0].when"]


def test_the_schema_is_json_schema() -> None:
    schema = json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"key", "name", "start", "nodes"} <= set(schema["required"])
