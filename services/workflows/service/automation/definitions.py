"""Process definitions: the document format (published as JSON Schema at
`GET /v1/definitions/schema`) and its checks, every problem named by node and field.

A definition is a list of nodes from `start`; each names where the process goes next:

    task       a person's task (to the client's advisor or manager, a role, or a person), with
               outcomes, a form, an SLA in business days or hours with a reminder and the usual
               escalation; `routes` sends an outcome elsewhere; client-visible with its wording
    approval   one of / all of / n of a group (a role, or named people); a rejection goes to
               `on_reject` (back to a task, or an end) with the comment
    parallel   branches run together; join all or any; a branch ends at a node without `next`
    condition  CEL over the client and the process (`process.outcomes`, `process.forms`)
    wait       a duration, a client date ± days, a signal with a timeout, or a record's
               field (a record an update node made) reaching one of some values
    send       a template to the client or to staff, optionally with a document attached
    update     data actions on the client (tags, fields, stage, a record created, a record
               an earlier update node made changed)
    document   a report rendered for the client as a PDF (an artifact a send node attaches)
    survey     the client's NPS survey (a detractor gets the advisor's follow-up); routes by
               answered / unanswered / not_sent; the score is `process.forms.<node>.score`
    subprocess the published version of another definition, run for the same client; its
               outcome routes like a task's
    end        the process ends with an outcome

A task to the client (`assignee.to: client`) is done by the client in the portal: its form
(a `file` field is a document the client uploads) is client-visible by nature.

A node reached again (a reject loop) must say how often it may run (`max_visits`): loops are
explicit and bounded.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from services.common.errors import InvalidArgument

MAX_DOCUMENT_BYTES = 64 * 1024
MAX_NODES = 100
ID = r"^[a-z][a-z0-9_]{0,63}$"
ROLES = Literal["advisor", "manager", "service", "accountant", "partner", "admin"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Words(Strict):
    """Text in both languages."""

    zh_CN: str = Field(alias="zh-CN", min_length=1, max_length=200)
    en: str = Field(min_length=1, max_length=200)


TIERS = Literal["strategic", "core", "growth"]


class Sla(Strict):
    business_days: float | None = Field(None, gt=0, le=60)
    business_hours: float | None = Field(None, gt=0, le=480)
    remind_at: float = Field(0.5, gt=0, lt=1)
    # The window for a client of this tier (in the same unit); others get the default.
    by_tier: dict[TIERS, Annotated[float, Field(gt=0, le=480)]] = Field(
        default_factory=dict, max_length=3
    )


class Assignee(Strict):
    """Exactly one: the client's advisor or manager, the client (in the portal), a role in
    the client's team, a person."""

    to: Literal["advisor", "manager", "client"] | None = None
    role: ROLES | None = None
    user: str | None = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@:-]{0,63}$")


class FormFieldDef(Strict):
    name: str = Field(pattern=ID)
    # file: a document uploaded to the task (its id in the form)
    type: Literal["text", "number", "date", "choice", "file"] = "text"
    required: bool = True
    options: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=30
    )
    label: Words | None = None


class NodeBase(Strict):
    id: str = Field(pattern=ID)
    name: Words | None = None
    next: str | None = Field(None, pattern=ID)
    # How often the node may run (a loop back to it); 1 unless it is on a loop.
    max_visits: int = Field(1, ge=1, le=20)
    client_visible: bool = False
    client_title: Words | None = None


class TaskNode(NodeBase):
    kind: Literal["task"]
    title: Words
    assignee: Assignee
    sla: Sla = Sla(business_days=2)
    outcomes: list[Annotated[str, Field(pattern=ID)]] = Field(
        default_factory=lambda: ["done"], min_length=1, max_length=10
    )
    form: list[FormFieldDef] = Field(default_factory=list, max_length=20)
    routes: dict[str, Annotated[str, Field(pattern=ID)]] = Field(
        default_factory=dict, max_length=10
    )


class Approvers(Strict):
    role: ROLES | None = None
    users: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@:-]{0,63}$")]] = Field(
        default_factory=list, max_length=20
    )


class ApprovalNode(NodeBase):
    kind: Literal["approval"]
    title: Words
    approvers: Approvers
    mode: Literal["any", "all", "n_of"] = "any"
    n: int = Field(1, ge=1, le=20)
    sla: Sla = Sla(business_days=2)
    on_reject: str = Field(pattern=ID)


class ParallelNode(NodeBase):
    kind: Literal["parallel"]
    branches: list[Annotated[str, Field(pattern=ID)]] = Field(min_length=2, max_length=10)
    join: Literal["all", "any"] = "all"


class Case(Strict):
    when: str = Field(min_length=1, max_length=2000)
    next: str = Field(pattern=ID)


class ConditionNode(NodeBase):
    kind: Literal["condition"]
    cases: list[Case] = Field(min_length=1, max_length=20)
    default: str = Field(pattern=ID)


class Duration(Strict):
    days: int = Field(0, ge=0, le=400)
    hours: int = Field(0, ge=0, le=9600)


class Until(Strict):
    field: str = Field(
        pattern=r"^(birthday|signed_on|contract_end|kyc_expires_on|custom_fields\.[a-z][a-z0-9_]{0,63})$"
    )
    offset_days: int = Field(0, ge=-366, le=366)


class SignalWait(Strict):
    name: str = Field(pattern=ID)
    timeout: Duration
    on_timeout: str = Field(pattern=ID)


class RecordWait(Strict):
    """Until the record that update node `node` made has `field` at one of `values` (the
    value as text; a money field's amount), at most `timeout`, then `on_timeout`."""

    node: str = Field(pattern=ID)
    field: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    values: list[Annotated[str, Field(max_length=200)]] = Field(min_length=1, max_length=20)
    timeout: Duration
    on_timeout: str = Field(pattern=ID)


class WaitNode(NodeBase):
    kind: Literal["wait"]
    duration: Duration | None = None
    until: Until | None = None
    signal: SignalWait | None = None
    record: RecordWait | None = None


Routes = Annotated[
    dict[Annotated[str, Field(pattern=ID)], Annotated[str, Field(pattern=ID)]],
    Field(max_length=10),
]


class SendNode(NodeBase):
    kind: Literal["send"]
    template: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,99}$")
    to: Literal["client", "advisor", "manager"] = "client"
    # A document node's id: its PDF goes with the message (to the client, by e-mail).
    attach: str | None = Field(None, pattern=ID)


class DocumentNode(NodeBase):
    kind: Literal["document"]
    report: Literal["client-report"] = "client-report"
    period: Literal["last_quarter", "this_quarter"] = "last_quarter"
    commentary: str = Field("", max_length=4000)


class SurveyNode(NodeBase):
    kind: Literal["survey"]
    survey: Literal["nps"] = "nps"
    answer_days: int = Field(14, ge=1, le=60)
    routes: Routes = Field(default_factory=dict)


class SubprocessNode(NodeBase):
    kind: Literal["subprocess"]
    definition: str = Field(pattern=r"^[a-z][a-z0-9-]{0,63}$")
    routes: Routes = Field(default_factory=dict)


class DataAction(Strict):
    """A change to the client: a tag, a field, the stage; or a record of a type the firm
    defines, created for the client (`target` the type, `parameters` its fields), once per
    run and node visit; or that record changed (`update_record`, `record` the update node
    that made it, `parameters` the fields to change)."""

    kind: Literal[
        "add_tag", "remove_tag", "set_field", "set_stage", "create_record", "update_record"
    ]
    target: str = Field(min_length=1, max_length=200)
    record: str | None = Field(None, pattern=ID)
    parameters: dict[str, Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=dict, max_length=20
    )


class UpdateNode(NodeBase):
    kind: Literal["update"]
    actions: list[DataAction] = Field(min_length=1, max_length=10)


class EndNode(NodeBase):
    kind: Literal["end"]
    outcome: str = Field("done", pattern=ID)


Node = Annotated[
    TaskNode
    | ApprovalNode
    | ParallelNode
    | ConditionNode
    | WaitNode
    | SendNode
    | UpdateNode
    | DocumentNode
    | SurveyNode
    | SubprocessNode
    | EndNode,
    Field(discriminator="kind"),
]


class Definition(Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9-]{0,63}$")
    name: Words
    description: str = Field("", max_length=2000)
    start: str = Field(pattern=ID)
    nodes: list[Node] = Field(min_length=1, max_length=MAX_NODES)


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of a definition document."""
    schema = Definition.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://clientflow.dev/schemas/definition/v1.json"
    return schema


def _place(loc: tuple[Any, ...], raw: dict[str, Any]) -> str:
    """A pydantic error location as the author reads it: nodes[<id>].field."""
    parts: list[str] = []
    items = list(loc)
    if len(items) >= 2 and items[0] == "nodes" and isinstance(items[1], int):
        nodes = raw.get("nodes") or []
        node = (
            nodes[items[1]] if items[1] < len(nodes) and isinstance(nodes[items[1]], dict) else {}
        )
        parts.append(f"nodes[{node.get('id') or items[1]}]")
        items = items[2:]
        # the discriminated union's tag is not a field the author wrote
        if items and isinstance(items[0], str) and items[0] == node.get("kind"):
            items = items[1:]
    for item in items:
        if item == "[key]":
            continue  # a mapping's key is the problem: the place already names it
        parts.append(f"[{item}]" if isinstance(item, int) else f".{item}")
    return "".join(parts).lstrip(".") or "document"


def parse_definition(raw: Any) -> Definition:
    """The document's structure, or INVALID_ARGUMENT naming the first problem's place."""
    if not isinstance(raw, dict):
        raise InvalidArgument("document", type(raw).__name__, "must be a JSON object")
    if len(json.dumps(raw, ensure_ascii=False).encode()) > MAX_DOCUMENT_BYTES:
        raise InvalidArgument("document", "(large)", f"must be at most {MAX_DOCUMENT_BYTES} bytes")
    try:
        return Definition.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        place = _place(tuple(first["loc"]), raw)
        value = first.get("input")
        if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
            place += ".kind"  # the node's kind is not one there is
            value = value.get("kind") if isinstance(value, dict) else value
        shown = value if isinstance(value, str | int | float | bool) or value is None else "…"
        raise InvalidArgument(place, shown, first["msg"].lower()) from None
