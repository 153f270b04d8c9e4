"""A process definition drawn as SVG on the server (no script, no Node build): nodes in
columns by their distance from the start, arrows to where each goes; a way back (a reject
loop) is dashed."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

WIDTH, HEIGHT, GAP_X, GAP_Y = 168, 48, 48, 22


def _targets(node: dict[str, Any]) -> list[tuple[str, str]]:
    """(target, label) for each way out of a node."""
    out: list[tuple[str, str]] = []
    for branch in node.get("branches") or ():
        out.append((branch, ""))
    for outcome, target in (node.get("routes") or {}).items():
        out.append((target, outcome))
    for case in node.get("cases") or ():
        out.append((case.get("next", ""), "?"))
    for field in ("default", "on_reject", "next"):
        if node.get(field):
            out.append((node[field], "✗" if field == "on_reject" else ""))
    for waited in ("signal", "record"):
        wait = node.get(waited) or {}
        if wait.get("on_timeout"):
            out.append((wait["on_timeout"], "⏱"))
    return [(t, label) for t, label in out if t]


def layout(document: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Column and row of each node: breadth first from the start."""
    nodes = _nodes(document)
    column: dict[str, int] = {}
    start = str(document.get("start", ""))
    queue = [start] if start in nodes else []
    if queue:
        column[start] = 0
    while queue:
        current = queue.pop(0)
        for target, _label in _targets(nodes.get(current) or {}):
            if target in nodes and target not in column:
                column[target] = column[current] + 1
                queue.append(target)
    last = max(column.values(), default=-1)
    for node_id in nodes:  # unreachable nodes in a column of their own
        if node_id not in column:
            column[node_id] = last + 1
    rows: dict[int, int] = {}
    place: dict[str, tuple[int, int]] = {}
    for node_id in nodes:
        col = column[node_id]
        place[node_id] = (col, rows.get(col, 0))
        rows[col] = rows.get(col, 0) + 1
    return place


def _nodes(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        str(n.get("id")): n
        for n in document.get("nodes") or ()
        if isinstance(n, dict) and isinstance(n.get("id"), str)
    }


def svg(
    document: dict[str, Any],
    label: Callable[[dict[str, Any]], str],
    kind_label: Callable[[str], str],
) -> str:
    nodes = _nodes(document)
    place = layout(document)
    if not place:
        return ""

    def box(node_id: str) -> tuple[int, int]:
        col, row = place[node_id]
        return 10 + col * (WIDTH + GAP_X), 10 + row * (HEIGHT + GAP_Y)

    width = 20 + (max(c for c, _ in place.values()) + 1) * (WIDTH + GAP_X)
    height = 20 + (max(r for _, r in place.values()) + 1) * (HEIGHT + GAP_Y)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow" role="img" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7"'
        ' markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>',
    ]
    for node_id, node in nodes.items():
        x, y = box(node_id)
        for target, mark in _targets(node):
            if target not in place:
                continue
            tx, ty = box(target)
            back = place[target][0] <= place[node_id][0]
            if back:
                path = (
                    f"M{x + WIDTH // 2} {y + HEIGHT} C{x + WIDTH // 2} {y + HEIGHT + 40},"
                    f" {tx + WIDTH // 2} {ty + HEIGHT + 40}, {tx + WIDTH // 2} {ty + HEIGHT}"
                )
            else:
                path = f"M{x + WIDTH} {y + HEIGHT // 2} L{tx} {ty + HEIGHT // 2}"
            dash = ' stroke-dasharray="5 4"' if back else ""
            parts.append(f'<path d="{path}" class="edge"{dash} marker-end="url(#arrow)"/>')
            if mark:
                parts.append(
                    f'<text x="{(x + WIDTH + tx) // 2}" y="{(y + ty + HEIGHT) // 2 - 4}"'
                    f' class="edge-label">{escape(mark)}</text>'
                )
    for node_id, node in nodes.items():
        x, y = box(node_id)
        kind = str(node.get("kind", ""))
        parts.append(
            f'<g class="node {escape(kind)}"><rect x="{x}" y="{y}" width="{WIDTH}"'
            f' height="{HEIGHT}" rx="6"/>'
            f'<text x="{x + 8}" y="{y + 18}" class="kind">{escape(kind_label(kind))}</text>'
            f'<text x="{x + 8}" y="{y + 36}" class="name" translate="no">'
            f"{escape(label(node)[:22])}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
