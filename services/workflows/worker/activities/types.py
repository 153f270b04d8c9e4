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
    locale: str = ""
    timezone: str = ""
    lifecycle_stage: str = ""
    tier: str = ""


SET_STAGE = "clients.set_stage"
EVALUATE_LIFECYCLE = "clients.evaluate_lifecycle"


@dataclass(frozen=True)
class LifecycleSweepResult:
    evaluated: int
    changed: int


ENSURE_KYC = "clients.ensure_kyc"
RECORD_RISK_PROFILE = "clients.record_risk_profile"


@dataclass(frozen=True)
class StageMove:
    """Move a client's lifecycle stage; with `only_from`, only from one of those stages
    (a client someone already moved elsewhere is left alone)."""

    client_id: str
    stage: str
    reason: str
    only_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageMoveResult:
    stage: str
    previous_stage: str
    moved: bool


@dataclass(frozen=True)
class KycState:
    """The client's KYC record after `clients.ensure_kyc` (a missing one is opened as
    pending)."""

    client_id: str
    status: str
    expires_on: str
    risk_level: str
    opened: bool


@dataclass(frozen=True)
class RiskProfile:
    client_id: str
    risk_level: str
    answers_json: str


@dataclass(frozen=True)
class RiskProfileResult:
    risk_level: str
    tier: str


# -- human tasks -------------------------------------------------------------------------

PROJECT_TASK = "tasks.project"
NOTIFY_USER = "notifications.notify_user"


# Clients who get quarterly reports: not prospects, not gone.


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
    # What the task accepts (so a UI can draw it): outcomes, and the form's fields as JSON.
    outcomes: tuple[str, ...] = ()
    form_fields_json: str = "[]"
    # The title as a message (see TaskSpec.title_key).
    title_key: str = ""
    title_params_json: str = "{}"


@dataclass(frozen=True)
class UserNotification:
    """An in-app message to a staff user, sent once per idempotency key."""

    idempotency_key: str
    user_id: str
    template_key: str
    variables_json: str
    workflow_id: str


NOTIFY_CLIENT = "notifications.notify_client"


@dataclass(frozen=True)
class ClientNotification:
    """A templated message to a client (their preferred channel, consent and quiet hours
    applied by the notifications service), sent once per idempotency key."""

    idempotency_key: str
    client_id: str
    template_key: str
    variables_json: str
    workflow_id: str
    category: str = "service"
    attachment_artifact_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotificationOutcome:
    delivery_id: str
    status: str
    reason: str = ""
    replayed: bool = False


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


# -- the dormant-client scan ------------------------------------------------------------

PLAN_DORMANT_SCAN = "dormancy.plan_scan"
SCAN_DORMANT_PAGE = "dormancy.scan_page"
COMPLETE_DORMANT_SCAN = "dormancy.complete_scan"


@dataclass(frozen=True)
class DormantWindow:
    """Clients of `tier` whose last activity is in [since, until) became dormant since the
    last scan (ISO instants)."""

    tier: str
    since: str
    until: str
    threshold_days: int


@dataclass(frozen=True)
class DormantScanPlan:
    windows: tuple[DormantWindow, ...]


@dataclass(frozen=True)
class DormantPageRequest:
    window: DormantWindow
    page_token: str = ""
    page_size: int = 200


@dataclass(frozen=True)
class DormantPageResult:
    scanned: int
    started: int
    already_started: int
    errors: int
    next_page_token: str


# -- reports -----------------------------------------------------------------------------

LIST_BOOK = "reports.list_book"
DELIVER_CLIENT_REPORT = "reports.deliver_client_report"
DELIVER_CLIENT_REPORTS = "reports.deliver_client_reports"
RENDER_CLIENT_REPORT = "reports.render_client_report"


@dataclass(frozen=True)
class BookPageRequest:
    """One page of the clients a report run covers: a team's book, or the firm's."""

    book: str  # a team id, or "firm"
    page_token: str = ""
    page_size: int = 200
    tiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class BookPage:
    client_ids: tuple[str, ...]
    next_page_token: str


@dataclass(frozen=True)
class ReportDelivery:
    """Render one client's report for the period and e-mail it, once per client and period
    (the idempotency key is `{kind}/{period}/{client}`, whichever run sends it)."""

    client_id: str
    period: str
    commentary: str
    workflow_id: str
    template_key: str = "quarterly-report"
    kind: str = "client-report"
    # A correction run (attempt 2, 3, ...) sends again, under keys of its own.
    attempt: int = 1

    def idempotency_key(self) -> str:
        key = f"{self.kind}/{self.period}/{self.client_id}"
        return key if self.attempt <= 1 else f"{key}/attempt-{self.attempt}"


@dataclass(frozen=True)
class ReportsDelivery:
    """Render a few clients' reports in one call (their data read in one call too) and
    e-mail them in one call (`SendMany`), `send_parallelism` at a time, each e-mail keyed
    as `ReportDelivery`'s."""

    client_ids: tuple[str, ...]
    period: str
    commentary: str
    workflow_id: str
    template_key: str = "quarterly-report"
    kind: str = "client-report"
    attempt: int = 1
    send_parallelism: int = 8

    def one(self, client_id: str) -> ReportDelivery:
        return ReportDelivery(
            client_id,
            self.period,
            self.commentary,
            self.workflow_id,
            self.template_key,
            self.kind,
            self.attempt,
        )


@dataclass(frozen=True)
class ReportsDeliveryOutcome:
    outcomes: tuple[ReportDeliveryOutcome, ...]


@dataclass(frozen=True)
class ReportDeliveryOutcome:
    client_id: str
    artifact_id: str
    delivery_id: str
    # sent | deferred | accepted | retrying | suppressed | failed
    status: str
    reason: str = ""


@dataclass(frozen=True)
class RenderRequest:
    client_id: str
    period: str
    commentary: str
    workflow_id: str
    kind: str = "client-report"


@dataclass(frozen=True)
class RenderedReport:
    artifact_id: str
    sha256: str
    size_bytes: int


START_ANNUAL_REVIEWS = "reviews.start_annual_reviews"


@dataclass(frozen=True)
class AnnualReviewsPageRequest:
    year: int
    page_token: str = ""


@dataclass(frozen=True)
class AnnualReviewsPage:
    scanned: int
    started: int
    already_started: int
    errors: int
    next_page_token: str


# -- client requests -------------------------------------------------------------------------

OPEN_REQUEST = "requests.open"
PROJECT_REQUEST = "requests.project"
APPLY_CONTACT_CHANGE = "requests.apply_contact_change"
RECORD_RATING = "requests.record_rating"


@dataclass(frozen=True)
class RequestOpening:
    """Register a request with the workflows service and read its plan (the type's steps,
    the SLAs for the client's tier); idempotent on the request id."""

    request_id: str
    workflow_id: str
    client_id: str
    type_key: str
    subject: str = ""
    fields_json: str = "{}"
    channel: str = "staff"
    created_by: str = ""
    tier: str = ""
    advisor_id: str = ""
    team_id: str = ""


@dataclass(frozen=True)
class RequestState:
    """The request's row as the workflow last reported it; a lower revision changes
    nothing."""

    request_id: str
    workflow_id: str
    status: str
    current_step: str = ""
    due_at: str = ""
    resolution: str = ""
    first_response_at: str = ""
    resolved_at: str = ""
    closed_at: str = ""
    round: int = 1
    csat_score: int = 0
    revision: int = 0
    progress_json: str = "{}"


@dataclass(frozen=True)
class ContactChange:
    """The approved change of a client's contact details, applied as the request."""

    request_id: str
    client_id: str
    fields_json: str


@dataclass(frozen=True)
class ContactChangeResult:
    applied: tuple[str, ...] = ()


@dataclass(frozen=True)
class RatingRecord:
    """A client's satisfaction answer about a request, recorded once per invitation."""

    invitation_id: str
    client_id: str
    request_type: str
    score: int
    comment: str = ""
    channel: str = "portal"
    survey: str = "csat"


# -- surveys ---------------------------------------------------------------------------------

INVITE_TO_SURVEY = "surveys.invite"
START_NPS_PAGE = "surveys.start_nps_page"


@dataclass(frozen=True)
class SurveyInvitation:
    """A survey invitation to a client with a signed answer link (signed by the worker, the
    link's process and survey in it), sent once per idempotency key."""

    idempotency_key: str
    client_id: str
    workflow_id: str
    survey: str  # nps | csat
    round: int
    template_key: str
    variables_json: str = "{}"
    category: str = "service"
    answer_days: int = 14


@dataclass(frozen=True)
class NpsPage:
    """One page of an NPS campaign over a segment: start a survey for each member not asked
    within `min_days_between` days."""

    segment_id: str
    campaign: str
    min_days_between: int
    page_token: str = ""


@dataclass(frozen=True)
class NpsPageResult:
    scanned: int
    started: int
    skipped_recent: int
    next_page_token: str = ""


SEND_IN_DOUBT_DIGEST = "notifications.send_in_doubt_digest"


@dataclass(frozen=True)
class DigestRequest:
    """The day (in the firm's zone, ISO) the digest is for: part of each message's key."""

    day: str


@dataclass(frozen=True)
class DigestResult:
    in_doubt: int
    sent_to: tuple[str, ...] = ()
