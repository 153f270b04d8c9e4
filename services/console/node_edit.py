"""The designer's form per node: what an admin changes in a node's form, applied to the
definition's text (not saved: the admin saves it as a new version). Only the fields the form
shows change; an empty name or client wording is dropped, a blank SLA keeps the node's."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

ASSIGNEES = frozenset(
    {"to:advisor", "to:manager", "to:client", "role:service", "role:accountant"}
    | {"role:partner", "role:manager"}
)


def _words(zh: str, en: str) -> dict[str, str] | None:
    zh, en = zh.strip()[:200], en.strip()[:200]
    if not zh and not en:
        return None
    return {"zh-CN": zh or en, "en": en or zh}


def apply_node_form(text: str, node_id: str, form: Mapping[str, str]) -> str:
    """The document's text with the node changed; the text unchanged when it is not a
    definition or has no such node (the live check names what is wrong)."""
    try:
        document = json.loads(text)
    except ValueError:
        return text
    nodes = document.get("nodes") if isinstance(document, dict) else None
    node = next((n for n in nodes or [] if isinstance(n, dict) and n.get("id") == node_id), None)
    if node is None:
        return text
    _set(node, "name", _words(form.get("name_zh", ""), form.get("name_en", "")))
    if "next" in form:
        _set(node, "next", form["next"].strip() or None)
    days = form.get("sla_days", "").strip()
    if days and node.get("kind") in ("task", "approval"):
        try:
            sla = dict(node.get("sla") or {})
            sla.pop("business_hours", None)
            sla["business_days"] = float(days)
            node["sla"] = sla
        except ValueError:
            pass
    assignee = form.get("assignee", "")
    if node.get("kind") == "task" and assignee in ASSIGNEES:
        kind, value = assignee.split(":", 1)
        node["assignee"] = {kind: value}
    if node.get("kind") != "end":
        _set(node, "client_visible", True if form.get("client_visible") == "yes" else None)
        words = _words(form.get("client_title_zh", ""), form.get("client_title_en", ""))
        _set(node, "client_title", words)
    return json.dumps(document, ensure_ascii=False, indent=2)


def _set(node: dict[str, Any], name: str, value: Any) -> None:
    if value is None:
        node.pop(name, None)
    else:
        node[name] = value
