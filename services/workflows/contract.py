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
