"""Activity names and their single-dataclass inputs and outputs.

Workflow code imports only this module (no gRPC, no ORM) and calls activities by name.
"""

from __future__ import annotations

from dataclasses import dataclass

GET_CLIENT_SUMMARY = "clients.get_summary"


@dataclass(frozen=True)
class ClientSummaryRequest:
    client_id: str


@dataclass(frozen=True)
class ClientSummary:
    client_id: str
    name: str
    advisor_id: str
    team_id: str


# -- human tasks -------------------------------------------------------------------------

PROJECT_TASK = "tasks.project"
NOTIFY_USER = "notifications.notify_user"


@dataclass(frozen=True)
class TaskProjection:
    """The task as the workflow sees it, written to the workflows service's `tasks` table.
    `revision` grows with every change, so a late retry never overwrites a newer state."""

    task_id: str
    workflow_id: str
    process_kind: str
    title: str
    client_id: str
    assignee_user: str
    assignee_role: str
    team_id: str
    status: str
    due_at: str
    sla: str
    outcome: str = ""
    comment: str = ""
    form_json: str = "{}"
    claimed_by: str = ""
    completed_by: str = ""
    reminders_sent: int = 0
    escalation_level: int = 0
    breached_at: str = ""
    paused: bool = False
    created_at: str = ""
    updated_at: str = ""
    revision: int = 0


@dataclass(frozen=True)
class UserNotification:
    """An in-app message to a staff user, sent once per idempotency key."""

    idempotency_key: str
    user_id: str
    template_key: str
    variables_json: str
    workflow_id: str


# -- date triggers ----------------------------------------------------------------------

SWEEP_DATES = "triggers.sweep_dates"


@dataclass(frozen=True)
class SweepDatesInput:
    day: str  # YYYY-MM-DD in the firm's time zone
    catch_up_days: int = 7


@dataclass(frozen=True)
class SweepDatesResult:
    rules: int
    scanned: int
    started: int
    already_fired: int
    notified: int
    errors: int
