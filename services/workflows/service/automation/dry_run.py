"""Dry run: the path a client would take through a definition with given answers, walked
without starting anything — tasks and approvals take the answer given for their node (the
first outcome, or approve, when none is), conditions are evaluated against the client as the
caller sees them, waits, messages, documents and record changes are named but not done; a
survey or a sub-process takes the answer given (answered, done)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.workflows.service.automation.definitions import (
    ApprovalNode,
    ConditionNode,
    Definition,
    DocumentNode,
    EndNode,
    Node,
    ParallelNode,
    SendNode,
    SubprocessNode,
    SurveyNode,
    TaskNode,
    UpdateNode,
    WaitNode,
)
from services.workflows.service.conditions import ConditionError, compile_condition, evaluate

MAX_STEPS = 500


@dataclass(frozen=True)
class Step:
    node: str
    kind: str
    detail: str


class _Ended(Exception):
    def __init__(self, outcome: str) -> None:
        self.outcome = outcome


class DryRun:
    def __init__(
        self, definition: Definition, client: dict[str, Any], answers: dict[str, list[str]]
    ) -> None:
        self.nodes: dict[str, Node] = {n.id: n for n in definition.nodes}
        self.start = definition.start
        self.client = client
        self.answers = {k: list(v) for k, v in answers.items()}
        self.steps: list[Step] = []
        self.visits: dict[str, int] = {}
        self.outcomes: dict[str, str] = {}

    def run(self) -> tuple[list[Step], str]:
        try:
            self._walk(self.start)
            outcome = "done"
        except _Ended as ended:
            outcome = ended.outcome
        return self.steps, outcome

    def _answer(self, node_id: str, default: str) -> str:
        given = self.answers.get(node_id) or []
        return given.pop(0) if given else default

    def _walk(self, node_id: str | None) -> None:
        while node_id:
            node = self.nodes[node_id]
            visit = self.visits.get(node_id, 0) + 1
            if visit > node.max_visits or len(self.steps) >= MAX_STEPS:
                self.steps.append(Step(node_id, node.kind, f"visited {visit - 1} times: the limit"))
                raise _Ended("loop_limit")
            self.visits[node_id] = visit
            node_id = self._step(node)

    def _step(self, node: Node) -> str | None:
        if isinstance(node, TaskNode):
            outcome = self._answer(node.id, node.outcomes[0])
            if outcome not in node.outcomes:
                outcome = node.outcomes[0]
            self.outcomes[node.id] = outcome
            self.steps.append(Step(node.id, node.kind, outcome))
            return node.routes.get(outcome) or node.next
        if isinstance(node, ApprovalNode):
            decision = self._answer(node.id, "approve")
            decision = "reject" if decision == "reject" else "approve"
            self.outcomes[node.id] = decision
            self.steps.append(Step(node.id, node.kind, decision))
            return node.next if decision == "approve" else node.on_reject
        if isinstance(node, ParallelNode):
            self.steps.append(Step(node.id, node.kind, f"{node.join}: {', '.join(node.branches)}"))
            for branch in node.branches:
                self._walk(branch)
                if node.join == "any":
                    break
            return node.next
        if isinstance(node, ConditionNode):
            process = {"outcomes": self.outcomes, "forms": {}, "path": [s.node for s in self.steps]}
            for index, case in enumerate(node.cases):
                try:
                    holds = evaluate(
                        compile_condition(case.when),
                        {
                            "type": "process",
                            "client_id": self.client.get("id", ""),
                            "payload": process,
                        },
                        self.client,
                        process=process,
                    )
                except ConditionError as error:
                    self.steps.append(Step(node.id, node.kind, f"cases[{index}]: {error}"))
                    raise _Ended("error") from None
                if holds:
                    self.steps.append(Step(node.id, node.kind, f"cases[{index}] holds"))
                    return case.next
            self.steps.append(Step(node.id, node.kind, "default"))
            return node.default
        if isinstance(node, WaitNode):
            if node.duration is not None:
                what = f"{node.duration.days} days {node.duration.hours} hours"
            elif node.until is not None:
                what = f"until {node.until.field} {node.until.offset_days:+d} days"
            else:
                what = f"signal {node.signal.name if node.signal else ''}"
            self.steps.append(Step(node.id, node.kind, what))
            return node.next
        if isinstance(node, SendNode):
            self.steps.append(Step(node.id, node.kind, f"{node.template} → {node.to}"))
            return node.next
        if isinstance(node, DocumentNode):
            self.steps.append(Step(node.id, node.kind, f"{node.report} ({node.period})"))
            return node.next
        if isinstance(node, SurveyNode | SubprocessNode):
            default = "answered" if isinstance(node, SurveyNode) else "done"
            outcome = self._answer(node.id, default)
            self.outcomes[node.id] = outcome
            name = node.survey if isinstance(node, SurveyNode) else node.definition
            self.steps.append(Step(node.id, node.kind, f"{name}: {outcome}"))
            return node.routes.get(outcome) or node.next
        if isinstance(node, UpdateNode):
            what = ", ".join(f"{a.kind} {a.target}" for a in node.actions)
            self.steps.append(Step(node.id, node.kind, what))
            return node.next
        assert isinstance(node, EndNode)
        self.steps.append(Step(node.id, node.kind, node.outcome))
        raise _Ended(node.outcome)
