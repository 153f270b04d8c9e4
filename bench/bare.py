"""The baseline: a bare Temporal workflow with one activity returning a constant.
Kept in a module of its own so the workflow sandbox imports nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from temporalio import activity, workflow


@dataclass(frozen=True)
class BareInput:
    client_id: str


@activity.defn(name="bare.get_summary")
async def bare_activity(params: BareInput) -> str:
    return params.client_id


@workflow.defn(name="BareCheck")
class BareWorkflow:
    @workflow.run
    async def run(self, params: BareInput) -> str:
        return await workflow.execute_activity(
            bare_activity, params, start_to_close_timeout=timedelta(seconds=30)
        )
