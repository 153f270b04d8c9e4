"""What the workflows service and the worker agree on: the task queue, and the shapes of what
the service sends to running processes and reads back from them (task actions as Updates, the
progress Query, the client-attributes and cancel Signals).

Process inputs and workflow ids stay beside their workflow (`worker/processes/<kind>.py`),
versioned with its history and covered by its replay test; the service starts a client's
process through `worker/processes/registry.py` and the batch processes (quarterly run, dormant
scan, annual reviews, schedules) through their modules' inputs.
Everything here is a plain dataclass the JSON payload converter carries, so moving a field here
is a change of the workflows' wire format: add fields with defaults, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass

PROCESSES_TASK_QUEUE = "clientflow-processes"

# The lifecycle stages a quarterly report goes to.
REPORTED_STAGES = ("ONBOARDING", "ACTIVE", "GROWING", "DECLINING", "DORMANT")


@dataclass(frozen=True)
class TaskAction:
    """Who asks for a change to a task; the gateway fills actor fields from the token."""

    task_id: str
    actor_user: str
    actor_roles: tuple[str, ...] = ()
    actor_team: str = ""
    outcome: str = ""
    comment: str = ""
    form_json: str = "{}"
    assignee_user: str = ""
    business_hours: float = 0.0
    reason: str = ""
    # A delegate acting for the task's person (the service checked the delegation).
    on_behalf_of: str = ""


@dataclass
class StepRecord:
    at: str
    event: str
    detail: str = ""
    by: str = ""


@dataclass(frozen=True)
class TaskView:
    """Query result: one task as a person waiting on it would want to see it."""

    task_id: str
    title: str
    status: str
    assignee_user: str
    assignee_role: str
    claimed_by: str
    due_at: str
    paused: bool
    reminders_sent: int
    escalation_level: int
    breached_at: str
    outcome: str
    history: tuple[StepRecord, ...]
    # What completing recorded, so an action's answer is the state after it.
    comment: str = ""
    form_json: str = "{}"
    completed_by: str = ""
    # The title as a message (TaskSpec.title_key, title_params).
    title_key: str = ""
    title_params: tuple[tuple[str, str], ...] = ()
    # TaskSpec.client_visible, client_title.
    client_visible: bool = True
    client_title: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ProcessProgress:
    """What a process is doing: current step, who it waits on, when it is due, history."""

    kind: str
    current_step: str
    waiting_on: str
    due_at: str
    tasks: tuple[TaskView, ...]
    steps: tuple[StepRecord, ...]
    # A process over many items (a quarterly run's clients): taken on so far, finished.
    items_total: int = 0
    items_done: int = 0


@dataclass(frozen=True)
class CancelReason:
    reason: str
    by: str = ""


@dataclass(frozen=True)
class ClientAttributes:
    advisor_id: str = ""
    team_id: str = ""
    tier: str = ""
    name: str = ""


@dataclass(frozen=True)
class QuestionnaireSubmission:
    """The answers (question → option) and who sent them; the gateway fills the actor."""

    answers_json: str
    actor_user: str
    actor_roles: tuple[str, ...] = ()
    actor_team: str = ""


# -- client requests (the ServiceRequest process) ------------------------------------------

# What an approved contact change may set on the client record.
CONTACT_FIELDS = ("email", "phone", "wecom_id", "preferred_channel")


@dataclass(frozen=True)
class RequestStep:
    """One step of a request as planned when it opened: the role that acts, its SLA in
    business hours for the client's tier, the outcomes offered, required form fields."""

    key: str
    name_zh: str
    name_en: str
    role: str
    client_visible: bool
    sla_hours: float
    outcomes: tuple[str, ...] = ("done",)
    form: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequestPlan:
    """The request type's definition at the version the request opened with, its SLAs
    resolved for the client's tier. `error` names a field that did not validate (a request
    published as an event is checked here, not before its start)."""

    type_key: str
    type_version: int
    name_zh: str
    name_en: str
    steps: tuple[RequestStep, ...]
    reopen_days: int = 14
    effect: str = "none"  # none | contact_change | document | complaint
    csat: bool = True
    error: str = ""


@dataclass(frozen=True)
class RequestStepView:
    """A step as the client sees it: its name, state (pending | current | done | skipped),
    when it is due and when it was done."""

    key: str
    name_zh: str
    name_en: str
    state: str
    due_at: str = ""
    done_at: str = ""


@dataclass(frozen=True)
class RequestProgressView:
    """The client-safe progress of a request (query `request_progress`): only the steps the
    type shows the client, no people, no outcomes, no notes."""

    status: str  # open | awaiting_client | resolved | rejected | closed | cancelled
    steps: tuple[RequestStepView, ...]
    expected_by: str = ""
    resolved_at: str = ""
    reopen_until: str = ""
    round: int = 1
    rated: bool = False
    rating_open: bool = False


@dataclass(frozen=True)
class RequestAction:
    """A client's or a staff member's action on a request: reopen, confirm, rate. The
    workflows service fills the actor after checking who may act."""

    actor_user: str
    actor_kind: str = "staff"  # staff | client
    reason: str = ""
    accepted: bool = True
    score: int = 0
    comment: str = ""
    channel: str = "portal"


# An invitation's UID is `{workflow id}{MEETING_UID_SUFFIX}`: the answer finds its process.
MEETING_UID_SUFFIX = "@clientflow"
