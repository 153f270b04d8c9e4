"""The workflow sandbox every worker and replayer uses.

The sandbox imports a workflow's module afresh for every run, and with it every module that
module imports which is not passed through. Passed through (imported once, shared by every
run): third-party modules that are deterministic, and our own helper modules the workflow
modules build on, which hold workflow code but no state of their own (Temporal's guidance:
pass through models and other modules in separate files whose calls are deterministic). The
workflow modules themselves stay inside the sandbox, where its restrictions apply.
"""

from __future__ import annotations

from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

# The holiday calendars behind SLA clocks load their data lazily on first use.
THIRD_PARTY = ("holidays", "dateutil", "chinese_calendar")
HELPERS = tuple(
    f"services.workflows.worker.processes.{name}"
    for name in (
        "attributes",
        "models",
        "params",
        "questionnaire",
        "request_updates",
        "steps",
        "tasking",
    )
)
INTERPRETER = ("services.workflows.worker.interpreter.people", "services.common.workdays")
PASSTHROUGH_MODULES = THIRD_PARTY + HELPERS + INTERPRETER


def workflow_runner() -> SandboxedWorkflowRunner:
    return SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules(*PASSTHROUGH_MODULES)
    )
