"""The processes' inputs and results (and the values inside them): plain data, passed
through the workflow sandbox (imported once, not for every run; see `worker/sandbox.py`).
Each process module imports its own from here, so `processes.<process>.<Name>` still works."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.workflows.worker.activities.types import DormantScanPlan
from services.workflows.worker.task_specs import TaskOutcome

# client-check


@dataclass(frozen=True)
class ClientCheckInput:
    client_id: str


@dataclass(frozen=True)
class ClientCheckResult:
    client_id: str
    name: str
    advisor_id: str
    checked_at: str


# follow-up (a rule's task)


@dataclass(frozen=True)
class FollowUpInput:
    client_id: str
    title: str
    advisor_id: str
    team_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    # A named person, else whoever holds `assignee_role` in the team (the client's advisor
    # when the role is advisor).
    assignee_user: str = ""
    assignee_role: str = "advisor"
    business_days: int = 2
    timezone: str = "Asia/Shanghai"


@dataclass(frozen=True)
class FollowUpResult:
    client_id: str
    outcome: TaskOutcome


# call-client


@dataclass(frozen=True)
class CallClientInput:
    client_id: str
    advisor_id: str
    team_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    business_days: int = 2
    reason: str = "follow-up"
    timezone: str = "Asia/Shanghai"


@dataclass(frozen=True)
class CallClientResult:
    client_id: str
    outcome: TaskOutcome


# client-care


@dataclass(frozen=True)
class Occasion:
    title: str
    outcomes: tuple[str, ...]
    business_days: int


@dataclass(frozen=True)
class ClientCareInput:
    client_id: str
    advisor_id: str
    occasion: str
    team_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    timezone: str = "Asia/Shanghai"


@dataclass(frozen=True)
class ClientCareResult:
    client_id: str
    occasion: str
    outcome: TaskOutcome


# onboarding


@dataclass(frozen=True)
class OnboardingInput:
    client_id: str
    advisor_id: str
    team_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    timezone: str = "Asia/Shanghai"
    reminder_days: int = 3
    expiry_days: int = 14
    intro_call_business_days: int = 2
    follow_up_day: int = 30


@dataclass(frozen=True)
class OnboardingResult:
    client_id: str
    risk_level: str
    risk_points: int
    tier: str
    answered_by: str
    intro_call: str
    follow_up_call: str


# annual-review


@dataclass(frozen=True)
class AnnualReviewInput:
    client_id: str
    advisor_id: str
    year: int
    team_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    timezone: str = "Asia/Shanghai"


@dataclass(frozen=True)
class AnnualReviewResult:
    client_id: str
    year: int
    summary_artifact_id: str
    meeting_on: str
    strategy_delivery: str
    meeting_reply: str = ""  # the client's answer to the invitation: accepted, declined, …


@dataclass(frozen=True)
class AnnualReviewKickoffInput:
    """Empty when the Schedule starts it; carried over by continue-as-new."""

    year: int = 0
    page_token: str = ""
    totals: dict[str, int] | None = None
    pages_per_run: int = 100


# dormant

# A scan continues as new after this many pages, to keep its history small.
PAGES_PER_RUN = 100


@dataclass(frozen=True)
class ReactivationInput:
    client_id: str
    advisor_id: str
    episode: str
    team_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    client_name: str = ""
    last_activity_at: str = ""  # the last real contact (the name is kept for histories)
    timezone: str = "Asia/Shanghai"
    wait_days: int = 14
    call_business_days: int = 2
    final_wait_days: int = 30


@dataclass(frozen=True)
class ReactivationResult:
    client_id: str
    # reactivated | dormant
    outcome: str
    # message | call | final_wait (where the activity came), or "" when dormant
    reactivated_during: str
    message_status: str
    call_outcome: str


@dataclass(frozen=True)
class DormantScanInput:
    """Empty when the Schedule starts it; carried over by continue-as-new."""

    plan: DormantScanPlan | None = None
    window_index: int = 0
    page_token: str = ""
    totals: dict[str, int] = field(default_factory=dict)
    pages_per_run: int = PAGES_PER_RUN


@dataclass(frozen=True)
class DormantScanResult:
    windows: int
    scanned: int
    started: int
    already_started: int
    errors: int


# nps


@dataclass(frozen=True)
class NpsSurveyInput:
    client_id: str
    advisor_id: str
    campaign: str
    team_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    timezone: str = "Asia/Shanghai"
    answer_days: int = 14


@dataclass(frozen=True)
class NpsSurveyResult:
    client_id: str
    status: str  # answered | unanswered | not_sent
    score: int = -1


@dataclass(frozen=True)
class NpsCampaignInput:
    segment_id: str
    campaign: str
    min_days_between: int = 180
    page_token: str = ""
    scanned: int = 0
    started: int = 0


# quarterly


@dataclass(frozen=True)
class QuarterlyReportInput:
    book: str  # a team id, or "firm"
    period: str  # 2026Q3
    started_by: str = ""
    manager_id: str = ""
    timezone: str = "Asia/Shanghai"
    batch_size: int = 200
    parallel_batches: int = 4
    render_parallelism: int = 8
    delivery_timeout_seconds: int = 120
    sla_business_days: int = 3
    # Reports made per call (their data read in one call too).
    clients_per_call: int = 25
    # 1 for the period's run; 2, 3, ... for correction runs (their own e-mail keys).
    attempt: int = 1


@dataclass(frozen=True)
class Round:
    number: int
    commentary: str
    written_by: str
    decision: str  # approved | rejected
    decided_by: str
    comment: str


@dataclass(frozen=True)
class Failure:
    client_id: str
    status: str
    reason: str


@dataclass(frozen=True)
class BatchInput:
    parent_id: str
    period: str
    commentary: str
    client_ids: tuple[str, ...]
    render_parallelism: int = 8
    delivery_timeout_seconds: int = 120
    attempt: int = 1
    clients_per_call: int = 25


@dataclass(frozen=True)
class BatchResult:
    counts: dict[str, int]
    failures: tuple[Failure, ...]


@dataclass(frozen=True)
class QuarterlyReportResult:
    book: str
    period: str
    rounds: tuple[Round, ...]
    clients: int
    counts: dict[str, int]
    # suppressed and failed, with reasons (the first 1,000)
    problems: tuple[Failure, ...]
    reviewed_by: str = ""


@dataclass(frozen=True)
class QuarterlyKickoffInput:
    manager_id: str = ""


# service-request


@dataclass(frozen=True)
class ServiceRequestInput:
    request_id: str
    client_id: str
    advisor_id: str
    type_key: str
    subject: str = ""
    fields_json: str = "{}"
    channel: str = "staff"  # staff | portal | event
    created_by: str = ""
    team_id: str = ""
    tier: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    timezone: str = "Asia/Shanghai"
    # When the client filed it, if on another channel before it reached us (ISO 8601): the
    # first step's SLA counts from then.
    filed_at: str = ""


@dataclass(frozen=True)
class ServiceRequestResult:
    request_id: str
    status: str
    rounds: int
    csat_score: int


# definition (the interpreter of admin-defined processes)


@dataclass(frozen=True)
class DefinitionInput:
    """A run of a definition: the exact version's document is pinned here, so a later
    version never changes a running process."""

    client_id: str
    key: str
    version: int
    document_json: str
    advisor_id: str = ""
    team_id: str = ""
    manager_id: str = ""
    second_level_id: str = ""
    timezone: str = "Asia/Shanghai"
    started_by: str = ""
    variables_json: str = "{}"
    # The client's language: the words of client-visible steps in the progress history.
    locale: str = "zh-CN"
    # The client's tier (an SLA per tier) and how deep in sub-processes this run is.
    tier: str = ""
    depth: int = 0


@dataclass(frozen=True)
class DefinitionResult:
    client_id: str
    key: str
    version: int
    outcome: str
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class DefinitionRunInput:
    """A definition run over a saved segment (by its Schedule, or by hand): the run's key
    names each member's process, so a page repeated starts nobody twice."""

    key: str
    segment_id: str
    run_key: str = ""
    page_token: str = ""
    scanned: int = 0
    started: int = 0
    already: int = 0
    failed: int = 0
