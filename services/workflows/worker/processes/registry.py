"""The processes the workflows service can start, by kind."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from services.workflows.worker.interpreter.workflow import DefinitionWorkflow
from services.workflows.worker.processes import (
    annual_review,
    call_client,
    capital_event,
    client_care,
    client_check,
    date_sweep,
    definition_run,
    dormant,
    follow_up,
    lifecycle_sweep,
    nps,
    onboarding,
    ops_digest,
    quarterly,
    service_request,
)


@dataclass(frozen=True)
class ProcessKind:
    kind: str
    workflow: str
    # (client id, start parameters, the workflow's input) -> the workflow id
    workflow_id: Callable[[str, Mapping[str, str], Any], str]
    # (the client as the caller sees it, the start parameters) -> the workflow's input
    make_input: Callable[[Any, Mapping[str, str]], Any]
    # Once per client whoever starts it: a rule starts it under `workflow_id` too, not
    # under a per-rule, per-period id.
    once_per_client: bool = False


PROCESS_KINDS: dict[str, ProcessKind] = {
    client_check.KIND: ProcessKind(
        kind=client_check.KIND,
        workflow="ClientCheck",
        workflow_id=lambda client_id, _p, _i: client_check.client_check_workflow_id(client_id),
        make_input=lambda client, _params: client_check.ClientCheckInput(client_id=client.id),
    ),
    call_client.KIND: ProcessKind(
        kind=call_client.KIND,
        workflow="CallClient",
        workflow_id=lambda client_id, params, _i: call_client.call_client_workflow_id(
            client_id, params.get("reason", "follow-up")
        ),
        make_input=call_client.make_input,
    ),
    follow_up.KIND: ProcessKind(
        kind=follow_up.KIND,
        workflow="FollowUp",
        workflow_id=lambda client_id, params, _i: follow_up.follow_up_workflow_id(
            client_id, params
        ),
        make_input=follow_up.make_input,
    ),
    onboarding.KIND: ProcessKind(
        kind=onboarding.KIND,
        workflow="Onboarding",
        workflow_id=lambda client_id, _p, _i: onboarding.onboarding_workflow_id(client_id),
        make_input=onboarding.make_input,
        once_per_client=True,
    ),
    dormant.KIND: ProcessKind(
        kind=dormant.KIND,
        workflow="DormantReactivation",
        workflow_id=lambda client_id, _p, data: dormant.reactivation_workflow_id(
            client_id, data.episode
        ),
        make_input=dormant.make_input,
    ),
    client_care.KIND: ProcessKind(
        kind=client_care.KIND,
        workflow="ClientCare",
        workflow_id=lambda client_id, params, _i: client_care.client_care_workflow_id(
            client_id, params
        ),
        make_input=client_care.make_input,
    ),
    annual_review.KIND: ProcessKind(
        kind=annual_review.KIND,
        workflow="AnnualReview",
        workflow_id=lambda client_id, _p, data: annual_review.annual_review_workflow_id(
            client_id, data.year
        ),
        make_input=annual_review.make_input,
    ),
    service_request.KIND: ProcessKind(
        kind=service_request.KIND,
        workflow="ServiceRequest",
        workflow_id=lambda client_id, _p, data: service_request.request_workflow_id(
            client_id, data.request_id
        ),
        make_input=service_request.make_input,
    ),
    nps.KIND: ProcessKind(
        kind=nps.KIND,
        workflow="NpsSurvey",
        workflow_id=lambda client_id, _p, data: nps.nps_workflow_id(client_id, data.campaign),
        make_input=nps.make_input,
    ),
}

WORKFLOWS: list[type] = [
    DefinitionWorkflow,
    client_check.ClientCheckWorkflow,
    call_client.CallClientWorkflow,
    follow_up.FollowUpWorkflow,
    date_sweep.DateTriggersSweepWorkflow,
    lifecycle_sweep.LifecycleSweepWorkflow,
    onboarding.OnboardingWorkflow,
    dormant.DormantReactivationWorkflow,
    dormant.DormantScanWorkflow,
    client_care.ClientCareWorkflow,
    quarterly.QuarterlyReportWorkflow,
    quarterly.QuarterlyReportBatchWorkflow,
    quarterly.QuarterlyReportKickoffWorkflow,
    capital_event.CapitalEventWorkflow,
    capital_event.CapitalNoticeBatchWorkflow,
    annual_review.AnnualReviewWorkflow,
    annual_review.AnnualReviewKickoffWorkflow,
    service_request.ServiceRequestWorkflow,
    nps.NpsSurveyWorkflow,
    nps.NpsCampaignWorkflow,
    definition_run.DefinitionRunWorkflow,
    ops_digest.InDoubtDigestWorkflow,
]
