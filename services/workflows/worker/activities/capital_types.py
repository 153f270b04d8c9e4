"""What the capital event process and its activities exchange (see
processes/capital_event.py and activities/capital.py)."""

from __future__ import annotations

from dataclasses import dataclass

LIST_EVENT_INVESTORS = "capital.list_event_investors"
LIST_UNPAID = "capital.list_unpaid"
DELIVER_CAPITAL_NOTICE = "capital.deliver_notice"
# What each stage sends: a notice with its PDF, then (calls) reminders without one.
TEMPLATES = {
    ("call", "notice"): "capital-call-notice",
    ("distribution", "notice"): "distribution-notice",
    ("call", "reminder"): "capital-call-reminder",
    ("call", "overdue"): "capital-call-overdue",
}


@dataclass(frozen=True)
class InvestorPageRequest:
    event_id: str
    page_token: str = ""
    page_size: int = 200


@dataclass(frozen=True)
class InvestorPage:
    client_ids: tuple[str, ...]
    next_page_token: str


@dataclass(frozen=True)
class Unpaid:
    client_id: str
    outstanding: str


@dataclass(frozen=True)
class UnpaidList:
    investors: tuple[Unpaid, ...]
    # the sum outstanding, decimal text
    total: str


@dataclass(frozen=True)
class NoticeDelivery:
    """One investor's message of one stage, sent once: the idempotency key is the process's
    id, the stage and the investor, whichever attempt or worker sends it."""

    event_id: str
    client_id: str
    workflow_id: str
    kind: str  # call | distribution
    stage: str  # notice | reminder | overdue

    def idempotency_key(self) -> str:
        return f"{self.workflow_id}/{self.stage}/{self.client_id}"

    @property
    def template_key(self) -> str:
        return TEMPLATES[(self.kind, self.stage)]


@dataclass(frozen=True)
class CapitalEventInput:
    event_id: str
    kind: str  # call | distribution
    fund_code: str
    # calls: the due date (ISO); reminders and escalation follow the business calendar
    due_on: str = ""
    started_by: str = ""
    reminder_business_days: int = 3
    region: str = "CN"
    timezone: str = "Asia/Shanghai"
    batch_size: int = 200
    parallel_batches: int = 4
    render_parallelism: int = 8
    delivery_timeout_seconds: int = 120


@dataclass(frozen=True)
class CapitalBatchInput:
    parent_id: str
    event_id: str
    kind: str
    stage: str
    client_ids: tuple[str, ...]
    render_parallelism: int = 8
    delivery_timeout_seconds: int = 120


@dataclass(frozen=True)
class StageFailure:
    client_id: str
    stage: str
    reason: str


@dataclass(frozen=True)
class CapitalBatchResult:
    counts: dict[str, int]
    failures: tuple[StageFailure, ...] = ()


@dataclass(frozen=True)
class CapitalEventResult:
    event_id: str
    investors: int
    # "{stage}:{status}" -> count
    counts: dict[str, int]
    failures: tuple[StageFailure, ...]
    overdue: tuple[Unpaid, ...] = ()
    escalated_to: str = ""
