"""Side effects a process takes, as workflow-side helpers. Every one carries an idempotency
key built from the workflow id and the step, so a retried activity or a replayed workflow
never repeats it (the notifications service sends a key once; a stage move is a no-op when
the client is already there)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any, Protocol

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.types import (
        GET_CLIENT_SUMMARY,
        NOTIFY_CLIENT,
        NOTIFY_USER,
        SET_STAGE,
        ClientNotification,
        ClientSummary,
        ClientSummaryRequest,
        NotificationOutcome,
        StageMove,
        StageMoveResult,
        UserNotification,
    )
    from services.workflows.worker.task_specs import FormField, SlaPolicy, TaskSpec, Title, titled

CALL_OUTCOMES = ("reached", "no_answer", "declined")
SUMMARY = (FormField("summary"),)


class ClientProcess(Protocol):
    """What every client process's input says about who looks after the client."""

    @property
    def client_id(self) -> str: ...
    @property
    def advisor_id(self) -> str: ...
    @property
    def team_id(self) -> str: ...
    @property
    def manager_id(self) -> str: ...
    @property
    def second_level_id(self) -> str: ...
    @property
    def timezone(self) -> str: ...


def advisor_task(
    params: ClientProcess,
    task_id: str,
    title: str | Title,
    *,
    business_days: float = 2,
    outcomes: tuple[str, ...] = CALL_OUTCOMES,
    form: tuple[FormField, ...] = SUMMARY,
) -> TaskSpec:
    """A task for the client's advisor, due in business days of the client's time zone,
    escalated to the team's manager (and the second level) when it is late. A plain `title`
    is its own catalogue key; `titled(...)` gives one with parameters."""
    message = titled(title) if isinstance(title, str) else title
    return TaskSpec(
        task_id=task_id,
        title=message.text,
        title_key=message.key,
        title_params=message.params,
        sla=SlaPolicy(amount=business_days, unit="business_days", timezone=params.timezone),
        outcomes=outcomes,
        assignee_user=params.advisor_id,
        assignee_role="advisor",
        team_id=params.team_id,
        client_id=params.client_id,
        manager_id=params.manager_id,
        second_level_id=params.second_level_id,
        form=form,
    )


RETRY = RetryPolicy(maximum_interval=timedelta(seconds=60))
TIMEOUT = timedelta(seconds=60)


def step_key(step: str) -> str:
    """The idempotency key of this workflow's `step`."""
    return f"{workflow.info().workflow_id}/{step}"


async def client_summary(client_id: str) -> ClientSummary:
    result: ClientSummary = await workflow.execute_activity(
        GET_CLIENT_SUMMARY,
        ClientSummaryRequest(client_id=client_id),
        result_type=ClientSummary,
        start_to_close_timeout=TIMEOUT,
        retry_policy=RETRY,
    )
    return result


async def notify_client(
    step: str,
    client_id: str,
    template: str,
    variables: dict[str, Any],
    *,
    category: str = "service",
    attachments: tuple[str, ...] = (),
) -> NotificationOutcome:
    result: NotificationOutcome = await workflow.execute_activity(
        NOTIFY_CLIENT,
        ClientNotification(
            idempotency_key=step_key(step),
            client_id=client_id,
            template_key=template,
            variables_json=json.dumps(variables, ensure_ascii=False, sort_keys=True),
            workflow_id=workflow.info().workflow_id,
            category=category,
            attachment_artifact_ids=attachments,
        ),
        result_type=NotificationOutcome,
        start_to_close_timeout=timedelta(seconds=90),
        retry_policy=RETRY,
    )
    return result


async def notify_user(step: str, user_id: str, template: str, variables: dict[str, Any]) -> None:
    if not user_id:
        return
    await workflow.execute_activity(
        NOTIFY_USER,
        UserNotification(
            idempotency_key=step_key(step),
            user_id=user_id,
            template_key=template,
            variables_json=json.dumps(variables, ensure_ascii=False, sort_keys=True),
            workflow_id=workflow.info().workflow_id,
        ),
        start_to_close_timeout=TIMEOUT,
        retry_policy=RETRY,
    )


async def set_stage(
    client_id: str, stage: str, reason: str, only_from: tuple[str, ...] = ()
) -> StageMoveResult:
    result: StageMoveResult = await workflow.execute_activity(
        SET_STAGE,
        StageMove(client_id=client_id, stage=stage, reason=reason, only_from=only_from),
        result_type=StageMoveResult,
        start_to_close_timeout=TIMEOUT,
        retry_policy=RETRY,
    )
    return result
