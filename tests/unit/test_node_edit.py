"""The designer's node form applied to a definition's text: only what the form shows changes."""

from __future__ import annotations

import json
from typing import Any

from services.console.node_edit import apply_node_form

DOC: dict[str, Any] = {
    "key": "t",
    "name": {"zh-CN": "测试", "en": "Test"},
    "start": "a",
    "nodes": [
        {
            "id": "a",
            "kind": "task",
            "title": {"zh-CN": "甲", "en": "A"},
            "assignee": {"to": "advisor"},
            "sla": {"business_hours": 8, "remind_at": 0.4},
            "next": "b",
        },
        {"id": "b", "kind": "end"},
    ],
}


def test_a_node_form_changes_what_it_shows_and_nothing_else() -> None:
    text = json.dumps(DOC)
    changed = json.loads(
        apply_node_form(
            text,
            "a",
            {
                "name_zh": "收集",
                "name_en": "",
                "next": "b",
                "sla_days": "3",
                "assignee": "to:client",
                "client_visible": "yes",
                "client_title_zh": "请上传",
                "client_title_en": "Please upload",
            },
        )
    )
    node = changed["nodes"][0]
    assert node["name"] == {"zh-CN": "收集", "en": "收集"}
    assert node["sla"] == {"business_days": 3.0, "remind_at": 0.4}
    assert node["assignee"] == {"to": "client"} and node["client_visible"] is True
    assert node["title"] == DOC["nodes"][0]["title"]
    assert changed["nodes"][1] == {"id": "b", "kind": "end"}


def test_what_it_cannot_apply_leaves_the_text_as_it_is() -> None:
    assert apply_node_form("{not json", "a", {"name_zh": "x"}) == "{not json"
    text = json.dumps(DOC)
    assert apply_node_form(text, "zz", {"name_zh": "x"}) == text
    odd = json.loads(apply_node_form(text, "a", {"assignee": "user:evil", "sla_days": "many"}))
    assert odd["nodes"][0]["assignee"] == {"to": "advisor"}
    assert odd["nodes"][0]["sla"] == {"business_hours": 8, "remind_at": 0.4}
