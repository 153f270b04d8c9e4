"""The checks a definition's structure cannot express: every reference names a node, one
start, every node reachable, every path ends (a node without `next` only ends a parallel
branch), loops only where a node says how often it may run, conditions that compile within
the bounds rules have. Every problem is reported, each named by node and field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from services.common.errors import InvalidArgument
from services.workflows.service.automation.definitions import (
    ApprovalNode,
    ConditionNode,
    Definition,
    EndNode,
    Node,
    ParallelNode,
    SendNode,
    SubprocessNode,
    SurveyNode,
    TaskNode,
    UpdateNode,
    WaitNode,
    parse_definition,
)
from services.workflows.service.conditions import compile_condition

SURVEY_OUTCOMES = ("answered", "unanswered", "not_sent")
RECORD_TYPE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
RECORD_ACTIONS = ("create_record", "update_record")


def made_records(definition: Definition) -> dict[str, str]:
    """Update node id -> the record type its (first) create_record action makes."""
    made: dict[str, str] = {}
    for node in definition.nodes:
        if isinstance(node, UpdateNode):
            for action in node.actions:
                if action.kind == "create_record":
                    made.setdefault(node.id, action.target)
    return made


def record_references(definition: Definition) -> Iterator[Problem]:
    """An update_record action, or a wait on a record, names an update node that makes one
    (of the action's type)."""
    made = made_records(definition)
    for node in definition.nodes:
        where = f"nodes[{node.id}]"
        if isinstance(node, UpdateNode):
            for index, action in enumerate(node.actions):
                if action.kind != "update_record" or action.record is None:
                    continue
                if made.get(action.record) != action.target:
                    yield Problem(
                        f"{where}.actions[{index}].record",
                        action.record,
                        f"names no update node that creates a {action.target} record",
                    )
        if isinstance(node, WaitNode) and node.record and node.record.node not in made:
            yield Problem(
                f"{where}.record.node",
                node.record.node,
                "names no update node that creates a record",
            )


@dataclass(frozen=True)
class Problem:
    field: str
    value: Any
    message: str


def references(node: Node) -> Iterator[tuple[str, str]]:
    """(field, node id) for every node this one can go to."""
    if node.next:
        yield "next", node.next
    if isinstance(node, TaskNode | SurveyNode | SubprocessNode):
        for outcome, target in node.routes.items():
            yield f"routes.{outcome}", target
    if isinstance(node, ApprovalNode):
        yield "on_reject", node.on_reject
    if isinstance(node, ParallelNode):
        for index, branch in enumerate(node.branches):
            yield f"branches[{index}]", branch
    if isinstance(node, ConditionNode):
        for index, case in enumerate(node.cases):
            yield f"cases[{index}].next", case.next
        yield "default", node.default
    if isinstance(node, WaitNode) and node.signal is not None:
        yield "signal.on_timeout", node.signal.on_timeout
    if isinstance(node, WaitNode) and node.record is not None:
        yield "record.on_timeout", node.record.on_timeout


def _main_edges(node: Node) -> Iterator[str]:
    """Where the main path goes from a node: a parallel continues at its `next`."""
    for field, target in references(node):
        if isinstance(node, ParallelNode) and field.startswith("branches"):
            continue
        yield target


def _reach(starts: list[str], nodes: dict[str, Node], *, main_only: bool) -> set[str]:
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        current = stack.pop()
        if current in seen or current not in nodes:
            continue
        seen.add(current)
        node = nodes[current]
        edges = _main_edges(node) if main_only else (t for _f, t in references(node))
        stack.extend(edges)
    return seen


def _cyclic(nodes: dict[str, Node]) -> set[str]:
    """Nodes on a cycle (Tarjan's strongly connected components, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: set[str] = set()
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [
            (root, iter([t for _f, t in references(nodes[root])]))
        ]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            current, children = work[-1]
            advanced = False
            for child in children:
                if child not in nodes:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter([t for _f, t in references(nodes[child])])))
                    advanced = True
                    break
                if child in on_stack:
                    low[current] = min(low[current], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[current])
            if low[current] == index[current]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == current:
                        break
                self_loop = any(t == current for _f, t in references(nodes[current]))
                if len(component) > 1 or self_loop:
                    found.update(component)
    return found


def check(definition: Definition) -> list[Problem]:
    problems: list[Problem] = []
    nodes: dict[str, Node] = {}
    for node in definition.nodes:
        if node.id in nodes:
            problems.append(Problem(f"nodes[{node.id}].id", node.id, "is used by another node"))
        nodes[node.id] = node
    if definition.start not in nodes:
        problems.append(Problem("start", definition.start, "names no node"))
    problems.extend(record_references(definition))
    for node in definition.nodes:
        where = f"nodes[{node.id}]"
        for field, target in references(node):
            if target not in nodes:
                problems.append(Problem(f"{where}.{field}", target, "names no node"))
        problems.extend(_node_problems(where, node))
        if isinstance(node, SubprocessNode) and node.definition == definition.key:
            problems.append(
                Problem(f"{where}.definition", node.definition, "a definition cannot run itself")
            )
        if isinstance(node, SendNode) and node.attach is not None:
            target_node = nodes.get(node.attach)
            if target_node is None or target_node.kind != "document":
                problems.append(Problem(f"{where}.attach", node.attach, "names no document node"))
            elif node.to != "client":
                problems.append(
                    Problem(f"{where}.attach", node.attach, "a document goes to the client only")
                )
    if problems:
        return problems
    reachable = _reach([definition.start], nodes, main_only=False)
    for node in definition.nodes:
        if node.id not in reachable:
            problems.append(
                Problem(f"nodes[{node.id}]", node.id, f"cannot be reached from {definition.start}")
            )
    main = _reach([definition.start], nodes, main_only=True)
    branch_starts = [b for n in definition.nodes if isinstance(n, ParallelNode) for b in n.branches]
    in_branches = _reach(branch_starts, nodes, main_only=False)
    for node in definition.nodes:
        where = f"nodes[{node.id}]"
        if isinstance(node, EndNode):
            continue
        if node.id in main and node.id in in_branches:
            problems.append(
                Problem(where, node.id, "is inside a parallel branch and on the main path too")
            )
        ends_here = not any(True for _ in _main_edges(node))
        if ends_here and node.id in main:
            problems.append(
                Problem(f"{where}.next", None, "is required: every path must reach an end")
            )
    for node_id in sorted(_cyclic(nodes)):
        if nodes[node_id].max_visits < 2:
            problems.append(
                Problem(
                    f"nodes[{node_id}].max_visits",
                    nodes[node_id].max_visits,
                    "is on a loop: say how often it may run (2-20)",
                )
            )
    return problems


def _node_problems(where: str, node: Node) -> Iterator[Problem]:
    if isinstance(node, EndNode) and node.next:
        yield Problem(f"{where}.next", node.next, "an end goes nowhere")
    if isinstance(node, TaskNode):
        chosen = [k for k in ("to", "role", "user") if getattr(node.assignee, k)]
        if len(chosen) != 1:
            yield Problem(f"{where}.assignee", chosen, "needs exactly one of to, role, user")
        for outcome in node.routes:
            if outcome not in node.outcomes:
                yield Problem(f"{where}.routes.{outcome}", outcome, "is not one of the outcomes")
        if node.assignee.to == "client" and node.client_title is None:
            yield Problem(
                f"{where}.client_title", None, "a task for the client needs the client's wording"
            )
    if isinstance(node, SurveyNode):
        for outcome in node.routes:
            if outcome not in SURVEY_OUTCOMES:
                yield Problem(
                    f"{where}.routes.{outcome}",
                    outcome,
                    f"must be one of {', '.join(SURVEY_OUTCOMES)}",
                )
    if isinstance(node, TaskNode | ApprovalNode):
        sla = node.sla
        if (sla.business_days is None) == (sla.business_hours is None):
            yield Problem(f"{where}.sla", None, "needs business_days or business_hours")
    if isinstance(node, ApprovalNode):
        group = node.approvers
        if bool(group.role) == bool(group.users):
            yield Problem(f"{where}.approvers", None, "needs a role or a list of users")
        if node.mode == "n_of" and group.users and node.n > len(group.users):
            yield Problem(f"{where}.n", node.n, f"is more than the {len(group.users)} approvers")
    if isinstance(node, WaitNode):
        chosen = [
            k for k in ("duration", "until", "signal", "record") if getattr(node, k) is not None
        ]
        if len(chosen) != 1:
            yield Problem(
                where, chosen, "a wait needs exactly one of duration, until, signal, record"
            )
        if node.record is not None and not (node.record.timeout.days or node.record.timeout.hours):
            yield Problem(f"{where}.record.timeout", 0, "must be longer than nothing")
        if node.duration is not None and not (node.duration.days or node.duration.hours):
            yield Problem(f"{where}.duration", 0, "must be longer than nothing")
        if node.signal is not None and not (node.signal.timeout.days or node.signal.timeout.hours):
            yield Problem(f"{where}.signal.timeout", 0, "must be longer than nothing")
    if isinstance(node, UpdateNode):
        for index, action in enumerate(node.actions):
            if action.kind in RECORD_ACTIONS and not RECORD_TYPE.match(action.target):
                yield Problem(
                    f"{where}.actions[{index}].target", action.target, "is not a record type's key"
                )
            if (action.kind == "update_record") != (action.record is not None):
                yield Problem(
                    f"{where}.actions[{index}].record",
                    action.record,
                    "an update_record action names the update node that made the record"
                    if action.record is None
                    else "only an update_record action names a record",
                )
    if node.client_visible and node.client_title is None:
        yield Problem(f"{where}.client_title", None, "a client-visible node needs client wording")
    if isinstance(node, ConditionNode):
        for index, case in enumerate(node.cases):
            try:
                compile_condition(case.when)
            except InvalidArgument as error:
                yield Problem(f"{where}.cases[{index}].when", case.when[:80], error.reason)


def validate(raw: Any) -> tuple[Definition | None, list[Problem]]:
    """The definition and its problems (structure first: then nothing else is checked)."""
    try:
        definition = parse_definition(raw)
    except InvalidArgument as error:
        return None, [Problem(error.field or "document", error.value, error.reason)]
    return definition, check(definition)


def require_valid(raw: Any) -> Definition:
    definition, problems = validate(raw)
    if problems or definition is None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidArgument(first.field, first.value, first.message + more)
    return definition
