"""What a client and staff do to a request while its process runs — reopen it, confirm a
complaint's resolution, rate it — as Updates whose validators refuse the wrong moment or
person. A mixin of the ServiceRequest workflow (passed through the sandbox as its other
helpers are: workflow code, no state of its own)."""

from __future__ import annotations

from datetime import datetime

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services.workflows.contract import RequestAction, RequestProgressView
    from services.workflows.worker.task_specs import (
        failed_precondition,
        invalid_argument,
        permission_denied,
    )


def workflow_time(value: str) -> datetime:
    """An ISO instant stored by the workflow, back as a datetime."""
    return datetime.fromisoformat(value)


class RequestUpdates:
    status: str
    round: int
    rated_round: int
    reopen_until: str
    reopen: RequestAction | None
    confirmation: RequestAction | None
    rating: RequestAction | None

    def request_progress(self) -> RequestProgressView:
        raise NotImplementedError

    def rating_open(self) -> bool:
        raise NotImplementedError

    @workflow.update(name="reopen_request")
    def reopen_request(self, action: RequestAction) -> RequestProgressView:
        self.reopen = action
        return self.request_progress()

    @reopen_request.validator
    def _validate_reopen(self, action: RequestAction) -> None:
        if self.status != "resolved" or self.reopen is not None:
            raise failed_precondition(f"status={self.status!r}: only a resolved request reopens")
        if workflow.now() >= workflow_time(self.reopen_until):
            raise failed_precondition(
                f"reopen_until={self.reopen_until}: the window to reopen has closed"
            )
        if not action.reason.strip():
            raise invalid_argument("reason: say why the request is reopened")

    @workflow.update(name="confirm_resolution")
    def confirm_resolution(self, action: RequestAction) -> RequestProgressView:
        self.confirmation = action
        return self.request_progress()

    @confirm_resolution.validator
    def _validate_confirm(self, action: RequestAction) -> None:
        if self.status != "awaiting_client" or self.confirmation is not None:
            raise failed_precondition(
                f"status={self.status!r}: the request is not waiting for the client's answer"
            )
        if action.actor_kind != "client":
            raise permission_denied("only the client confirms a resolution")

    @workflow.update(name="rate_request")
    def rate_request(self, action: RequestAction) -> RequestProgressView:
        self.rating = action
        self.rated_round = self.round
        return self.request_progress()

    @rate_request.validator
    def _validate_rate(self, action: RequestAction) -> None:
        if action.actor_kind != "client":
            raise permission_denied("only the client rates a request")
        if not self.rating_open():
            raise failed_precondition("the request is not open for a rating (once per round)")
        if not 1 <= action.score <= 5:
            raise invalid_argument(f"score={action.score}: must be between 1 and 5")
        if len(action.comment) > 2000:
            raise invalid_argument("comment: must be at most 2,000 characters")
