"""Nodes that run something of their own: a document (a report rendered as a PDF), a survey
(the NPS survey process, a child workflow) and a sub-process (another definition's published
version, a child Definition run). Each child is found by the client's id like any process of
theirs: it carries the parent's search attributes with its own kind."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributePair, TypedSearchAttributes
from temporalio.exceptions import ActivityError, ChildWorkflowError

with workflow.unsafe.imports_passed_through():
    from services.common.temporal import PROCESS_KIND
    from services.workflows.worker.activities.definition_types import (
        PUBLISHED_DEFINITION,
        PublishedDefinition,
    )
    from services.workflows.worker.activities.types import (
        RENDER_CLIENT_REPORT,
        RenderedReport,
        RenderRequest,
    )
    from services.workflows.worker.processes.models import (
        DefinitionInput,
        DefinitionResult,
        NpsSurveyInput,
        NpsSurveyResult,
    )

# How deep sub-processes may nest (a definition cannot name itself; this bounds a cycle of
# several definitions naming each other).
MAX_DEPTH = 3
ACTIVITY = timedelta(seconds=120)
RETRY = RetryPolicy(maximum_interval=timedelta(seconds=60), maximum_attempts=20)


def child_attributes(kind: str) -> TypedSearchAttributes | None:
    """The parent's search attributes (client, advisor, team, tier, name) with `kind`; none
    when the parent has none (a server without the process attributes)."""
    pairs = [
        pair
        for pair in workflow.info().typed_search_attributes.search_attributes
        if pair.key.name != PROCESS_KIND.name
    ]
    if not pairs:
        return None
    pairs.append(SearchAttributePair(PROCESS_KIND, kind))
    return TypedSearchAttributes(pairs)


def quarter(period: str) -> str:
    """The quarter a document covers: the last full one, or the current one, as 2026Q3."""
    today = workflow.now().date()
    index = today.year * 4 + (today.month - 1) // 3 - (1 if period == "last_quarter" else 0)
    return f"{index // 4}Q{index % 4 + 1}"


def child_id(prefix: str, params: DefinitionInput, task_id: str) -> str:
    """`{prefix}/{parent key}-{run}-{node visit}`: one child per node visit, named like the
    child's kind names its runs (`nps-survey/{client}/…`, `definition/{client}/{key}/…`)."""
    run = workflow.info().workflow_id.rsplit("/", 1)[-1]
    return f"{prefix}/{params.key}-{run}-{task_id}"[:250]


async def document(node: dict[str, Any], params: DefinitionInput) -> str:
    """Render the report; its artifact id (kept for a send node to attach)."""
    rendered: RenderedReport = await workflow.execute_activity(
        RENDER_CLIENT_REPORT,
        RenderRequest(
            client_id=params.client_id,
            period=quarter(str(node.get("period", "last_quarter"))),
            commentary=str(node.get("commentary", "")),
            workflow_id=workflow.info().workflow_id,
            kind=str(node.get("report", "client-report")),
        ),
        start_to_close_timeout=ACTIVITY,
        retry_policy=RETRY,
        result_type=RenderedReport,
    )
    return rendered.artifact_id


async def survey(node: dict[str, Any], params: DefinitionInput, task_id: str) -> NpsSurveyResult:
    """The NPS survey as a child process: the client answers by the signed link; a
    detractor's follow-up is the survey's own task."""
    result: NpsSurveyResult = await workflow.execute_child_workflow(
        "NpsSurvey",
        NpsSurveyInput(
            client_id=params.client_id,
            advisor_id=params.advisor_id,
            campaign=f"{params.key}-{task_id}",
            team_id=params.team_id,
            manager_id=params.manager_id,
            second_level_id=params.second_level_id,
            timezone=params.timezone,
            answer_days=int(node.get("answer_days", 14)),
        ),
        id=child_id(f"nps-survey/{params.client_id}", params, task_id),
        search_attributes=child_attributes("nps-survey"),
        result_type=NpsSurveyResult,
    )
    return result


async def subprocess(node: dict[str, Any], params: DefinitionInput, task_id: str) -> str:
    """Run the other definition's published version for the client; its outcome, or
    `not_published` / `too_deep` / `failed`."""
    if params.depth + 1 > MAX_DEPTH:
        return "too_deep"
    try:
        found: PublishedDefinition = await workflow.execute_activity(
            PUBLISHED_DEFINITION,
            str(node["definition"]),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RETRY,
            result_type=PublishedDefinition,
        )
    except ActivityError:
        return "not_published"
    try:
        result: DefinitionResult = await workflow.execute_child_workflow(
            "Definition",
            DefinitionInput(
                client_id=params.client_id,
                key=found.key,
                version=found.version,
                document_json=found.document_json,
                advisor_id=params.advisor_id,
                team_id=params.team_id,
                manager_id=params.manager_id,
                second_level_id=params.second_level_id,
                timezone=params.timezone,
                started_by=workflow.info().workflow_id,
                locale=params.locale,
                tier=params.tier,
                depth=params.depth + 1,
            ),
            id=child_id(f"definition/{params.client_id}/{found.key}", params, task_id),
            search_attributes=child_attributes("definition"),
            result_type=DefinitionResult,
        )
    except ChildWorkflowError:
        return "failed"
    return result.outcome
