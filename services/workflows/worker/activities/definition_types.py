"""What the definition interpreter's activities take and give (names and payloads), and the
run of a definition over a segment's; plain values a workflow passes, deterministic."""

from __future__ import annotations

from dataclasses import dataclass

# -- the definition interpreter ------------------------------------------------------------

RESOLVE_APPROVERS = "definitions.resolve_approvers"
EVALUATE_CONDITION = "definitions.evaluate_condition"
UPDATE_RECORD = "definitions.update_record"
SEND_TEMPLATE = "definitions.send_template"
CLIENT_DATE = "definitions.client_date"
RECORD_FIELD = "definitions.record_field"
PROCESS_COMPLETED = "definitions.process_completed"
PUBLISHED_DEFINITION = "definitions.published"
START_DEFINITION_PAGE = "definitions.start_page"


@dataclass(frozen=True)
class ApproversRequest:
    role: str
    team_id: str


@dataclass(frozen=True)
class ConditionRequest:
    client_id: str
    expression: str
    process_json: str


@dataclass(frozen=True)
class RecordUpdate:
    client_id: str
    actions_json: str
    workflow_id: str
    # The node's visit: a record it creates is made once per visit, however often retried.
    key: str = ""


@dataclass(frozen=True)
class TemplateSend:
    idempotency_key: str
    template_key: str
    client_id: str
    # "" sends to the client; otherwise a staff member's in-app inbox
    user_id: str
    variables_json: str
    workflow_id: str
    # Artifacts (PDFs) sent with it: then by e-mail, to the client only.
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordFieldRequest:
    type: str
    record_id: str
    field: str


@dataclass(frozen=True)
class ClientDateRequest:
    client_id: str
    field: str


@dataclass(frozen=True)
class ProcessCompleted:
    """A process ended: the `process.completed` event rules may answer (a definition's run:
    its key and version; a coded process: its kind as the key, version 0)."""

    workflow_id: str
    client_id: str
    key: str
    version: int
    outcome: str
    kind: str = "definition"


@dataclass(frozen=True)
class PublishedDefinition:
    """The published version of a definition a sub-process node runs."""

    key: str
    version: int
    document_json: str


@dataclass(frozen=True)
class DefinitionPage:
    """One page of a definition's run over a segment: start it for each member."""

    key: str
    segment_id: str
    run_key: str
    page_token: str = ""


@dataclass(frozen=True)
class DefinitionPageResult:
    scanned: int
    started: int
    already: int
    failed: int
    next_page_token: str = ""
