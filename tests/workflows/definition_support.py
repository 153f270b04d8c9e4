"""The definition interpreter's test kit: in-memory activities for what a definition's nodes
call, a worker on the time-skipping server, and a start/act/complete for a run."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from temporalio import activity
from temporalio.client import (
    WorkflowHandle,
)
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from services.workflows.contract import TaskAction
from services.workflows.worker.activities.definition_types import (
    CLIENT_DATE,
    EVALUATE_CONDITION,
    PUBLISHED_DEFINITION,
    RECORD_FIELD,
    RESOLVE_APPROVERS,
    SEND_TEMPLATE,
    START_DEFINITION_PAGE,
    UPDATE_RECORD,
    ApproversRequest,
    ClientDateRequest,
    ConditionRequest,
    DefinitionPage,
    DefinitionPageResult,
    PublishedDefinition,
    RecordFieldRequest,
    RecordUpdate,
    TemplateSend,
)
from services.workflows.worker.activities.types import (
    INVITE_TO_SURVEY,
    RECORD_RATING,
    RENDER_CLIENT_REPORT,
    NotificationOutcome,
    RatingRecord,
    RenderedReport,
    RenderRequest,
    SurveyInvitation,
)
from services.workflows.worker.interpreter.workflow import (
    DefinitionInput,
    DefinitionWorkflow,
)
from tests.workflows.fakes import FakeServices, fake_worker, open_task, until

DEFINITIONS = Path(__file__).resolve().parents[2] / "services" / "workflows" / "definitions"
HISTORIES = Path(__file__).resolve().parent.parent / "histories"


@dataclass
class DefinitionFakes:
    sent: list[TemplateSend] = field(default_factory=list)
    updates: list[RecordUpdate] = field(default_factory=list)
    partners: tuple[str, ...] = ("ptn-a", "ptn-b", "ptn-c")
    invitations: list[SurveyInvitation] = field(default_factory=list)
    ratings: list[RatingRecord] = field(default_factory=list)
    rendered: list[RenderRequest] = field(default_factory=list)
    published: dict[str, dict[str, Any]] = field(default_factory=dict)
    pages: list[DefinitionPage] = field(default_factory=list)
    # record id -> field -> value, as the record_field activity reads them
    records: dict[str, dict[str, str]] = field(default_factory=dict)
    reads: list[RecordFieldRequest] = field(default_factory=list)

    def activities(self) -> list[Callable[..., Any]]:
        @activity.defn(name=RESOLVE_APPROVERS)
        async def resolve(request: ApproversRequest) -> list[str]:
            return list(self.partners) if request.role == "partner" else []

        @activity.defn(name=EVALUATE_CONDITION)
        async def evaluate(request: ConditionRequest) -> bool:
            return request.expression == "true"

        @activity.defn(name=UPDATE_RECORD)
        async def update(request: RecordUpdate) -> int:
            self.updates.append(request)
            return 1

        @activity.defn(name=SEND_TEMPLATE)
        async def send(request: TemplateSend) -> str:
            if all(s.idempotency_key != request.idempotency_key for s in self.sent):
                self.sent.append(request)
            return "sent"

        @activity.defn(name=CLIENT_DATE)
        async def client_date(request: ClientDateRequest) -> str:
            return ""

        @activity.defn(name=RECORD_FIELD)
        async def record_field(request: RecordFieldRequest) -> str:
            self.reads.append(request)
            return self.records.get(request.record_id, {}).get(request.field, "")

        @activity.defn(name=INVITE_TO_SURVEY)
        async def invite(invitation: SurveyInvitation) -> NotificationOutcome:
            self.invitations.append(invitation)
            return NotificationOutcome("d-1", "sent")

        @activity.defn(name=RECORD_RATING)
        async def rate(record: RatingRecord) -> None:
            self.ratings.append(record)

        @activity.defn(name=RENDER_CLIENT_REPORT)
        async def render(request: RenderRequest) -> RenderedReport:
            self.rendered.append(request)
            return RenderedReport(f"artifact-{len(self.rendered)}", "0" * 64, 1000)

        @activity.defn(name=PUBLISHED_DEFINITION)
        async def published(key: str) -> PublishedDefinition:
            if key not in self.published:
                raise ApplicationError(f"definition {key} not found", non_retryable=True)
            return PublishedDefinition(key, 2, json.dumps(self.published[key]))

        @activity.defn(name=START_DEFINITION_PAGE)
        async def start_page(page: DefinitionPage) -> DefinitionPageResult:
            self.pages.append(page)
            following = str(int(page.page_token or "0") + 1)
            return DefinitionPageResult(100, 99, 1, 0, following if following != "3" else "")

        return [
            start_page,
            resolve,
            evaluate,
            update,
            send,
            client_date,
            record_field,
            invite,
            rate,
            render,
            published,
        ]


Env = tuple[FakeServices, DefinitionFakes, str]


@pytest.fixture
async def env_queue(time_skipping_env: WorkflowEnvironment) -> AsyncIterator[Env]:
    services, fakes = FakeServices(), DefinitionFakes()
    async with fake_worker(time_skipping_env, services, fakes.activities()) as queue:
        yield services, fakes, queue


async def start(
    env: WorkflowEnvironment,
    queue: str,
    key: str,
    document: dict[str, Any] | None = None,
    tier: str = "",
) -> WorkflowHandle[Any, Any]:
    document = document or json.loads((DEFINITIONS / f"{key}.json").read_text())
    client_id = str(uuid.uuid4())
    return await env.client.start_workflow(
        DefinitionWorkflow.run,
        DefinitionInput(
            client_id=client_id,
            key=key,
            version=1,
            document_json=json.dumps(document, ensure_ascii=False),
            advisor_id="adv-li",
            team_id="team-sh",
            manager_id="mgr-zhao",
            tier=tier,
        ),
        id=f"definition/{client_id}/{key}/{uuid.uuid4().hex[:8]}",
        task_queue=queue,
    )


def act(task_id: str, user: str, role: str, outcome: str = "done", **form: str) -> TaskAction:
    comment = form.pop("comment", "")
    return TaskAction(
        task_id=task_id,
        actor_user=user,
        actor_roles=(role,),
        actor_team="team-sh",
        outcome=outcome,
        comment=comment,
        form_json=json.dumps(form),
    )


async def complete(handle: WorkflowHandle[Any, Any], action: TaskAction) -> None:
    await until(handle, open_task(action.task_id))
    await handle.execute_update("complete_task", action)
