"""What the task engine sends: reminders and escalations to staff (in-app, once per key),
and a reminder to the client for a task the client does in the portal — in the client's
wording, never the staff title."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.types import (
        NOTIFY_CLIENT,
        NOTIFY_USER,
        ClientNotification,
        UserNotification,
    )

ACTIVITY_RETRY = RetryPolicy(maximum_interval=timedelta(seconds=60))
# A task the client does in the portal is held by `client:{client id}`.
CLIENT_HOLDER = "client:"


async def notify_user(key: str, user_id: str, template: str, variables: dict[str, Any]) -> None:
    if not user_id:
        return
    await workflow.execute_activity(
        NOTIFY_USER,
        UserNotification(
            idempotency_key=key,
            user_id=user_id,
            template_key=template,
            variables_json=json.dumps(variables, ensure_ascii=False, sort_keys=True),
            workflow_id=workflow.info().workflow_id,
        ),
        start_to_close_timeout=timedelta(seconds=30),
        retry_policy=ACTIVITY_RETRY,
    )


async def remind_client(key: str, holder: str, words: dict[str, str], due_at: str) -> None:
    await workflow.execute_activity(
        NOTIFY_CLIENT,
        ClientNotification(
            idempotency_key=key,
            client_id=holder.removeprefix(CLIENT_HOLDER),
            template_key="client-task-reminder",
            variables_json=json.dumps(
                {
                    "title_zh": words.get("zh-CN", ""),
                    "title_en": words.get("en", ""),
                    "due_at": due_at,
                },
                ensure_ascii=False,
                sort_keys=True,
            ),
            workflow_id=workflow.info().workflow_id,
        ),
        start_to_close_timeout=timedelta(seconds=30),
        retry_policy=ACTIVITY_RETRY,
    )
