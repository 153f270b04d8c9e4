"""definition-run: a process definition started for every member of a saved segment — by the
definition's Schedule, or by hand — page by page (like the NPS campaign and the quarterly run:
a page is one activity, the service starts each member's run under the run's key, so a page
retried starts nobody twice); continues as new every 100 pages.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from services.workflows.worker.activities.definition_types import (
        START_DEFINITION_PAGE,
        DefinitionPage,
        DefinitionPageResult,
    )
    from services.workflows.worker.processes.models import DefinitionRunInput

KIND = "definition-run"
PAGES_PER_RUN = 100
RETRY = RetryPolicy(maximum_interval=timedelta(seconds=60))


def schedule_id(key: str, segment_id: str) -> str:
    return f"{KIND}-{key}.{segment_id}"


@workflow.defn(name="DefinitionRun")
class DefinitionRunWorkflow:
    @workflow.run
    async def run(self, params: DefinitionRunInput) -> dict[str, int]:
        # A run started by the Schedule is keyed by its start time: each run its own.
        run_key = params.run_key or workflow.now().strftime("run-%Y%m%d%H%M")
        counts = {
            "scanned": params.scanned,
            "started": params.started,
            "already": params.already,
            "failed": params.failed,
        }
        token = params.page_token
        for _ in range(PAGES_PER_RUN):
            page: DefinitionPageResult = await workflow.execute_activity(
                START_DEFINITION_PAGE,
                DefinitionPage(params.key, params.segment_id, run_key, token),
                result_type=DefinitionPageResult,
                start_to_close_timeout=timedelta(minutes=5),
                retry_policy=RETRY,
            )
            counts["scanned"] += page.scanned
            counts["started"] += page.started
            counts["already"] += page.already
            counts["failed"] += page.failed
            token = page.next_page_token
            if not token:
                return counts
        workflow.continue_as_new(
            DefinitionRunInput(params.key, params.segment_id, run_key, token, **counts)
        )
